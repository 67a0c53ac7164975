package org.sis2sds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.batch.DistrictGenerator;
import org.sis2sds.support.Samples;
import org.sis2sds.support.StdStreams;

class ValidateCommandTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final StdStreams std = new StdStreams();

    @Test
    void cleanBatchExitsZeroWithTextReport() throws IOException {
        DistrictGenerator.write(dir, 200, 7L);
        assertThat(Sis2sds.execute("validate", dir.toString())).isZero();
        assertThat(std.out()).contains("Validation of " + dir, "school.csv", "student.csv", "200 rows",
                "Summary: 0 errors, 0 warnings in", "SDS would accept this batch.");
        assertThat(std.err()).isEmpty();
    }

    @Test
    void warningsOnlyExitZero() throws IOException {
        DistrictGenerator.write(dir, 50, 1L);
        Path school = dir.resolve("School.csv");
        String text = Files.readString(school);
        Files.writeString(school, text.replaceFirst("\r\n", ",Mascot\r\n").replace("\r\n", ",\r\n")
                .replaceFirst(",Mascot,\r\n", ",Mascot\r\n"));
        assertThat(Sis2sds.execute("validate", dir.toString())).isZero();
        assertThat(std.out()).contains("Warning  Unknown column ignored - Mascot", "0 errors, 1 warning");
    }

    @Test
    void errorsExitOneWithRowsAndValuesInText() throws IOException {
        DistrictGenerator.write(dir, 50, 1L);
        Files.writeString(dir.resolve("StudentEnrollment.csv"), "NOPE,GHOST\r\nSEC0000001,STU0000001,extra\r\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Files.delete(dir.resolve("TeacherRoster.csv"));
        assertThat(Sis2sds.execute("validate", dir.toString())).isEqualTo(1);
        assertThat(std.out()).contains("Error    File not found - teacherroster.csv",
                "Error    1 row(s) have a different number of fields than the header",
                "Error    1 row(s) have referenced data not found in source. Field - SIS ID",
                "values: \"GHOST\"", "SDS would reject this batch");
        assertThat(std.out()).containsPattern("studentenrollment.csv +\\d+ rows +3 errors, 0 warnings");
    }

    @Test
    void jsonPrintsTheSdsShape() throws Exception {
        DistrictGenerator.write(dir, 50, 1L);
        Files.writeString(dir.resolve("Section.csv"), "SIS ID,School SIS ID,Section Name\r\n");
        assertThat(Sis2sds.execute("validate", dir.toString(), "--json")).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(std.out());
        JsonNode first = root.get("value").get(0);
        assertThat(first.get("type").asText()).isEqualTo("Error");
        assertThat(first.get("fileName").asText()).isEqualTo("studentenrollment.csv");
        assertThat(first.get("description").asText()).matches(
                "\\d+ row\\(s\\) have referenced data not found in source\\. Field - Section SIS ID");
        assertThat(first.get("rows")).hasSize(20);
        assertThat(first.get("rule").asText()).isEqualTo("V08");
        assertThat(first.has("error")).as("no bean properties beyond the message fields").isFalse();
        assertThat(root.get("rowCounts").get("section").asLong()).isZero();
    }

    @Test
    void jsonOfACleanBatchIsAnEmptyList() throws Exception {
        DistrictGenerator.write(dir, 20, 3L);
        assertThat(Sis2sds.execute("validate", "--json", dir.toString())).isZero();
        assertThat(new ObjectMapper().readTree(std.out()).get("value")).isEmpty();
    }

    @Test
    void theRowLimitComesFromTheSettingsLikeInTheDaemon() throws IOException {
        DistrictGenerator.write(dir, 50, 1L);
        System.setProperty("sis2sds.validation.max-rows", "10");
        try {
            assertThat(Sis2sds.execute("validate", dir.toString())).isEqualTo(1);
            assertThat(std.out()).contains("Error    File exceeds the maximum of 10 rows");
            System.setProperty("sis2sds.validation.max-rows", "lots");
            assertThat(Sis2sds.execute("validate", dir.toString())).isEqualTo(2);
            assertThat(std.err()).contains("sis2sds.validation.max-rows").doesNotContain("\tat ");
        } finally {
            System.clearProperty("sis2sds.validation.max-rows");
        }
    }

    @Test
    void missingFolderExitsTwoWithOneSentence() {
        assertThat(Sis2sds.execute("validate", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(std.err().strip()).startsWith("sis2sds: The folder ").endsWith("does not exist; name the batch "
                + "folder that holds the SDS files.").doesNotContain("Exception");
        assertThat(std.out()).isEmpty();
    }

    @Test
    void aFileInsteadOfAFolderExitsTwo() throws IOException {
        Path f = Files.writeString(dir.resolve("School.csv"), "SIS ID,Name\n");
        assertThat(Sis2sds.execute("validate", f.toString())).isEqualTo(2);
        assertThat(std.err()).contains("is not a folder").doesNotContain("\tat ");
    }

    @Test
    void noArgumentIsAUsageError() {
        assertThat(Sis2sds.execute("validate")).isEqualTo(2);
        assertThat(std.err()).contains("DIR");
    }

    @Test
    void aV21FolderIsRecognisedAndReportedFileByFile() throws IOException {
        Samples.v21(dir);
        assertThat(Sis2sds.execute("validate", dir.toString())).isZero();
        assertThat(std.out()).contains("(SDS v2.1 CSV)", "orgs.csv", "4 rows", "academicSessions.csv",
                "relationships.csv", "Summary: 0 errors, 0 warnings in 44 data rows; SDS would accept this batch.");
    }

    @Test
    void v21JsonNamesFilesAsSdsDoes() throws Exception {
        Samples.v21(dir);
        Path sessions = dir.resolve("academicSessions.csv");
        Files.writeString(sessions, Files.readString(sessions).replace("2021-12-01", "12/1/2021"));
        assertThat(Sis2sds.execute("validate", dir.toString(), "--json")).isEqualTo(1);
        JsonNode m = new ObjectMapper().readTree(std.out()).get("value").get(0);
        assertThat(m.get("type").asText()).isEqualTo("Error");
        assertThat(m.get("fileName").asText()).isEqualTo("academicSessions.csv");
        assertThat(m.get("rule").asText()).isEqualTo("V21-08");
        assertThat(m.get("column").asText()).isEqualTo("endDate");
        assertThat(m.get("rows").get(0).asLong()).isEqualTo(2);
        assertThat(m.get("samples").get(0).asText()).isEqualTo("12/1/2021");
        assertThat(new ObjectMapper().readTree(std.out()).get("rowCounts").get("academicSessions").asLong())
                .isEqualTo(2);
    }

    @Test
    void formatForcesOneFormat() throws IOException {
        Samples.v21(dir);
        assertThat(Sis2sds.execute("validate", dir.toString(), "--format", "v1")).isEqualTo(1);
        assertThat(std.out()).contains("(SDS v1 CSV)", "File not found - school.csv");
    }

    @Test
    void anUnknownFormatIsAUsageError() throws IOException {
        assertThat(Sis2sds.execute("validate", dir.toString(), "--format", "v2")).isEqualTo(2);
        assertThat(std.err().strip()).isEqualTo("sis2sds: --format must be v1 or v2.1, not 'v2'.");
    }

    @Test
    void aFolderMixingFormatsIsOneError() throws IOException {
        Samples.v21(dir);
        DistrictGenerator.write(dir, 20, 1L);
        assertThat(Sis2sds.execute("validate", dir.toString())).isEqualTo(1);
        assertThat(std.out()).contains("The folder mixes SDS v1 CSV files", "Summary: 1 error, 0 warnings");
    }
}
