package org.sis2sds.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.core.Settings;
import org.sis2sds.support.TestPaths;

/**
 * {@code demo --once} in a temporary work dir, publishing to the industryData sandbox: the accepted batches are
 * archived with SDS's run statistics (shown in the summary), the bad one quarantined.
 */
class DemoTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void demoOnceArchivesTheGoodBatchesAndQuarantinesTheBadOneWithItsReports() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Settings s = Settings.load(TestPaths.home(), Map.of());
        int code = new Demo(s, new Demo.Options(work, 300, 7, TestPaths.freePort(), TestPaths.freePort(),
                TestPaths.freePort(), TestPaths.freePort(), true, Duration.ofMinutes(2), "industrydata"),
                new PrintStream(buf, true, StandardCharsets.UTF_8)).run();
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();
        assertThat(out).contains("Everything went as expected.").contains("Summary").doesNotContain("[FAILED]")
                .contains("SDS runs").contains("memberships");

        List<Path> archived = list(work.resolve("archive"));
        assertThat(archived).extracting(p -> p.getFileName().toString())
                .anyMatch(n -> n.startsWith("ps-")).contains("district-export");
        for (Path a : archived) {
            JsonNode r = JSON.readTree(a.resolve("report.json").toFile());
            assertThat(r.path("outcome").asText()).isEqualTo("ACCEPTED");
            assertThat(r.path("sdsStatus").asText()).isEqualTo("completed");
            assertThat(r.path("attributes").path("sds.statistics").path("entities").path("people").path("active")
                    .asLong()).isPositive();
            assertThat(r.path("errorCount").asLong()).isZero();
        }

        List<Path> quarantined = list(work.resolve("quarantine"));
        assertThat(quarantined).hasSize(1);
        Path bad = quarantined.get(0);
        assertThat(bad.getFileName().toString()).startsWith("broken-export-");
        JsonNode r = JSON.readTree(bad.resolve("report.json").toFile());
        assertThat(r.path("outcome").asText()).isEqualTo("QUARANTINED");
        assertThat(r.path("messages").toString())
                .contains("5 row(s) have missing data for the field - SIS ID")
                .contains("3 duplicates found in column Username which requires values to be Unique.")
                .contains("referenced data not found in source. Field - Section SIS ID");
        String html = Files.readString(bad.resolve("report.html"));
        assertThat(html).containsIgnoringCase("section.csv").contains("SIS ID").doesNotContain("<script");
        assertThat(bad.resolve("Section.csv")).exists();
        assertThat(list(work.resolve("inbox"))).isEmpty();
        assertThat(list(work.resolve("processing"))).isEmpty();
    }

    private static List<Path> list(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).toList();
        }
    }
}
