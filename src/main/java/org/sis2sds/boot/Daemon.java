package org.sis2sds.boot;

import org.sis2sds.core.Settings;
import org.sis2sds.core.ConfigException;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The sis2sds daemon: camel-main with {@code config/} and {@code routes/}. {@link #start} returns once Camel runs
 * (the demo and tests use that); {@link #runUntilStopped} blocks until SIGTERM or Ctrl-C.
 */
public final class Daemon implements AutoCloseable {
    private final Main main;

    private Daemon(Main main) {
        this.main = main;
    }

    private static Main create(Settings settings) {
        Main main = new Main();
        Boot.configure(main.configure(), settings);
        main.setOverrideProperties(settings.camelProperties());
        return main;
    }

    /** Starts the daemon and returns once its routes run. */
    public static Daemon start(Settings settings) throws Exception {
        Main main = create(settings);
        main.start();
        return new Daemon(main);
    }

    /** Runs until the JVM is asked to stop; returns the exit code. */
    public static int runUntilStopped(Settings settings) throws Exception {
        Main main = create(settings);
        main.run();
        return main.getExitCode();
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    public void close() {
        main.stop();
    }
}
