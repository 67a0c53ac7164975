package org.sis2sds.powerschool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.sandbox.powerschool.PowerSchoolSandbox;
import org.sis2sds.support.DaemonTestSupport;
import org.sis2sds.support.TestPaths;

/** direct:extract-powerschool through the real routes and config, against the sandbox. */
class PowerSchoolRouteTest extends DaemonTestSupport {
    PowerSchoolSandbox sandbox;

    @Override
    protected void overrides(Map<String, String> o) {
        try {
            sandbox = new PowerSchoolSandbox(new PowerSchoolSandbox.Options().port(TestPaths.freePort())
                    .students(300).startYear(2025)).start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        o.putAll(sandbox.clientSettings());
        o.put("sis2sds.powerschool.max-attempts", "2");
        o.put("sis2sds.powerschool.retry-base-delay", "10ms");
    }

    @AfterEach
    void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    List<Path> list(String folder) throws IOException {
        Path p = workDir.resolve(folder);
        if (!Files.isDirectory(p)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.toList();
        }
    }

    @Test
    void anExtractedBatchGoesThroughThePipeline() throws Exception {
        Map<String, Object> headers = new HashMap<>();
        headers.put("syncId", "nightly");
        headers.put("syncConfiguration", Map.of("schools", "101"));
        Batch b = template.requestBodyAndHeaders("direct:extract-powerschool", null, headers, Batch.class);
        assertThat(b.getSource()).isEqualTo("powerschool");
        assertThat(b.getSyncId()).isEqualTo("nightly");
        assertThat(b.getOutcome()).as(String.valueOf(b.getValidation())).isEqualTo(Batch.Outcome.ACCEPTED);
        assertThat(b.hasErrors()).isFalse();
        assertThat(b.getAttributes()).containsKey("extractedRows");
        assertThat(list("staging")).isEmpty();
        assertThat(b.getFinalLocation()).exists();
        assertThat(b.getFinalLocation().resolve("Student.csv")).exists();
    }

    @Test
    void aFailedExtractionThrowsAndLeavesNoBatch() throws Exception {
        sandbox.outage(PowerSchoolSandbox.Outage.UNAVAILABLE);
        assertThatThrownBy(() -> template.requestBodyAndHeader("direct:extract-powerschool", null, "syncId", "nightly"))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOf(ExtractionException.class).hasMessageContaining("503");
        assertThat(list("staging")).isEmpty();
        assertThat(list("archive")).isEmpty();
        assertThat(list("quarantine")).isEmpty();
    }
}
