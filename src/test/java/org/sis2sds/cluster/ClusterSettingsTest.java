package org.sis2sds.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;
import org.sis2sds.support.TestPaths;

/** The sis2sds.cluster.* settings: defaults, one-sentence refusals naming the key, and timings within failover. */
class ClusterSettingsTest {
    private static final String PG = "jdbc:postgresql://db:5432/sis2sds";

    private static ClusterSettings of(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("sis2sds.work-dir", "/tmp/sis2sds-cluster-settings");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return ClusterSettings.of(Settings.load(TestPaths.home(), m));
    }

    @Test
    void defaultsToOneNodeNamedAfterTheHostAndProcess() {
        ClusterSettings c = of();
        assertThat(c.mode()).isEqualTo(ClusterSettings.Mode.NONE);
        assertThat(c.clustered()).isFalse();
        assertThat(c.nodeId()).endsWith("-" + ProcessHandle.current().pid()).matches("[A-Za-z0-9][A-Za-z0-9._-]*");
        assertThat(c.failover()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.fileRoot().toString()).isEqualTo("/tmp/sis2sds-cluster-settings/cluster");
        assertThat(c.podLabels()).isEqualTo(Map.of("app", "sis2sds"));
    }

    @Test
    void refusesABadSettingInOneSentenceNamingTheKey() {
        assertThatThrownBy(() -> of("sis2sds.cluster.mode", "zookeeper")).isInstanceOf(ConfigException.class)
                .hasMessage("Setting sis2sds.cluster.mode is 'zookeeper' but must be none, file or kubernetes.");
        assertThatThrownBy(() -> of("sis2sds.cluster.mode", "file")).isInstanceOf(ConfigException.class)
                .hasMessage("Setting sis2sds.cluster.mode is 'file', but the nodes of a cluster share one PostgreSQL "
                        + "database: set sis2sds.db.url to a jdbc:postgresql:// URL.");
        assertThatThrownBy(() -> of("sis2sds.cluster.node-id", "a b")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Setting sis2sds.cluster.node-id is 'a b' but must be letters, digits");
        assertThatThrownBy(() -> of("sis2sds.cluster.failover-timeout", "3s")).isInstanceOf(ConfigException.class)
                .hasMessage("Setting sis2sds.cluster.failover-timeout is '3s' but must be a duration between 6s and 10m.");
        assertThatThrownBy(() -> of("sis2sds.cluster.kubernetes.pod-labels", "app")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Setting sis2sds.cluster.kubernetes.pod-labels is 'app' but must be");
        assertThatThrownBy(() -> of("sis2sds.cluster.kubernetes.lease-prefix", "Bad_Name"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sis2sds.cluster.kubernetes.lease-prefix");
    }

    @Test
    void theHandOverFitsInTheFailoverTime() {
        for (String f : new String[] {"6s", "7s", "30s", "10m"}) {
            ClusterSettings c = of("sis2sds.cluster.mode", "file", "sis2sds.db.url", PG,
                    "sis2sds.cluster.failover-timeout", f);
            // file: a dead leader is taken over within (stale beats + 1) lock intervals, then master: waits 1 s
            assertThat(c.fileLockInterval().multipliedBy(ClusterSettings.FILE_STALE_BEATS + 1).plusSeconds(1))
                    .isLessThanOrEqualTo(c.failover());
            // kubernetes: the Lease runs out, is taken (one retry with jitter), and the new leader waits one Lease
            assertThat(c.leaseDuration().multipliedBy(2).plus(c.retryPeriod().multipliedBy(12).dividedBy(10))
                    .plusSeconds(1)).isLessThanOrEqualTo(c.failover());
            // Camel's own rules for the Lease timings
            assertThat(c.leaseDuration()).isGreaterThan(c.renewDeadline());
            assertThat(c.renewDeadline().toMillis()).isGreaterThan((long) (1.2 * c.retryPeriod().toMillis()));
        }
    }
}
