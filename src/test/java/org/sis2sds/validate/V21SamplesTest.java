package org.sis2sds.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.batch.BatchFormat;
import org.sis2sds.batch.V21Enum;
import org.sis2sds.support.Samples;

/**
 * Microsoft's official SDS v2.1 samples validate clean, and a mutation of them breaks each v2.1 rule with the
 * expected message type, file and rule (docs/validator.md, "SDS v2.1 rules").
 */
class V21SamplesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void copySamples() throws IOException {
        Samples.v21(dir);
    }

    private ValidationResult validate() throws IOException {
        return new BatchValidator().validate(dir);
    }

    private String read(String file) throws IOException {
        return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    }

    private void write(String file, String content) throws IOException {
        Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
    }

    /** Replaces the first occurrence of {@code from} in a sample file. */
    private void edit(String file, String from, String to) throws IOException {
        String s = read(file);
        assertThat(s).as("%s holds %s", file, from).contains(from);
        write(file, s.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    }

    private void append(String file, String row) throws IOException {
        write(file, read(file) + row + "\r\n");
    }

    private static List<String> texts(ValidationResult r) {
        return r.messages().stream().map(m -> m.type() + " " + m.fileName() + " " + m.rule() + ": " + m.description())
                .toList();
    }

    /** The one message the mutation gives: its type, file, rule and column. */
    private Message only(String type, String file, String rule) throws IOException {
        ValidationResult r = validate();
        assertThat(r.messages()).as(String.join("\n", texts(r))).extracting(Message::type, Message::fileName,
                Message::rule).containsExactly(tuple(type, file, rule));
        return r.messages().get(0);
    }

    @Test
    void theOfficialSamplesValidateClean() throws IOException {
        ValidationResult r = validate();
        assertThat(texts(r)).isEmpty();
        assertThat(r.format()).isEqualTo(BatchFormat.V2_1);
        assertThat(r.rowCounts()).containsExactly(Map.entry("orgs", 4L), Map.entry("academicSessions", 2L),
                Map.entry("courses", 3L), Map.entry("users", 8L), Map.entry("classes", 2L), Map.entry("roles", 7L),
                Map.entry("enrollments", 6L), Map.entry("demographics", 6L), Map.entry("userFlags", 3L),
                Map.entry("relationships", 3L));
    }

    @Test
    void theMinimalFileSetIsEnough() throws IOException {
        for (String f : List.of("classes.csv", "enrollments.csv", "courses.csv", "demographics.csv", "userFlags.csv",
                "relationships.csv")) {
            Files.delete(dir.resolve(f));
        }
        edit("roles.csv", "\r\n", "\r\n"); // roles refer to sessions, which are present
        assertThat(texts(validate())).isEmpty();
    }

    @Test
    void v21_01_aRequiredFileIsAbsent() throws IOException {
        Files.delete(dir.resolve("roles.csv"));
        Message m = only("Error", "roles.csv", "V21-01");
        assertThat(m.description()).startsWith("roles.csv not found in path ").contains("rerun the sync");
    }

    @Test
    void v21_02_classesWithoutEnrollments() throws IOException {
        Files.delete(dir.resolve("enrollments.csv"));
        assertThat(only("Error", "enrollments.csv", "V21-02").description()).contains("go together");
    }

    @Test
    void v21_02_aReferencedFileIsAbsent() throws IOException {
        Files.delete(dir.resolve("courses.csv"));
        Message m = only("Error", "courses.csv", "V21-02");
        assertThat(m.description()).contains("classes.csv in 2 row(s) (courseSourcedId) refer to it");
        assertThat(m.count()).isEqualTo(2);
        Files.delete(dir.resolve("academicSessions.csv"));
        ValidationResult r = validate();
        assertThat(r.messages()).extracting(Message::fileName, Message::rule).containsExactly(
                tuple("academicSessions.csv", "V21-02"), tuple("courses.csv", "V21-02"));
        assertThat(r.messages().get(0).description()).contains("classes.csv in 2 row(s) (sessionSourcedIds)",
                "roles.csv in 7 row(s) (sessionSourcedId)");
    }

    @Test
    void v21_03_anEmptyFile() throws IOException {
        write("userFlags.csv", "");
        assertThat(only("Error", "userFlags.csv", "V21-03").description()).contains("has no header row");
    }

    @Test
    void v21_04_headersAreCaseSensitive() throws IOException {
        edit("users.csv", "sourcedId,", "sourcedID,");
        ValidationResult r = validate();
        assertThat(texts(r)).containsExactly(
                "Error users.csv V21-04: sourcedId not found in users.csv. Correct the extract to add or ensure it "
                        + "reads as sourcedId. Upload the corrected file and rerun the sync.",
                "Warning users.csv V21-06: Unknown column ignored - sourcedID (headers are case-sensitive: SDS "
                        + "expects sourcedId)");
    }

    @Test
    void v21_05_aDuplicatedHeader() throws IOException {
        edit("classes.csv", "courseSourcedId\r\n", "courseSourcedId,title\r\n");
        edit("classes.csv", "C12001\r\n", "C12001,Again\r\n");
        edit("classes.csv", "B102021\r\n", "B102021,Again\r\n");
        assertThat(only("Error", "classes.csv", "V21-05").description()).isEqualTo("Two or more title found in "
                + "classes.csv. Correct the extract, upload the corrected file, and rerun the sync.");
    }

    @Test
    void v21_06_anUnknownColumnIsAWarning() throws IOException {
        edit("orgs.csv", "parentSourcedId\r\n", "parentSourcedId,mascot\r\n");
        edit("orgs.csv", "college,\r\n", "college,,Owls\r\n");
        edit("orgs.csv", "department,110001\r\n", "department,110001,\r\n");
        edit("orgs.csv", "school,110004\r\n", "school,110004,\r\n");
        edit("orgs.csv", "ministryOfEducation,\r\n", "ministryOfEducation,,\r\n");
        assertThat(only("Warning", "orgs.csv", "V21-06").column()).isEqualTo("mascot");
    }

    @Test
    void v21_07_aBlankRequiredValueIsAnErrorAndABlankNameAWarning() throws IOException {
        edit("orgs.csv", "Computer Science Department", "  ");
        Message m = only("Error", "orgs.csv", "V21-07");
        assertThat(m.description()).isEqualTo("1 row(s) have missing data for the field - name");
        assertThat(m.rows()).containsExactly(2L);
        copySamplesAgain();
        edit("users.csv", "Jack,Craig", "\u00A0,Craig");
        assertThat(only("Warning", "users.csv", "V21-07").column()).isEqualTo("givenName");
    }

    private void copySamplesAgain() throws IOException {
        Samples.v21(dir);
    }

    @Test
    void v21_08_anInvalidValueIsAnErrorInARequiredColumnAndAWarningInAnOptionalOne() throws IOException {
        edit("academicSessions.csv", "2021-09-01", "2021-02-30");
        Message m = only("Error", "academicSessions.csv", "V21-08");
        assertThat(m.column()).isEqualTo("startDate");
        assertThat(m.samples()).containsExactly("2021-02-30");
        assertThat(m.description()).contains("(ISO 8601, such as 2025-08-18)");
        copySamplesAgain();
        edit("users.csv", "+10273841983,+10273841983", "555-1234,+10273841983");
        assertThat(only("Warning", "users.csv", "V21-08").column()).isEqualTo("phone");
        copySamplesAgain();
        edit("users.csv", ",,jean.craig@outlook.com,", ",,a@.b.com,");
        assertThat(only("Warning", "users.csv", "V21-08").column()).isEqualTo("email");
        copySamplesAgain();
        edit("roles.csv", "TRUE", "yes");
        assertThat(only("Warning", "roles.csv", "V21-08").column()).isEqualTo("isPrimary");
        copySamplesAgain();
        edit("academicSessions.csv", "schoolYear,2021", "schoolYear,21");
        assertThat(only("Error", "academicSessions.csv", "V21-08").column()).isEqualTo("schoolYear");
    }

    @Test
    void v21_08_anIdWithASpaceAtItsEndIsNotTheId() throws IOException {
        edit("orgs.csv", "110001,College", "\"110001 \",College");
        ValidationResult r = validate();
        assertThat(r.messages()).extracting(Message::type, Message::fileName, Message::rule, Message::column)
                .contains(tuple("Error", "orgs.csv", "V21-08", "sourcedId"),
                        tuple("Error", "classes.csv", "V21-14", "orgSourcedId"));
    }

    @Test
    void v21_09_aCodeOutsideTheListOfValues() throws IOException {
        edit("orgs.csv", "college", "colege");
        Message m = only("Error", "orgs.csv", "V21-09");
        assertThat(m.description()).isEqualTo("1 row(s) have a value that isn't found in RefOrganizationType. "
                + "Field - type");
        copySamplesAgain();
        edit("roles.csv", ",10,TRUE", ",20,TRUE");
        assertThat(only("Warning", "roles.csv", "V21-09").samples()).containsExactly("20");
        copySamplesAgain();
        edit("demographics.csv", ",asian", ",\"asian,martian\"");
        assertThat(only("Warning", "demographics.csv", "V21-09").column()).isEqualTo("raceCodes");
        copySamplesAgain();
        edit("enrollments.csv", "114008,student", "114008,pupil");
        assertThat(only("Error", "enrollments.csv", "V21-09").column()).isEqualTo("role");
    }

    @Test
    void codesMatchInAnyCaseGradesWithoutTheirLeadingZeroAndTheTenantsOwnCodes() throws IOException {
        edit("enrollments.csv", "114008,student", "114008,STUDENT");
        edit("roles.csv", ",10,TRUE", ",7,true");
        edit("orgs.csv", "college", "College");
        assertThat(texts(validate())).isEmpty();
        edit("courses.csv", ",PS1", ",ps5");
        assertThat(texts(validate())).hasSize(1);
        ValidationOptions o = ValidationOptions.defaults();
        o = new ValidationOptions(o.maxRows(), o.optionalPropertiesToSync(), o.maxRowNumbers(), o.maxSamples(),
                o.maxRecordBytes(), ValidationOptions.parseExtraCodes("grade: ps5 ps6, flag: section504"));
        assertThat(o.extraCodes()).containsEntry(V21Enum.GRADE, Set.of("ps5", "ps6"));
        assertThat(new BatchValidator(o).validate(dir).messages()).isEmpty();
    }

    @Test
    void v21_10_aLineBreakInAValue() throws IOException {
        edit("classes.csv", "Biology 10", "\"Biology\r\n10\"");
        Message m = only("Error", "classes.csv", "V21-10");
        assertThat(m.column()).isEqualTo("title");
        assertThat(m.rows()).containsExactly(2L);
        copySamplesAgain();
        edit("demographics.csv", "Sammamish", "\"Samma\nmish\"");
        assertThat(only("Warning", "demographics.csv", "V21-10").column()).isEqualTo("birthCity");
    }

    @Test
    void v21_11_aRepeatedSourcedIdIsAnError() throws IOException {
        append("users.csv", "114005,bob.smithee@outlook.com,Bob,Smithee,,,bob.smithee@outlook.com,,");
        Message m = only("Error", "users.csv", "V21-11");
        assertThat(m.samples()).containsExactly("114005");
        assertThat(m.rows()).containsExactly(9L);
    }

    @Test
    void v21_12_aRepeatedUsernameInAnyCaseIsAWarning() throws IOException {
        edit("users.csv", "114008,smiller@", "114008,FHutch@");
        assertThat(only("Warning", "users.csv", "V21-12").column()).isEqualTo("username");
    }

    @Test
    void v21_13_aRepeatedRoleIsAWarning() throws IOException {
        append("roles.csv", "114001,110003,Student,,,,,");
        assertThat(only("Warning", "roles.csv", "V21-13").samples()).containsExactly("114001 / 110003 / Student");
    }

    @Test
    void v21_14_referencesAcrossFiles() throws IOException {
        edit("enrollments.csv", "112002,114004", "112009,114004");
        Message m = only("Error", "enrollments.csv", "V21-14");
        assertThat(m.column()).isEqualTo("classSourcedId");
        assertThat(m.samples()).containsExactly("112009");
        copySamplesAgain();
        edit("roles.csv", "114006,110002,professor,FS2021HED", "114006,110002,professor,FS2099");
        assertThat(only("Warning", "roles.csv", "V21-14").column()).isEqualTo("sessionSourcedId");
        copySamplesAgain();
        edit("orgs.csv", "department,110001", "department,110009");
        assertThat(only("Warning", "orgs.csv", "V21-14").column()).isEqualTo("parentSourcedId");
    }

    @Test
    void v21_15_aParentChainThatLoopsIsAnError() throws IOException {
        edit("orgs.csv", "ministryOfEducation,", "ministryOfEducation,110003");
        Message m = only("Error", "orgs.csv", "V21-15");
        assertThat(m.count()).isEqualTo(2);
        assertThat(m.samples()).containsExactly("110003", "110004");
        copySamplesAgain();
        edit("orgs.csv", "college,", "college,110001");
        assertThat(only("Error", "orgs.csv", "V21-15").samples()).containsExactly("110001");
    }

    @Test
    void v21_16_aContactNeedsNamesAndAnEmail() throws IOException {
        edit("users.csv", ",,jean.craig@outlook.com,", ",,,");
        Message m = only("Error", "relationships.csv", "V21-16");
        assertThat(m.rows()).containsExactly(1L, 2L);
        assertThat(m.samples()).containsExactly("114002");
    }

    @Test
    void v21_17_aRowWithAnotherNumberOfFields() throws IOException {
        append("userFlags.csv", "114006,iep,extra");
        assertThat(only("Error", "userFlags.csv", "V21-17").rows()).containsExactly(4L);
    }

    @Test
    void v21_18_aFileThatIsNotUtf8() throws IOException {
        Files.write(dir.resolve("orgs.csv"), read("orgs.csv").replace("TwoDotOne", "Tw\u00f6DotOne")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(only("Error", "orgs.csv", "V21-18").rows()).containsExactly(3L);
        Files.write(dir.resolve("orgs.csv"), read("academicSessions.csv").getBytes(StandardCharsets.UTF_16LE));
        copySamplesAgain();
        Files.write(dir.resolve("userFlags.csv"), read("userFlags.csv").getBytes(StandardCharsets.UTF_16));
        assertThat(only("Error", "userFlags.csv", "V21-18").description()).contains("UTF-16BE", "CSV UTF-8");
    }

    @Test
    void v21_19_aRowWithoutAnEnd() throws IOException {
        edit("demographics.csv", "Redmond", "\"Redmond" + "x".repeat(3000));
        ValidationResult r = new BatchValidator(ValidationOptions.defaults().withMaxRecordBytes(1024)).validate(dir);
        assertThat(r.messages()).extracting(Message::type, Message::fileName, Message::rule, Message::rows)
                .containsExactly(tuple("Error", "demographics.csv", "V21-19", List.of(6L)));
        assertThat(r.rowCounts()).containsEntry("demographics", 5L);
    }

    @Test
    void v21_20_aHeaderOnlyFile() throws IOException {
        write("roles.csv", "userSourcedId,orgSourcedId,role\r\n");
        assertThat(only("Error", "roles.csv", "V21-20").description()).isEqualTo("roles.csv has a header but no "
                + "data rows, and SDS needs roles. Export it with its data and send the batch again.");
        copySamplesAgain();
        write("userFlags.csv", "userSourcedId,flag\r\n");
        assertThat(only("Warning", "userFlags.csv", "V21-20").description()).contains("inactive");
    }

    @Test
    void f01_aFolderMixingV1AndV21IsOneError() throws IOException {
        write("School.csv", "SIS ID,Name\r\nS1,Lincoln\r\n");
        Message m = only("Error", "school.csv", "F01");
        assertThat(m.description()).contains("SDS v1 CSV files (School.csv)", "remove the files of the other format");
        assertThat(new BatchValidator().validate(dir, BatchFormat.V2_1).messages()).isEmpty();
    }

    @Test
    void f02_anSdsV2FileSetIsNamedAsSuch() throws IOException {
        Files.delete(dir.resolve("roles.csv"));
        write("users.csv", "sourcedId,orgSourcedIds,givenName,familyName,username,password,role,grade\r\n"
                + "13001,10001,Ora,Klein,Oklein@classrmtest31.org,P@ssword123,Student,6\r\n");
        Message m = only("Error", "users.csv", "F02");
        assertThat(m.description()).contains("SDS v2 columns orgSourcedIds and role", "Export SDS v2.1 CSV");
    }

    @Test
    void aPasswordIsNeverASample() throws IOException {
        edit("users.csv", "P@ssword123", "\"Secret\r\nPass\"");
        Message m = only("Warning", "users.csv", "V21-10");
        assertThat(m.column()).isEqualTo("password");
        assertThat(m.samples()).isNull();
    }
}
