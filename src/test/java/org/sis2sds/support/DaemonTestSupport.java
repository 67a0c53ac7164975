package org.sis2sds.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.sis2sds.boot.Boot;
import org.sis2sds.core.Settings;

/**
 * Boots the real {@code routes/} and {@code config/} with camel-test-main-junit5, in a fresh temporary work dir per
 * test. Subclasses add settings with {@link #overrides(Map)}. The HTTP servers (API, management) stay off unless a
 * test switches them on, on a free port.
 */
public abstract class DaemonTestSupport extends CamelMainTestSupport {
    protected Path workDir;
    protected Settings settings;

    /** Add or change settings for this test class. */
    protected void overrides(Map<String, String> o) {
    }

    protected Settings settings() {
        if (settings == null) {
            try {
                workDir = Files.createTempDirectory("sis2sds-test");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Map<String, String> o = new LinkedHashMap<>();
            o.put("sis2sds.work-dir", workDir.toString());
            o.put("camel.management.enabled", "false");
            o.put("camel.server.enabled", "false");
            overrides(o);
            settings = Settings.load(TestPaths.home(), o);
        }
        return settings;
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        Boot.configure(configuration, settings());
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        return settings().camelProperties();
    }
}
