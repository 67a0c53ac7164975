package org.sis2sds.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Concise text logs by default; one JSON object a line with SIS2SDS_LOG_FORMAT=json. */
class JsonLogTest {

    private static List<String> run(String format) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LogProbe.class.getName());
        pb.environment().remove("SIS2SDS_LOG_FORMAT");
        if (format != null) {
            pb.environment().put("SIS2SDS_LOG_FORMAT", format);
        }
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void textByDefault() throws Exception {
        assertThat(run(null)).singleElement().asString().contains("INFO").endsWith("batch b-42 archived");
    }

    @Test
    void jsonOnRequest() throws Exception {
        List<String> lines = run("json");
        assertThat(lines).hasSize(1);
        JsonNode n = new ObjectMapper().readTree(lines.get(0));
        assertThat(n.path("level").asText()).isEqualTo("INFO");
        assertThat(n.path("loggerName").asText()).isEqualTo("org.sis2sds.probe");
        assertThat(n.path("formattedMessage").asText()).isEqualTo("batch b-42 archived");
    }
}
