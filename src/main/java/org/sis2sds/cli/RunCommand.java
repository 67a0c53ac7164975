package org.sis2sds.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sis2sds.boot.Daemon;
import org.sis2sds.core.Settings;
import org.sis2sds.sync.Run;
import org.sis2sds.sync.SyncDef;
import org.sis2sds.sync.SyncException;
import org.sis2sds.sync.SyncManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run}: the daemon until SIGTERM/Ctrl-C (exit 0). {@code run --once [--sync ID]}: every enabled sync (or the
 * named one) once, one line per sync, exit 0 when all succeeded and 1 when any was held, quarantined or failed.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the daemon: the management API, the schedules and the drop folder, until stopped.",
                "With --once: runs every enabled sync (or the one named by --sync) once and exits."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--once", description = "Run the syncs once (no schedules, no API) and exit.")
    boolean once;

    @Option(names = "--sync", paramLabel = "ID", description = "With --once: run only this sync.")
    String sync;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (sync != null && !once) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sync needs --once, for example: "
                    + "sis2sds run --once --sync " + sync);
        }
        Settings settings = Settings.load();
        if (once) {
            Runnable restore = logsToStderr(false);
            try {
                return runOnce(settings, sync, spec.commandLine().getOut());
            } finally {
                restore.run();
            }
        }
        return runDaemon(settings);
    }

    /**
     * For one-shot commands: the log goes to stderr so that stdout holds only the command's answer ({@code quiet}:
     * warnings and errors only). Without {@code --verbose} the log shows no stack traces: a failure is one line
     * (what the command prints says what failed). Returns what puts the logging back as it was.
     */
    static Runnable logsToStderr(boolean quiet) {
        if (!(org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext lc)) {
            return () -> { };
        }
        List<Runnable> undo = new ArrayList<>();
        ch.qos.logback.classic.Logger root = lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.iteratorForAppenders().forEachRemaining(a -> {
            if (a instanceof ch.qos.logback.core.ConsoleAppender<?> c) {
                String before = c.getTarget();
                retarget(c, "System.err");
                undo.add(() -> retarget(c, before));
                if (!Sis2sds.verbose && c.getEncoder() instanceof ch.qos.logback.classic.encoder.PatternLayoutEncoder e
                        && !e.getPattern().contains("%nopex")) {
                    String pattern = e.getPattern();
                    repattern(c, e, pattern + "%nopex");
                    undo.add(() -> repattern(c, e, pattern));
                }
            }
        });
        List<String> warnOnly = new ArrayList<>();
        if (quiet) {
            warnOnly.addAll(List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "org.apache.camel", "org.apache.camel.main",
                    "org.apache.camel.impl.engine.AbstractCamelContext", "org.sis2sds"));
        }
        for (String name : warnOnly) {
            level(lc, name, ch.qos.logback.classic.Level.WARN, undo);
        }
        if (!Sis2sds.verbose) {
            // Camel's error handler writes the whole stack trace into its message; the failure is reported anyway
            level(lc, "org.apache.camel.processor.errorhandler", ch.qos.logback.classic.Level.OFF, undo);
        }
        return () -> undo.forEach(Runnable::run);
    }

    private static void level(ch.qos.logback.classic.LoggerContext lc, String name,
                              ch.qos.logback.classic.Level level, List<Runnable> undo) {
        ch.qos.logback.classic.Logger l = lc.getLogger(name);
        ch.qos.logback.classic.Level before = l.getLevel();
        l.setLevel(level);
        undo.add(() -> l.setLevel(before));
    }

    private static void repattern(ch.qos.logback.core.ConsoleAppender<?> c,
                                  ch.qos.logback.classic.encoder.PatternLayoutEncoder e, String pattern) {
        c.stop();
        e.stop();
        e.setPattern(pattern);
        e.start();
        c.start();
    }

    private static void retarget(ch.qos.logback.core.ConsoleAppender<?> c, String target) {
        c.stop();
        c.setTarget(target);
        c.start();
    }

    /** The daemon; a SIGTERM or Ctrl-C shuts Camel down gracefully and the process exits 0. */
    static int runDaemon(Settings settings) throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger code = new AtomicInteger();
        long wait = settings.getInt("sis2sds.shutdown-timeout-seconds", 20) + 10L;
        // the JVM reports 143 after a SIGTERM; once Camel has stopped cleanly, this hook makes it 0
        Thread hook = new Thread(() -> {
            try {
                if (stopped.await(wait, TimeUnit.SECONDS)) {
                    Runtime.getRuntime().halt(code.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sis2sds-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        int rc;
        try {
            rc = Daemon.runUntilStopped(settings);
        } catch (Exception | Error e) {
            removeHook(hook); // a failed start keeps its own exit code
            throw e;
        }
        code.set(rc);
        stopped.countDown();
        removeHook(hook);
        return rc;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal is shutting the JVM down: the hook ends the process with the daemon's exit code
        }
    }

    /** Settings for a daemon that only serves this command: no schedules, no API. */
    static Settings oneShot(Settings settings) {
        return settings.with(Map.of("sis2sds.syncs.scheduling", "false", "sis2sds.syncs.once", "true",
                "camel.server.enabled", "false"));
    }

    static int runOnce(Settings settings, String only, PrintWriter out) throws Exception {
        return runOnce(settings, only, out, ctx -> { });
    }

    /** {@code beforeRuns} sees the started Camel context first (tests install stand-ins there). */
    static int runOnce(Settings settings, String only, PrintWriter out,
                       ThrowingConsumer<org.apache.camel.CamelContext> beforeRuns) throws Exception {
        Duration timeout = settings.getDuration("sis2sds.syncs.once-timeout", Duration.ofHours(2));
        try (Daemon d = Daemon.start(oneShot(settings))) {
            beforeRuns.accept(d.context());
            SyncManager m = d.context().getRegistry().lookupByNameAndType("syncManager", SyncManager.class);
            List<SyncDef> targets = new ArrayList<>();
            if (only != null) {
                try {
                    targets.add(m.get(only));
                } catch (SyncException e) {
                    throw new CliException(Sis2sds.USAGE, "No sync with id '" + only + "'; known syncs: "
                            + m.list().stream().map(s -> s.id).toList() + ".");
                }
            } else {
                m.list().stream().filter(s -> !s.paused).forEach(targets::add);
            }
            if (targets.isEmpty()) {
                out.println("No enabled sync to run.");
                out.flush();
                return 0;
            }
            boolean allOk = true;
            int width = targets.stream().mapToInt(s -> s.id.length()).max().orElse(10);
            for (SyncDef s : targets) {
                String line;
                boolean ok;
                try {
                    Run r = m.awaitRun(m.trigger(s.id, "once", true).id, timeout);
                    ok = r.isSucceeded();
                    line = String.format("%-" + width + "s  %-11s  run %d  %s", s.id, r.status, r.id, summary(r));
                } catch (SyncException e) {
                    ok = false;
                    line = String.format("%-" + width + "s  %-11s  %s", s.id, "not run", e.getMessage());
                }
                allOk &= ok;
                out.println(line.stripTrailing());
                out.flush();
            }
            return allOk ? 0 : 1;
        }
    }

    /** A consumer that may throw. */
    @FunctionalInterface
    interface ThrowingConsumer<T> {
        void accept(T t) throws Exception;
    }

    static String summary(Run r) {
        if (!r.isFinished()) {
            return "still running after the time allowed (sis2sds.syncs.once-timeout)";
        }
        StringBuilder b = new StringBuilder();
        long extracted = 0;
        long added = 0;
        long updated = 0;
        long removed = 0;
        long errors = 0;
        for (Map<String, Long> m : r.entities.values()) {
            extracted += n(m.get("extracted"));
            added += n(m.get("added"));
            updated += n(m.get("updated"));
            removed += n(m.get("removed"));
            errors += n(m.get("errors"));
        }
        if (!r.entities.isEmpty()) {
            b.append(extracted).append(" rows (").append(added).append(" added, ").append(updated).append(" updated, ")
                    .append(removed).append(" removed, ").append(errors).append(" errors)");
        }
        if (r.reason != null) {
            b.append(b.length() == 0 ? "" : " - ").append(r.reason);
        }
        if (r.quarantinePath != null) {
            b.append(" [").append(r.quarantinePath).append(']');
        }
        return b.toString();
    }

    private static long n(Long v) {
        return v == null ? 0 : v;
    }
}
