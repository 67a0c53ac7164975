package org.sis2sds.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.validate.Message;
import org.sis2sds.validate.ValidationResult;

public class ReportWriterTest {
    @TempDir
    Path tmp;

    /** A quarantined batch with validator and SDS messages, some carrying HTML. */
    public static Batch sample(Path dir) {
        Batch b = new Batch("fall-<term>", dir, "drop", "csv-drop");
        b.setRunId(42L);
        b.setOutcome(Batch.Outcome.QUARANTINED);
        b.setReason("The batch has 3 error(s) that SDS would reject; fix them in the source and drop the batch again.");
        b.setValidation(new ValidationResult(List.of(
                new Message("Error", "student.csv", "1 row(s) have missing data for the field - Username", "V05",
                        "Username", 1L, List.of(2L), List.of()),
                new Message("Warning", "student.csv", "1 duplicates found in column Username which requires values to be "
                        + "Unique.", "V07", "Username", 1L, List.of(5L), List.of("ann@lincoln.org")),
                new Message("Error", "studentenrollment.csv", "1 row(s) have referenced data not found in source. "
                        + "Field - SIS ID", "V08", "SIS ID", 1L, List.of(3L), List.of("<script>alert(1)</script>"))),
                Map.of("school", 1L, "section", 1L, "student", 2L, "teacher", 1L, "studentenrollment", 3L,
                        "teacherroster", 1L)));
        b.getSdsMessages().add(Message.of("Error", "section.csv", "Required column missing - Section Name"));
        b.setSdsStatus("quarantined");
        b.getSdsErrors().add(Map.of("message", "Sync stopped & <b>paused</b>"));
        return b;
    }

    @Test
    void jsonHoldsEverythingAScriptNeeds() throws Exception {
        Batch b = sample(tmp);
        Path f = new ReportWriter().writeJson(b, tmp, tmp.resolve("quarantine/x"), Instant.parse("2026-11-30T12:00:00Z"));
        JsonNode j = new ObjectMapper().readTree(f.toFile());
        assertThat(j.get("batchId").asText()).isEqualTo("fall-<term>");
        assertThat(j.get("outcome").asText()).isEqualTo("QUARANTINED");
        assertThat(j.get("source").asText()).isEqualTo("drop");
        assertThat(j.get("syncId").asText()).isEqualTo("csv-drop");
        assertThat(j.get("runId").asLong()).isEqualTo(42);
        assertThat(j.get("reason").asText()).startsWith("The batch has 3 error(s)");
        assertThat(j.get("errorCount").asLong()).isEqualTo(3);
        assertThat(j.get("warningCount").asLong()).isEqualTo(1);
        assertThat(j.get("rowCounts").get("student").asLong()).isEqualTo(2);
        assertThat(j.get("messages")).hasSize(4);
        assertThat(j.get("messages").get(0).get("rows").get(0).asLong()).isEqualTo(2);
        assertThat(j.get("sdsStatus").asText()).isEqualTo("quarantined");
        assertThat(j.get("sdsErrors").get(0).get("message").asText()).contains("paused");
        assertThat(j.get("finishedAt").asText()).isEqualTo("2026-11-30T12:00:00Z");
    }

    @Test
    void htmlIsSelfContainedEscapedAndSaysWhatToFix() throws Exception {
        Batch b = sample(tmp);
        String html = Files.readString(new ReportWriter().writeHtml(b, tmp, tmp.resolve("q"), Instant.now()));
        assertThat(html).doesNotContain("<script").doesNotContain("<b>paused").doesNotContain("fall-<term>")
                .doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://")
                .doesNotContain("src=").doesNotContain("<link");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "fall-&lt;term&gt;",
                "NOT sent to School Data Sync", "Rows read per file", "StudentEnrollment.csv",
                "1 row(s) have missing data for the field - Username", "Fill in the value",
                "Add the missing record", "Give every record its own ID", "spelled exactly as shown",
                "class=\"tag err\"", "class=\"tag warn\"");
    }

    @Test
    void adviceCoversEveryRuleAndSdsTexts() {
        List<String> rules = new java.util.ArrayList<>(List.of("F01", "F02"));
        for (int i = 1; i <= 13; i++) {
            rules.add(String.format("V%02d", i));
        }
        for (int i = 1; i <= 20; i++) {
            rules.add(String.format("V21-%02d", i));
        }
        for (String rule : rules) {
            assertThat(FixAdvice.forMessage(new Message("Error", "x.csv", "?", rule, null, null, null, null)))
                    .as(rule).doesNotStartWith("SDS refused");
        }
        assertThat(FixAdvice.forMessage(Message.of("Error", "student.csv",
                "4 row(s) have an invalid format for the field - Birthdate"))).contains("2024-08-31");
        assertThat(FixAdvice.forMessage(Message.of("Error", "x", "Something new"))).startsWith("SDS refused");
    }

    @Test
    void aV21BatchIsReportedWithItsOwnFiles() throws Exception {
        Batch b = new Batch("v21", tmp, "drop", "csv-drop");
        b.setOutcome(Batch.Outcome.QUARANTINED);
        b.setFormat(org.sis2sds.batch.BatchFormat.V2_1);
        b.setValidation(new ValidationResult(List.of(new Message("Error", "academicSessions.csv", "1 row(s) have an "
                + "invalid format for the field - startDate", "V21-08", "startDate", 1L, List.of(2L),
                List.of("2021-02-30"))), Map.of("orgs", 4L, "academicSessions", 2L), org.sis2sds.batch.BatchFormat.V2_1));
        String html = new ReportWriter().html(b, tmp, Instant.now());
        assertThat(html).contains("Rows read per file (SDS v2.1 CSV)", "<td>orgs.csv</td>", "<h3>academicSessions.csv</h3>",
                "dates like 2025-08-18").doesNotContain("School.csv");
        assertThat(new ReportWriter().model(b, tmp, Instant.now())).containsEntry("format", "v2.1");
    }
}
