package org.sis2sds.sync;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs of syncs: starts each in the background through {@code direct:run-sync} (route scheduler.camel.yaml) on a
 * thread pool Camel manages ("sis2sds-run", shut down with the context), knows which run each sync has in flight,
 * and records how a run ended when it produced no batch (a batch's own outcome is recorded by {@link RunRecorder}).
 */
public final class RunLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(RunLauncher.class);
    private final SyncStore store;
    private final Catalog catalog;
    private final CamelContext context;
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private volatile ExecutorService executor;
    private volatile ProducerTemplate template;

    /** A run being executed through direct:run-sync. */
    static final class Active {
        final long runId;
        final AtomicBoolean batchAttached = new AtomicBoolean();

        Active(long runId) {
            this.runId = runId;
        }
    }

    RunLauncher(SyncStore store, Catalog catalog, CamelContext context) {
        this.store = store;
        this.catalog = catalog;
        this.context = context;
    }

    private ExecutorService executor() {
        if (executor == null) {
            synchronized (this) {
                if (executor == null) {
                    executor = context.getExecutorServiceManager().newCachedThreadPool(this, "sis2sds-run");
                }
            }
        }
        return executor;
    }

    private ProducerTemplate template() {
        if (template == null) {
            template = context.createProducerTemplate();
        }
        return template;
    }

    /** Lets running runs end, within the shutdown timeout (called when the daemon stops). */
    void stop(Duration timeout) {
        ExecutorService e = executor;
        if (e != null) {
            context.getExecutorServiceManager().shutdownGraceful(e, timeout.toMillis());
        }
    }

    /**
     * Starts a run of sync {@code s} (the caller holds the sync area's lock and has checked the pause) and returns
     * its id; when the sync is already running, {@code strict} refuses with 409, otherwise the fire is recorded as
     * a skipped run and its id is returned.
     */
    long launch(SyncDef s, String trigger, boolean strict) {
        return launch(s, trigger, strict, null);
    }

    /**
     * As {@link #launch(SyncDef, String, boolean)}, for the schedule fire of {@code scheduledAt} (null: not a
     * schedule): one run per fire, so a fire that is already recorded (a re-fire after a change of leader) returns
     * -1 and runs nothing.
     */
    long launch(SyncDef s, String trigger, boolean strict, OffsetDateTime scheduledAt) {
        Active current = active.get(s.id);
        try {
            if (current != null) {
                if (strict) {
                    throw SyncException.conflict("Sync '" + s.id + "' is already running (run " + current.runId
                            + "); wait for it to end.");
                }
                long skipped = store.insertRun(s.id, Run.SKIPPED, trigger, "Run " + current.runId
                        + " of this sync was still running.", store.nodeId(), scheduledAt);
                LOG.info("Sync {}: run {} skipped, run {} still running", s.id, skipped, current.runId);
                return skipped;
            }
            return start(s, store.insertRun(s.id, Run.PENDING, trigger, null, store.nodeId(), scheduledAt));
        } catch (SyncStore.StoreException e) {
            if (scheduledAt != null && ClusterStore.duplicate(e)) {
                LOG.info("Sync {}: the fire of {} already ran; not run again", s.id, scheduledAt);
                return -1;
            }
            throw e;
        }
    }

    /**
     * Starts run {@code runId}, recorded earlier as a request (run now on a follower); a sync already running records
     * it as skipped instead.
     */
    void launchRequested(SyncDef s, long runId) {
        Active current = active.get(s.id);
        if (current != null) {
            store.getRun(runId).ifPresent(r -> {
                r.status = Run.SKIPPED;
                r.reason = "Run " + current.runId + " of this sync was still running.";
                store.finishRun(r);
            });
            return;
        }
        start(s, runId);
    }

    private long start(SyncDef s, long runId) {
        Active a = new Active(runId);
        active.put(s.id, a);
        try {
            executor().submit(() -> execute(s, a));
        } catch (RuntimeException e) {
            active.remove(s.id, a);
            fail(runId, "The daemon is stopping; the run was not started.");
            throw SyncException.conflict("The daemon is stopping; the run of sync '" + s.id + "' was not started.");
        }
        return runId;
    }

    /** Sends a batch through the pipeline in the background (a release from quarantine) as run {@code runId}. */
    void submitBatch(org.sis2sds.pipeline.Batch b, long runId) {
        executor().submit(() -> {
            try {
                Exchange ex = template().send("direct:process-batch", e -> e.getIn().setBody(b));
                if (ex.getException() != null) {
                    fail(runId, "Publishing the released batch failed: " + Database.rootMessage(ex.getException()));
                }
            } catch (RuntimeException e) {
                fail(runId, "Publishing the released batch failed: " + Database.rootMessage(e));
            }
        });
    }

    private void execute(SyncDef s, Active a) {
        long runId = a.runId;
        try {
            store.markRunning(runId, null);
            Catalog.Item src = catalog.source(s.sourceId).orElse(null);
            Exchange ex = template().request("direct:run-sync", e -> {
                e.getIn().setHeader("syncId", s.id);
                e.getIn().setHeader("runId", runId);
                e.getIn().setHeader("sourceId", s.sourceId);
                e.getIn().setHeader("sourceType", src == null ? null : src.type());
                e.getIn().setHeader("sourceConfiguration", src == null ? Map.of() : src.configuration());
                e.getIn().setHeader("syncConfiguration", new LinkedHashMap<>(s.configuration));
                e.getIn().setHeader("syncMode", s.syncMode);
                e.getIn().setHeader("cursorField", s.cursorField);
                e.getIn().setHeader("currentCursor", s.currentCursor);
                e.getIn().setHeader("streamName", s.streamName);
                e.getIn().setHeader("sdsProfileId", catalog.profileId(s));
            });
            Run r = store.getRun(runId).orElseThrow();
            if (!r.isFinished()) {
                String caught = ex.getMessage().getHeader("runFailure", String.class);
                if (ex.getException() != null) {
                    failAndNotify(s.id, runId, failure(ex.getException()));
                } else if (caught != null) {
                    failAndNotify(s.id, runId, failure(caught));
                } else if (!a.batchAttached.get()) {
                    r.status = Run.SUCCEEDED;
                    r.reason = "No new batch to process.";
                    store.finishRun(r);
                } else {
                    fail(runId, "The batch of this run did not finish.");
                }
            }
        } catch (Throwable t) {
            LOG.warn("Run {} of sync {} failed", runId, s.id, t);
            failAndNotify(s.id, runId, "The run failed: " + Database.rootMessage(t));
        } finally {
            active.remove(s.id, a);
        }
    }

    /** One sentence for a failed run. */
    static String failure(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            if (r instanceof org.apache.camel.component.direct.DirectConsumerNotAvailableException) {
                break;
            }
            r = r.getCause();
        }
        return failure(Database.rootMessage(r));
    }

    static String failure(String message) {
        String m = message == null ? "unknown error" : message;
        if (m.contains("No consumers available on endpoint")) {
            String what = m.contains("drop-scan") ? "direct:drop-scan (the CSV drop folder)"
                    : m.contains("extract-powerschool") ? "direct:extract-powerschool (the PowerSchool extraction)"
                    : "the source's route";
            return "The run failed: nothing handles " + what + "; its route is missing or stopped.";
        }
        return "The run failed: " + m.replaceAll("\\s*Exchange\\[[^\\]]*\\]", "").trim();
    }

    /**
     * A run that failed without a batch (a batch tells people itself, through quarantine): people are told through
     * route {@code direct:notify-run-failed} (routes/notify.camel.yaml).
     */
    private void failAndNotify(String syncId, long runId, String reason) {
        fail(runId, reason);
        try {
            template().sendBodyAndHeaders("direct:notify-run-failed", reason, Map.of("syncId", syncId, "runId", runId));
        } catch (RuntimeException e) {
            LOG.warn("Run {} of sync {} failed and the notification could not be handed over: {}", runId, syncId,
                    Database.rootMessage(e));
        }
    }

    void fail(long runId, String reason) {
        store.getRun(runId).ifPresent(r -> {
            if (!r.isFinished()) {
                r.status = Run.FAILED;
                r.reason = reason;
                store.finishRun(r);
            }
        });
    }

    /** True while this process executes run {@code runId}. */
    boolean executes(long runId) {
        return active.values().stream().anyMatch(a -> a.runId == runId);
    }

    boolean isRunning(String syncId) {
        return active.containsKey(syncId);
    }

    /** The run in flight of a sync, or null. */
    Long currentRun(String syncId) {
        Active a = active.get(syncId);
        return a == null ? null : a.runId;
    }

    /** Ties a batch to the run in flight of its sync, once per run: the run's id, or null when there is none. */
    Long attachBatch(String syncId) {
        Active a = active.get(syncId);
        return a != null && a.batchAttached.compareAndSet(false, true) ? a.runId : null;
    }

    /** Waits for a run to end (polling the store) and returns it. */
    Run awaitRun(long runId, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Run r = store.getRun(runId).orElseThrow(() -> SyncException.notFound("run", String.valueOf(runId)));
            boolean inFlight = r.syncId != null && Long.valueOf(runId).equals(currentRun(r.syncId));
            if ((r.isFinished() && !inFlight) || System.nanoTime() > end) {
                return r;
            }
            Thread.sleep(100);
        }
    }
}
