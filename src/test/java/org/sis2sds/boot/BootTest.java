package org.sis2sds.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.sis2sds.support.DaemonTestSupport;
import org.junit.jupiter.api.Test;

/** The real routes/ and config/ boot, and the pipeline routes are there. */
class BootTest extends DaemonTestSupport {

    @Test
    void bootsTheRealRoutes() {
        assertThat(context.getRoute("process-batch")).isNotNull();
        assertThat(context.getRoute("batch-quarantined")).isNotNull();
        assertThat(context.getRoute("publish-classic")).isNotNull();
        assertThat(context.getRegistry().lookupByName("settings")).isSameAs(settings);
        assertThat(context.resolvePropertyPlaceholders("{{sis2sds.work-dir}}")).isEqualTo(workDir.toString());
    }
}
