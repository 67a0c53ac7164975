package org.sis2sds.core;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** For commands that serve until Ctrl-C or SIGTERM: stop cleanly, then exit 0 (not the JVM's 130 or 143). */
public final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    /** Blocks until the process is asked to stop, closes {@code resources} in order, and ends the process with 0. */
    public static void serveUntilStopped(AutoCloseable... resources) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                if (closed.await(60, TimeUnit.SECONDS)) {
                    Runtime.getRuntime().halt(0);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sis2sds-exit"));
        stop.await();
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", r.getClass().getSimpleName(), e.getMessage());
            }
        }
        closed.countDown();
    }
}
