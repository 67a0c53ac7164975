package org.sis2sds.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.sis2sds.batch.SdsFile;

class ValidatorTest {
    @TempDir
    Path dir;

    static final String SCHOOL = "SIS ID,Name\nSCH1,Lincoln High\nSCH2,Adams Middle\n";
    static final String SECTION = "SIS ID,School SIS ID,Section Name,Term StartDate\nSEC1,SCH1,Math 1,2025-08-20\n"
            + "SEC2,SCH2,Art,8/20/2025\n";
    static final String STUDENT = "SIS ID,School SIS ID,Username,Birthdate,Graduation Year,Secondary Email\n"
            + "ST1,SCH1,jdoe,2010-02-28,2028,j@example.org\nST2,SCH2,asmith,20100301,2029,\n";
    static final String TEACHER = "SIS ID,School SIS ID,Username\nT1,SCH1,mjones\nT2,SCH2,bbrown\n";
    static final String ENROLL = "Section SIS ID,SIS ID\nSEC1,ST1\nSEC2,ST2\n";
    static final String ROSTER = "Section SIS ID,SIS ID\nSEC1,T1\nSEC2,T2\n";

    @BeforeEach
    void goodBatch() throws IOException {
        write("School.csv", SCHOOL);
        write("Section.csv", SECTION);
        write("Student.csv", STUDENT);
        write("Teacher.csv", TEACHER);
        write("StudentEnrollment.csv", ENROLL);
        write("TeacherRoster.csv", ROSTER);
    }

    void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    ValidationResult validate() throws IOException {
        return new Validator().validate(dir);
    }

    static List<String> texts(ValidationResult r) {
        return r.messages().stream().map(m -> m.type() + " " + m.fileName() + ": " + m.description()).toList();
    }

    @Test
    void aGoodBatchHasNoMessagesAndCountsRows() throws IOException {
        ValidationResult r = validate();
        assertThat(r.messages()).isEmpty();
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.rowCounts()).containsExactly(Map.entry("school", 2L), Map.entry("section", 2L),
                Map.entry("student", 2L), Map.entry("teacher", 2L), Map.entry("studentenrollment", 2L),
                Map.entry("teacherroster", 2L));
    }

    @Test
    void v01FileNotFoundSkipsReferencesIntoIt() throws IOException {
        Files.delete(dir.resolve("Section.csv"));
        ValidationResult r = validate();
        assertThat(texts(r)).containsExactly("Error section.csv: File not found - section.csv");
        assertThat(r.rowCounts()).containsEntry("section", 0L);
    }

    @Test
    void fileNamesMatchCaseInsensitively() throws IOException {
        Files.move(dir.resolve("School.csv"), dir.resolve("school.CSV"));
        Files.move(dir.resolve("TeacherRoster.csv"), dir.resolve("TEACHERROSTER.csv"));
        assertThat(validate().messages()).isEmpty();
    }

    @Test
    void v02HeaderRowMissingAndNothingElseForThatFile() throws IOException {
        write("School.csv", "");
        write("Teacher.csv", "\uFEFF\r\n\r\n");
        ValidationResult r = validate();
        assertThat(texts(r)).containsExactly("Error school.csv: Header row missing",
                "Error teacher.csv: Header row missing");
        assertThat(r.rowCounts()).containsEntry("school", 0L);
    }

    @Test
    void v03RequiredColumnMissingSuppressesOtherRulesForTheColumnAndV08IntoIt() throws IOException {
        write("School.csv", "Name\nLincoln\n");
        write("StudentEnrollment.csv", "SIS ID\nST1\nNOPE\n");
        ValidationResult r = validate();
        assertThat(texts(r)).containsExactly("Error school.csv: Required column missing - SIS ID",
                "Error studentenrollment.csv: Required column missing - Section SIS ID",
                "Error studentenrollment.csv: 1 row(s) have referenced data not found in source. Field - SIS ID");
    }

    @Test
    void v04DuplicateColumn() throws IOException {
        write("School.csv", "SIS ID,Name,SIS ID\nSCH1,A,X\nSCH2,B,Y\n");
        assertThat(texts(validate())).containsExactly("Error school.csv: Duplicate column found - SIS ID");
    }

    @Test
    void v05MissingDataCountsRowsAndCarriesRowNumbers() throws IOException {
        write("Section.csv", "SIS ID,School SIS ID,Section Name\n,SCH1,A\n  ,SCH1,B\nSEC3,SCH1,\nSEC1,SCH1,M\n"
                + "SEC2,SCH2,N\n");
        ValidationResult r = validate();
        assertThat(r.messages()).extracting(Message::type, Message::fileName, Message::description, Message::rows)
                .containsExactly(
                        tuple("Error", "section.csv", "2 row(s) have missing data for the field - SIS ID",
                                List.of(1L, 2L)),
                        tuple("Error", "section.csv", "1 row(s) have missing data for the field - Section Name",
                                List.of(3L)));
        assertThat(r.messages().get(0).rule()).isEqualTo("V05");
        assertThat(r.messages().get(0).count()).isEqualTo(2L);
    }

    @Test
    void v05WarningForOptionalPropertiesToSyncOnly() throws IOException {
        write("Student.csv", "SIS ID,School SIS ID,Username,First Name,Password\nST1,SCH1,jdoe,,\n"
                + "ST2,SCH2,asmith,Ann, \n");
        assertThat(validate().messages()).isEmpty();
        ValidationOptions o = new ValidationOptions(2_000_000,
                Map.of(SdsFile.STUDENT, Set.of("First Name", "Password", "Middle Name")), 20, 5);
        ValidationResult r = new Validator(o).validate(dir);
        assertThat(texts(r)).containsExactly(
                "Warning student.csv: 1 row(s) have missing data for the field - First Name",
                "Warning student.csv: 2 row(s) have missing data for the field - Password");
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.messages()).allSatisfy(m -> assertThat(m.samples()).isNull());
    }

    @Test
    void v06FormatRules() throws IOException {
        write("Section.csv", "SIS ID,School SIS ID,Section Name,Term StartDate,Term EndDate,Course SIS ID\n"
                + "SEC 1,SCH1,A,2025-02-29,2024-02-29,C1\n"
                + "SEC\t2,SCH1,B,13/1/2025,1/31/2025,C\u00A02\n"
                + "SEC3,SCH1,C,20250231,12/1/2025," + "x".repeat(257) + "\n"
                + "SEC1,SCH1,D,2025-8-1,2025-08-01,C4\n"
                + "SEC2,SCH2,E,08/01/25,20250801,C5\n");
        write("School.csv", "SIS ID,Name,Principal SIS ID,Principal Secondary Email\nSCH1,A,P 1,p@x.org\n"
                + "SCH2,B,P2,p@.org\n");
        ValidationResult r = validate();
        assertThat(texts(r)).containsExactly(
                "Error school.csv: 1 row(s) have an invalid format for the field - Principal SIS ID",
                "Error school.csv: 1 row(s) have an invalid format for the field - Principal Secondary Email",
                "Error section.csv: 2 row(s) have an invalid format for the field - SIS ID",
                "Error section.csv: 5 row(s) have an invalid format for the field - Term StartDate",
                "Error section.csv: 2 row(s) have an invalid format for the field - Course SIS ID");
        Message sisId = r.messages().get(2);
        assertThat(sisId.samples()).containsExactly("SEC 1", "SEC\t2");
        assertThat(sisId.rows()).containsExactly(1L, 2L);
    }

    @Test
    void v06StudentFormats() throws IOException {
        write("Student.csv", "SIS ID,School SIS ID,Username,Birthdate,Graduation Year,Secondary Email\n"
                + "ST1,SCH1,j doe,2010-02-28,28,j@example\n"
                + "ST2,SCH2,asmith,2010-02-28,2029,a@b@c.org\n"
                + "ST3,SCH2,bsmith,2/30/2010,２０２９,b smith@c.org\n"
                + "ST4,SCH2,csmith,2010-02-28,2029,@c.org\n"
                + "ST5,SCH2,dsmith,2010-02-28,2029,d@c.org\n");
        write("StudentEnrollment.csv", "Section SIS ID,SIS ID\nSEC1,ST1\n");
        ValidationResult r = validate();
        assertThat(texts(r)).containsExactly(
                "Error student.csv: 1 row(s) have an invalid format for the field - Username",
                "Error student.csv: 1 row(s) have an invalid format for the field - Birthdate",
                "Error student.csv: 2 row(s) have an invalid format for the field - Graduation Year",
                "Error student.csv: 4 row(s) have an invalid format for the field - Secondary Email");
        assertThat(r.messages().get(3).samples()).containsExactly("j@example", "a@b@c.org", "b smith@c.org",
                "@c.org");
    }

    @Test
    void byteLevelFormatChecksAgreeWithTheStringRules() throws IOException {
        String[] dates = {"2024-02-29", "2023-02-29", "20240430", "20240431", "1/1/2020", "12/31/2020", "13/1/2020",
            "2020-1-01", "2020/01/01", "01-01-2020", "1/1/20", "20a40101", "2024-0a-01", "0000-01-01"};
        String[] emails = {"a@b.c", "a@b", "a@.b", "a@b.", "@b.c", "a@", "a@@b.c", "a b@c.d", "a@b.c.d", "a@b..c",
            "ab@c.d\u007f"};
        StringBuilder sb = new StringBuilder("Birthdate,Secondary Email\n");
        for (int i = 0; i < Math.max(dates.length, emails.length); i++) {
            sb.append(i < dates.length ? dates[i] : "2020-01-01").append(',')
                    .append(i < emails.length ? emails[i] : "x@y.z").append('\n');
        }
        try (org.sis2sds.batch.CsvRowReader r = new org.sis2sds.batch.CsvRowReader(
                new java.io.ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)))) {
            r.next();
            for (int i = 0; r.next(); i++) {
                assertThat(Formats.date(r, 0)).as(r.get(0)).isEqualTo(Formats.date(r.get(0)));
                assertThat(Formats.email(r, 1)).as(r.get(1)).isEqualTo(Formats.email(r.get(1)));
            }
        }
    }

    @Test
    void theSecondThreadGivesExactlyTheSameMessages() throws IOException {
        Path d = dir.resolve("district");
        org.sis2sds.batch.DistrictGenerator.write(d, 3000, 11L);
        Path st = d.resolve("Student.csv");
        Files.writeString(st, Files.readString(st) + "STU0000001,SCH00001,X1,,,,,,,,,,\r\nSTU9,SCH00001,CCook100001,,,,,,,,,,"
                + "\r\nSTU10,NOPE,u10,,,,,,,,,,\r\nSTU11,SCH00001,u11,,,,bad mail,,,,,13/13/2010,99\r\n"
                + "STU12,SCH00001\r\n");
        Path en = d.resolve("StudentEnrollment.csv");
        StringBuilder sb = new StringBuilder(Files.readString(en));
        for (int i = 0; i < 50; i++) {
            sb.append("SEC0000001,GHOST").append(i % 9).append("\r\nSEC999").append(i).append(",STU0000002\r\n");
        }
        Files.writeString(en, sb.toString());
        Validator inline = new Validator();
        inline.parallelThreshold = Long.MAX_VALUE;
        Validator threaded = new Validator();
        threaded.parallelThreshold = 0;
        ValidationResult a = inline.validate(d);
        ValidationResult b = threaded.validate(d);
        assertThat(a.messages()).isNotEmpty().isEqualTo(b.messages());
        assertThat(a.rowCounts()).isEqualTo(b.rowCounts());
        for (int size : new int[] {16, 100, 4096}) { // many buffer hand-overs, both ways
            inline.bufferSize = size;
            threaded.bufferSize = size;
            assertThat(inline.validate(d).messages()).as("inline, buffer %d", size).isEqualTo(a.messages());
            assertThat(threaded.validate(d).messages()).as("threaded, buffer %d", size).isEqualTo(a.messages());
        }
        assertThat(texts(b)).contains(
                "Error student.csv: 1 row(s) have referenced data not found in source. Field - School SIS ID",
                "Error student.csv: 1 row(s) have an invalid format for the field - Birthdate",
                "Error student.csv: 1 row(s) have a different number of fields than the header",
                "Warning student.csv: 1 duplicates found in column SIS ID which requires values to be Unique.",
                "Error studentenrollment.csv: 50 row(s) have referenced data not found in source. Field - Section SIS ID",
                "Error studentenrollment.csv: 50 row(s) have referenced data not found in source. Field - SIS ID");
    }

    @Test
    void anInterruptedValidationStopsItsSecondThread() throws Exception {
        Path d = dir.resolve("district");
        org.sis2sds.batch.DistrictGenerator.write(d, 3000, 2L);
        Validator v = new Validator();
        v.parallelThreshold = 0;
        v.bufferSize = 64;
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> v.validate(d)).isInstanceOf(IOException.class);
        } finally {
            Thread.interrupted();
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces()
                .keySet().stream().noneMatch(t -> t.getName().equals("sis2sds-validate-sets")));
        assertThat(v.validate(d).messages()).isEmpty();
    }

    @Test
    void formatHelpers() {
        assertThat(Formats.date("2024-02-29")).isTrue();
        assertThat(Formats.date("2023-02-29")).isFalse();
        assertThat(Formats.date("1900-02-29")).isFalse();
        assertThat(Formats.date("2000-02-29")).isTrue();
        assertThat(Formats.date("20240430")).isTrue();
        assertThat(Formats.date("20240431")).isFalse();
        assertThat(Formats.date("7/1/2017")).isTrue();
        assertThat(Formats.date("07/01/2017")).isTrue();
        assertThat(Formats.date("7/1/17")).isFalse();
        assertThat(Formats.date("2017-7-1")).isFalse();
        assertThat(Formats.date("0000-01-01")).isFalse();
        assertThat(Formats.email("a.b@c.d")).isTrue();
        assertThat(Formats.email("a@c")).isFalse();
        assertThat(Formats.email("a@.c")).isFalse();
        assertThat(Formats.email("a@c.")).isFalse();
        assertThat(Formats.id("x".repeat(256))).isTrue();
        assertThat(Formats.id("x".repeat(257))).isFalse();
        assertThat(Formats.id("日本")).isTrue();
        assertThat(Formats.id("a\u0001")).isFalse();
    }

    @Test
    void v07DuplicatesCountRepeatsUsernamesCaseInsensitiveWarningForPeopleErrorForSchoolAndSection()
            throws IOException {
        write("School.csv", "SIS ID,Name\nSCH1,A\nSCH2,B\nSCH1,C\nSCH1,D\nsch1,E\n");
        write("Section.csv", "SIS ID,School SIS ID,Section Name\nSEC1,SCH1,A\nSEC2,SCH2,B\nSEC2,SCH2,B\n");
        write("Student.csv", "SIS ID,School SIS ID,Username\nST1,SCH1,JDoe\nST2,SCH1,jdoe\nST3,SCH1,JDOE\n"
                + "ST3,SCH1,zoë\nST4,SCH1,ZOË\nST5,SCH1,\n");
        write("Teacher.csv", "SIS ID,School SIS ID,Username\nT1,SCH1,mjones\nT2,SCH2,bbrown\nT1,SCH2,cc\n");
        ValidationResult r = validate();
        assertThat(texts(r)).containsExactly(
                "Error school.csv: 2 duplicates found in column SIS ID which requires values to be Unique.",
                "Error section.csv: 1 duplicates found in column SIS ID which requires values to be Unique.",
                "Error student.csv: 1 row(s) have missing data for the field - Username",
                "Warning student.csv: 1 duplicates found in column SIS ID which requires values to be Unique.",
                "Warning student.csv: 3 duplicates found in column Username which requires values to be Unique.",
                "Warning teacher.csv: 1 duplicates found in column SIS ID which requires values to be Unique.");
        Message users = r.messages().get(4);
        assertThat(users.rows()).containsExactly(2L, 3L, 5L);
        assertThat(users.samples()).containsExactly("jdoe", "JDOE", "ZOË");
    }

    @Test
    void v08ReferencesCompareExactlyAndCountRows() throws IOException {
        write("Student.csv", "SIS ID,School SIS ID,Username\nST1,SCH1,jdoe\nST2,sch1,asmith\nST3,NOPE,x\n");
        write("StudentEnrollment.csv", "Section SIS ID,SIS ID\nSEC1,ST1\nSEC9,ST9\nSEC9,ST1\n,ST2\nSEC1,st1\n");
        write("TeacherRoster.csv", "Section SIS ID,SIS ID\nSEC1,T1\nSEC2,T9\n");
        ValidationResult r = validate();
        assertThat(texts(r)).containsExactly(
                "Error student.csv: 2 row(s) have referenced data not found in source. Field - School SIS ID",
                "Error studentenrollment.csv: 1 row(s) have missing data for the field - Section SIS ID",
                "Error studentenrollment.csv: 2 row(s) have referenced data not found in source. Field - Section SIS ID",
                "Error studentenrollment.csv: 2 row(s) have referenced data not found in source. Field - SIS ID",
                "Error teacherroster.csv: 1 row(s) have referenced data not found in source. Field - SIS ID");
        Message m = r.messages().get(2);
        assertThat(m.rows()).containsExactly(2L, 3L);
        assertThat(m.samples()).containsExactly("SEC9");
    }

    @Test
    void v08SkippedWhenTargetFileEmpty() throws IOException {
        write("Student.csv", "");
        assertThat(texts(validate())).containsExactly("Error student.csv: Header row missing");
    }

    @Test
    void v09DifferentNumberOfFieldsSkipsTheRow() throws IOException {
        write("Teacher.csv", "SIS ID,School SIS ID,Username\nT1,SCH1,mjones\nT2,SCH2\nT3,SCH2,x,extra\n"
                + "\"T4,SCH2\",y\n");
        ValidationResult r = validate();
        assertThat(texts(r)).containsExactly(
                "Error teacher.csv: 3 row(s) have a different number of fields than the header",
                "Error teacherroster.csv: 1 row(s) have referenced data not found in source. Field - SIS ID");
        assertThat(r.messages().get(0).rows()).containsExactly(2L, 3L, 4L);
        assertThat(r.rowCounts()).containsEntry("teacher", 4L);
    }

    @Test
    void v10TooManyRows() throws IOException {
        ValidationResult r = new Validator(new ValidationOptions(1, Map.of(), 20, 5)).validate(dir);
        assertThat(texts(r)).hasSize(6).allMatch(t -> t.endsWith("File exceeds the maximum of 1 rows"));
        assertThat(texts(new Validator(new ValidationOptions(2, Map.of(), 20, 5)).validate(dir))).isEmpty();
    }

    @Test
    void v10DefaultTextNamesTwoMillion() throws IOException {
        ValidationResult r = new Validator(new ValidationOptions(2_000_000, Map.of(), 20, 5)).validate(dir);
        assertThat(r.messages()).isEmpty();
        // the text with the SDS limit, as the defaults render it
        ValidationResult tiny = new Validator(new ValidationOptions(0, Map.of(), 20, 5)).validate(dir);
        assertThat(tiny.messages().get(0).description()).isEqualTo("File exceeds the maximum of 0 rows");
        assertThat(ValidationOptions.defaults().maxRows()).isEqualTo(2_000_000);
    }

    @Test
    void v11InvalidUtf8IsReportedOnceAndTheRestStillChecked() throws IOException {
        byte[] latin1 = "SIS ID,Name\nSCH1,Jos\u00e9 Mart\u00ed High\nSCH2,B\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("School.csv"), latin1);
        ValidationResult r = validate();
        assertThat(texts(r)).containsExactly("Error school.csv: File is not valid UTF-8 text");
        assertThat(r.messages().get(0).rule()).isEqualTo("V11");
        assertThat(r.messages().get(0).rows()).containsExactly(1L);
        assertThat(r.rowCounts()).containsEntry("school", 2L);
    }

    @Test
    void v12UnknownColumnIsAWarningAndIgnored() throws IOException {
        write("School.csv", "SIS ID,Name,Mascot,sis id\nSCH1,A,,\nSCH2,B,Owls,\n");
        ValidationResult r = validate();
        assertThat(texts(r)).containsExactly("Warning school.csv: Unknown column ignored - Mascot",
                "Warning school.csv: Unknown column ignored - sis id");
        assertThat(r.hasErrors()).isFalse();
    }

    @Test
    void bomCrlfQuotingAndHeaderWhitespace() throws IOException {
        write("School.csv", "\uFEFF\"SIS ID\", Name \r\n\"SCH1\",\"Lincoln, \"\"The\"\" High\"\r\nSCH2,\"Two\r\nLines\"\r\n");
        ValidationResult r = validate();
        assertThat(r.messages()).isEmpty();
        assertThat(r.rowCounts()).containsEntry("school", 2L);
    }

    @Test
    void orderingIsFileThenRuleThenColumnPosition() throws IOException {
        write("TeacherRoster.csv", "SIS ID,Section SIS ID,Extra\nT9,SEC9,\n");
        write("School.csv", "Zone,Name,Name,SIS ID\nz,A,A,SCH1\nz,,B,SCH2\n");
        write("Student.csv", "Username,Birthdate,School SIS ID,SIS ID\njdoe,1/1/2010,SCH1,ST1\n,bad,SCH9,\n");
        Files.delete(dir.resolve("Teacher.csv"));
        ValidationResult r = validate();
        assertThat(r.messages()).extracting(Message::fileName, Message::rule, Message::column).containsExactly(
                tuple("school.csv", "V04", "Name"),
                tuple("school.csv", "V05", "Name"),
                tuple("student.csv", "V05", "Username"),
                tuple("student.csv", "V05", "SIS ID"),
                tuple("student.csv", "V06", "Birthdate"),
                tuple("student.csv", "V08", "School SIS ID"),
                tuple("teacher.csv", "V01", null),
                tuple("studentenrollment.csv", "V08", "SIS ID"),
                tuple("teacherroster.csv", "V08", "Section SIS ID"),
                tuple("teacherroster.csv", "V12", "Extra"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\u00A0", "\u2007", "\u202F", "\u0085", " \u00A0 "})
    void v05ACellOfUnicodeWhiteSpaceOnlyIsMissingData(String blank) throws IOException {
        write("Teacher.csv", "SIS ID,School SIS ID,Username\nT1,SCH1,mjones\nT2,SCH2," + blank + "\n");
        write("TeacherRoster.csv", "Section SIS ID,SIS ID\nSEC1,T1\n");
        ValidationResult r = validate();
        assertThat(texts(r)).containsExactly("Error teacher.csv: 1 row(s) have missing data for the field - Username");
        assertThat(r.messages().get(0).rows()).containsExactly(2L);
    }

    @Test
    void emailsFollowRfc5322AsTheDocsSay() {
        for (String ok : new String[] {"a@b.com", "jean.craig@outlook.com", "o'brien+x@b.co.uk", "\"a b\"@c.org",
            "zoë@exämple.org", "a@[192.0.2.1]", "x_y-z@b-c.d"}) {
            assertThat(Formats.email(ok)).as(ok).isTrue();
        }
        for (String bad : new String[] {"a@.b.com", "a@b..", "a@b..c", ".a@b.c", "a.@b.c", "a..b@c.d", "a@b",
            "a@b.", "@b.c", "a@@b.c", "a b@c.d", "a@b.c\u00A0", "\"a@b.c", "a@b,c.d"}) {
            assertThat(Formats.email(bad)).as(bad).isFalse();
        }
    }

    @Test
    void v13ARowLongerThanTheCapStopsTheFileWithAClearError() throws IOException {
        StringBuilder sb = new StringBuilder("SIS ID,Name\nSCH1,Lincoln High\nSCH2,\"");
        sb.append("x".repeat(5000)); // an unclosed quote: the rest of the file is one cell
        sb.append("\nSCH3,Three\n");
        write("School.csv", sb.toString());
        ValidationResult r = new Validator(ValidationOptions.defaults().withMaxRecordBytes(2048)).validate(dir);
        assertThat(texts(r)).containsExactly("Error school.csv: Row 2 is longer than 2 KB "
                + "(sis2sds.validation.max-record-size): a line break is missing or a quote is not closed; the file "
                + "was not read past it");
        assertThat(r.messages().get(0).rule()).isEqualTo("V13");
        assertThat(r.messages().get(0).rows()).containsExactly(2L);
        assertThat(r.rowCounts()).containsEntry("school", 1L);
    }

    @Test
    void v11AUtf16FileIsNotUtf8AndNothingElseIsSaidAboutIt() throws IOException {
        Files.write(dir.resolve("School.csv"), SCHOOL.getBytes(StandardCharsets.UTF_16LE));
        ValidationResult r = validate();
        assertThat(texts(r)).containsExactly("Error school.csv: File is not valid UTF-8 text");
        assertThat(r.messages().get(0).rule()).isEqualTo("V11");
    }

    @Test
    void rowsAreCappedAtTwentyAndSamplesAtFiveDistinct() throws IOException {
        StringBuilder sb = new StringBuilder("Section SIS ID,SIS ID\n");
        for (int i = 1; i <= 30; i++) {
            sb.append("SEC1,X").append(i % 7).append('\n');
        }
        write("StudentEnrollment.csv", sb.toString());
        Message m = validate().messages().get(0);
        assertThat(m.description()).isEqualTo("30 row(s) have referenced data not found in source. Field - SIS ID");
        assertThat(m.count()).isEqualTo(30);
        assertThat(m.rows()).hasSize(20).startsWith(1L, 2L).endsWith(20L);
        assertThat(m.samples()).containsExactly("X1", "X2", "X3", "X4", "X5");
    }
}
