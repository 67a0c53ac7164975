package org.sis2sds.ops;

import org.slf4j.LoggerFactory;

/** Logs one line through the application's logback.xml (run in its own JVM by {@link JsonLogTest}). */
public final class LogProbe {
    private LogProbe() {
    }

    public static void main(String[] args) {
        LoggerFactory.getLogger("org.sis2sds.probe").info("batch {} archived", "b-42");
    }
}
