package org.sis2sds.boot;

import org.sis2sds.core.Settings;
import org.sis2sds.core.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.MainConfigurationProperties;
import org.sis2sds.api.ApiConfiguration;
import org.sis2sds.cluster.ClusterConfiguration;
import org.sis2sds.drop.DropConfiguration;
import org.sis2sds.ops.OpsConfiguration;
import org.sis2sds.powerschool.PowerSchoolConfiguration;
import org.sis2sds.sds.SdsConfiguration;
import org.sis2sds.sync.SyncConfiguration;

/**
 * The one place that wires camel-main for sis2sds, shared by the daemon and by the tests that boot the real
 * {@code routes/} and {@code config/}. Each area of the application contributes its beans through its own
 * {@link org.apache.camel.CamelConfiguration} class, listed here in dependency order.
 */
public final class Boot {
    private Boot() {
    }

    /** Binds the settings as bean {@code settings} before any other configuration class runs. */
    static final class SettingsBinder implements CamelConfiguration {
        private final Settings settings;

        SettingsBinder(Settings settings) {
            this.settings = settings;
        }

        @Override
        public void configure(CamelContext context) {
            context.getRegistry().bind("settings", settings);
        }
    }

    public static void configure(MainConfigurationProperties cfg, Settings settings) {
        Path routes = settings.getPath("sis2sds.routes-dir", "routes");
        if (!Files.isDirectory(routes)) {
            throw new ConfigException("sis2sds.routes-dir", "Setting sis2sds.routes-dir points at " + routes
                    + ", which is not a folder of *.camel.yaml routes.");
        }
        cfg.setName("sis2sds");
        cfg.setRoutesIncludePattern("file:" + routes.toAbsolutePath() + "/*.camel.yaml");
        cfg.setShutdownTimeout(settings.getInt("sis2sds.shutdown-timeout-seconds", 20));
        cfg.setJmxEnabled(false);
        cfg.addConfiguration(new SettingsBinder(settings));
        cfg.withConfigurations(CoreConfiguration.class, ClusterConfiguration.class, DropConfiguration.class, SdsConfiguration.class,
                PowerSchoolConfiguration.class, SyncConfiguration.class, ApiConfiguration.class, OpsConfiguration.class);
    }
}
