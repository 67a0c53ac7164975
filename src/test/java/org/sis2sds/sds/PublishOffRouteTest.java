package org.sis2sds.sds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sis2sds.core.Settings;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.sandbox.sds.SdsSandboxOptions;
import org.sis2sds.support.DaemonTestSupport;
import org.sis2sds.support.TestPaths;

/** With sis2sds.sds.mode=off (the shipped default) an accepted batch is archived without talking to SDS. */
class PublishOffRouteTest extends DaemonTestSupport {

    @Override
    protected void overrides(Map<String, String> o) {
        o.put("sis2sds.sds.mode", "off");
    }

    @Test
    void acceptedBatchIsArchivedUnpublished() throws Exception {
        Path dir = SdsTestBatches.valid(workDir.resolve("test-batches").resolve("b1"), 5);
        Batch b = template.requestBody("direct:process-batch", new Batch("b1", dir, "drop", "s"), Batch.class);
        assertThat(b.getOutcome()).isEqualTo(Batch.Outcome.ACCEPTED);
        assertThat(b.getSdsStatus()).isNull();
        assertThat(workDir.resolve("archive/b1")).isDirectory();
        assertThat(context.getRegistry().lookupByName("sdsDestination")).isNull();
    }

    @Test
    void sandboxOptionsComeFromSettings() {
        SdsSandboxOptions o = SdsSandboxOptions.fromSettings(Settings.load(TestPaths.home(), Map.of(
                "sis2sds.sds.sandbox.port", "19999", "sis2sds.sds.sandbox.sync-delay", "5s",
                "sis2sds.sds.sandbox.client-id", "someone")));
        assertThat(o.port()).isEqualTo(19999);
        assertThat(o.clientId()).isEqualTo("someone");
        assertThat(SdsSandboxOptions.fromSettings(Settings.load(TestPaths.home(), Map.of())).port()).isEqualTo(18082);
    }
}
