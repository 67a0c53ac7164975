package org.sis2sds.powerschool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sis2sds.core.Settings;
import org.sis2sds.sandbox.powerschool.PowerSchoolSandbox;
import org.sis2sds.support.DaemonTestSupport;
import org.sis2sds.support.TestPaths;
import org.awaitility.Awaitility;

/** Crash resume: at start-up, staging/*.partial is removed and a complete staging batch goes through the pipeline. */
class StagingRecoveryTest extends DaemonTestSupport {
    Path partial;
    Path complete;

    @Override
    protected void overrides(Map<String, String> o) {
        // before the daemon starts: what a crash would leave behind
        try (PowerSchoolSandbox sandbox = new PowerSchoolSandbox(new PowerSchoolSandbox.Options()
                .port(TestPaths.freePort()).students(100).startYear(2025)).start()) {
            Map<String, String> s = new HashMap<>(sandbox.clientSettings());
            s.put("sis2sds.work-dir", workDir.toString());
            ExtractionResult r = PowerSchoolExtractor.extract(PowerSchoolOptions.from(
                    Settings.load(TestPaths.home(), s), Map.of()), "nightly", ExtractionListener.NONE);
            complete = r.dir();
            partial = workDir.resolve("staging").resolve(PowerSchoolExtractor.batchId("nightly",
                    Instant.now().minusSeconds(5)) + ".partial");
            Files.createDirectories(partial);
            Files.writeString(partial.resolve("School.csv"), "SIS ID,Name\r\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anExtractionOfTheRunningDaemonIsLeftAlone() throws Exception {
        Path own = workDir.resolve("staging").resolve(PowerSchoolExtractor.batchId("nightly", Instant.now())
                + ".partial");
        Files.createDirectories(own);
        StagingRecovery r = context.getRegistry().lookupByNameAndType("powerSchoolStaging", StagingRecovery.class);
        assertThat(r.recover()).extracting(b -> b.getDir()).doesNotContain(own)
                .allSatisfy(d -> assertThat(d).isNotEqualTo(own));
        assertThat(own).isDirectory();
        Files.delete(own);
        partialsAreRemovedAndCompleteBatchesResumed();
    }

    @Test
    void partialsAreRemovedAndCompleteBatchesResumed() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(partial).doesNotExist();
            assertThat(complete).doesNotExist();
            assertThat(workDir.resolve("archive").resolve(complete.getFileName())).isDirectory();
        });
    }
}
