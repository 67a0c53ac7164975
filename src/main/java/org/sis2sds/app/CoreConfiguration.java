package org.sis2sds.app;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.sis2sds.pipeline.ValidateStep;

/** Core beans: the settings themselves and the validation step of the pipeline. */
public class CoreConfiguration implements CamelConfiguration {

    /** The settings bound by the daemon (or the test) under the name {@code settings}. */
    public static Settings settings(CamelContext context) {
        Settings s = context.getRegistry().lookupByNameAndType("settings", Settings.class);
        if (s == null) {
            throw new IllegalStateException("no 'settings' bean: start sis2sds through Daemon or DaemonTestSupport");
        }
        return s;
    }

    @Override
    public void configure(CamelContext context) {
        Settings s = settings(context);
        context.getRegistry().bind("batchValidator", new ValidateStep(s));
        if (s.getBool("camel.server.enabled", false)) {
            context.getRegistry().bind("platform-http-engine", new ApiServerEngine(s.getInt("camel.server.port", 8080)));
        }
    }
}
