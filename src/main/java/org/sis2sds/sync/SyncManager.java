package org.sis2sds.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;
import org.sis2sds.notify.Notifier;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.validate.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The syncs: create, change, delete, pause, resume, reset and run them; record their runs; hold, release and discard
 * quarantined batches. The API, the CLI, the schedules and the pipeline beans all go through here.
 */
public final class SyncManager {
    private static final Logger LOG = LoggerFactory.getLogger(SyncManager.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String ATTR_BYPASS_GUARD = "guard.bypass";
    public static final String ATTR_RELEASED_FROM = "sync.releasedFrom";
    public static final String ATTR_PROFILE = "sds.profileId";
    public static final String ATTR_CURSOR = "sync.cursor";
    public static final String ATTR_CHANGES = "sync.changes";

    private final Settings settings;
    private final SyncStore store;
    private final Catalog catalog;
    private final CamelContext context;
    private final SyncScheduler scheduler;
    private final Path work;
    private final String dropRoute;
    private final boolean once;
    private final ExecutorService executor;
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    /** Fingerprint scans of batches between the shrink guard and the end of the batch, by batch id. */
    private final Map<String, PendingScan> pendingScans = new ConcurrentHashMap<>();
    private volatile boolean dropStoppedByUs;

    private record PendingScan(Map<String, Fingerprints.EntityScan> scan, Instant at) {
    }

    /** Keeps the scan of a batch until it ends; scans of batches that never ended (a crash in a step) expire. */
    void putScan(String batchId, Map<String, Fingerprints.EntityScan> scan) {
        Instant cutoff = Instant.now().minus(Duration.ofHours(12));
        pendingScans.values().removeIf(p -> p.at().isBefore(cutoff));
        pendingScans.put(batchId, new PendingScan(scan, Instant.now()));
    }
    private volatile ProducerTemplate template;

    /** A run being executed through direct:run-sync. */
    static final class Active {
        final long runId;
        final AtomicBoolean batchAttached = new AtomicBoolean();

        Active(long runId) {
            this.runId = runId;
        }
    }

    public SyncManager(Settings settings, SyncStore store, Catalog catalog, CamelContext context) {
        this.settings = settings;
        this.store = store;
        this.catalog = catalog;
        this.context = context;
        this.scheduler = new SyncScheduler(context, settings);
        this.work = settings.workDir();
        this.dropRoute = settings.get("sis2sds.syncs.drop-route", "drop-inbox");
        this.once = settings.getBool("sis2sds.syncs.once", false);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sis2sds-run-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public SyncStore store() {
        return store;
    }

    public Catalog catalog() {
        return catalog;
    }

    public SyncScheduler scheduler() {
        return scheduler;
    }

    private ProducerTemplate template() {
        if (template == null) {
            template = context.createProducerTemplate();
        }
        return template;
    }

    // ------------------------------------------------------------------------------------------------ start/stop

    /** At start: fail runs a stopped daemon left open, apply syncs.yaml, schedule, apply the pause of the drop sync. */
    public void start() {
        // a one-shot command (run --once, quarantine) may share the database with a running daemon: leave its runs alone
        int n = once ? 0 : store.failInterruptedRuns();
        if (n > 0) {
            LOG.warn("{} run(s) were in progress when the daemon last stopped; they are recorded as failed.", n);
        }
        applyDeclarations();
        for (SyncDef s : store.listSyncs()) {
            scheduler.apply(s.id, s, store.lastRun(s.id).map(r -> r.startedAt == null ? null : r.startedAt.toInstant())
                    .orElse(null));
        }
        if (once) {
            stopDropRoute("run --once handles the drop folder through its sync");
        } else {
            applyDropPause();
        }
    }

    public void stop() {
        executor.shutdown();
        try {
            executor.awaitTermination(settings.getInt("sis2sds.shutdown-timeout-seconds", 20), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }

    /**
     * Applies the syncs declared in syncs.yaml. Precedence: a declaration that changed since it was last applied (or
     * is new) wins and overwrites the stored sync; an unchanged declaration leaves API edits (and API deletes) alone.
     */
    void applyDeclarations() {
        for (Map<String, Object> decl : catalog.syncs()) {
            String id = String.valueOf(decl.get("id"));
            String hash = hash(decl);
            Optional<SyncDef> existing = store.getSync(id, true);
            if (existing.isPresent() && hash.equals(existing.get().declarationHash)) {
                continue;
            }
            SyncDef s = new SyncDef();
            s.id = id;
            if (existing.isPresent()) {
                s.paused = existing.get().paused;
                s.currentCursor = existing.get().currentCursor;
            }
            Map<String, Object> attrs = new LinkedHashMap<>(decl);
            attrs.remove("id");
            try {
                SyncAttributes.apply(s, attrs, catalog, true);
            } catch (SyncException e) {
                throw new ConfigException(Catalog.KEY, "Sync '" + id + "' in " + settings.getPath(Catalog.KEY,
                        "config/syncs.yaml") + " is invalid: " + e.getMessage().replaceFirst("^The sync is invalid: ", ""));
            }
            s.origin = "file";
            s.declarationHash = hash;
            store.saveSync(s);
            LOG.info("Sync {} {} from {}", id, existing.isPresent() ? "updated" : "created", Catalog.KEY);
        }
    }

    static String hash(Map<String, Object> decl) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(
                    new ObjectMapper().writeValueAsString(sorted(decl)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object sorted(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> t = new TreeMap<>();
            m.forEach((k, v) -> t.put(String.valueOf(k), sorted(v)));
            return t;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(SyncManager::sorted).toList();
        }
        return o;
    }

    // ------------------------------------------------------------------------------------------------ syncs

    public List<SyncDef> list() {
        return store.listSyncs();
    }

    public SyncDef get(String id) {
        return store.getSync(id).orElseThrow(() -> SyncException.notFound("sync", id));
    }

    public SyncDef create(Map<String, Object> attrs) {
        SyncDef s = new SyncDef();
        Object id = attrs.get("id");
        s.id = id == null || String.valueOf(id).isBlank() ? "sync-" + UUID.randomUUID().toString().substring(0, 8)
                : String.valueOf(id).trim();
        synchronized (this) {
            if (store.getSync(s.id).isPresent()) {
                throw SyncException.conflict("A sync with id '" + s.id + "' already exists; change it with PUT "
                        + "/api/v1/syncs/" + s.id + ".");
            }
            SyncAttributes.apply(s, attrs, catalog, true);
            s.origin = "api";
            store.saveSync(s);
        }
        afterChange(s.id);
        return get(s.id);
    }

    public SyncDef update(String id, Map<String, Object> attrs) {
        SyncDef s;
        synchronized (this) {
            s = get(id).copy();
            SyncAttributes.apply(s, attrs, catalog, false);
            store.saveSync(s);
        }
        afterChange(id);
        return get(id);
    }

    public void delete(String id) {
        get(id);
        if (active.containsKey(id)) {
            throw SyncException.conflict("Sync '" + id + "' is running; wait for the run to end, then delete it.");
        }
        store.deleteSync(id);
        scheduler.remove(id);
        applyDropPause();
    }

    public SyncDef pause(String id) {
        synchronized (this) {
            get(id);
            store.setPaused(id, true);
        }
        afterChange(id);
        return get(id);
    }

    public SyncDef resume(String id) {
        synchronized (this) {
            get(id);
            store.setPaused(id, false);
        }
        afterChange(id);
        return get(id);
    }

    private void afterChange(String id) {
        SyncDef s = store.getSync(id).orElse(null);
        scheduler.apply(id, s, s == null ? null : store.lastRun(id)
                .map(r -> r.startedAt == null ? null : r.startedAt.toInstant()).orElse(null));
        applyDropPause();
    }

    /** Forgets the cursor and the fingerprints (the next run is a first run again) and resets the SDS profile. */
    public String reset(String id) {
        SyncDef s = get(id);
        if (active.containsKey(id)) {
            throw SyncException.conflict("Sync '" + id + "' is running; wait for the run to end, then reset it.");
        }
        store.resetState(id);
        String msg = "Sync " + id + " was reset: its cursor and fingerprints are cleared; the next run is a first run.";
        String profile = profileId(s) != null ? profileId(s) : settings.get("sis2sds.sds.profile-id", null);
        if (context.getRegistry().lookupByName("sdsDestination") != null && profile != null) {
            try {
                template().requestBodyAndHeader("bean:sdsDestination?method=reset", profile, "syncId", id);
                msg += " The SDS profile " + profile + " was reset.";
            } catch (RuntimeException e) {
                msg += " Resetting the SDS profile " + profile + " failed: " + Database.rootMessage(e);
            }
        }
        return msg;
    }

    /**
     * The SDS profile of a sync: its destination's {@code profile_id}, or null (then the SDS area's own setting
     * {@code sis2sds.sds.profile-id} applies).
     */
    String profileId(SyncDef s) {
        return catalog.destination(s.destinationId).map(d -> d.configuration().get("profile_id"))
                .filter(v -> !String.valueOf(v).isBlank()).map(String::valueOf).orElse(null);
    }

    /** The status a sync shows: paused, running, pending (never ran), healthy, failed, held or quarantined. */
    public String statusOf(SyncDef s) {
        if (active.containsKey(s.id)) {
            return "running";
        }
        if (s.paused) {
            return "paused";
        }
        return store.lastRun(s.id).map(r -> switch (r.status) {
            case Run.SUCCEEDED -> "healthy";
            case Run.PENDING, Run.RUNNING -> "running";
            default -> r.status;
        }).orElse("pending");
    }

    public Map<String, Object> statusDetails(String id) {
        SyncDef s = get(id);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("status", statusOf(s));
        a.put("paused", s.paused);
        Active act = active.get(id);
        a.put("running", act != null);
        a.put("current_run_id", act == null ? null : String.valueOf(act.runId));
        a.put("schedule_type", s.scheduleType);
        a.put("next_run_at", scheduler.nextFire(id).map(Instant::toString).orElse(null));
        a.put("time_zone", s.hasCron() ? scheduler.zone().getId() : null);
        a.put("current_cursor", s.currentCursor);
        Map<String, SyncStore.Snapshot> snap = store.loadSnapshot(id);
        Map<String, Long> counts = new LinkedHashMap<>();
        snap.forEach((e, v) -> counts.put(e, v.rowCount()));
        a.put("last_accepted_rows", counts);
        a.put("last_run", store.lastRun(id).orElse(null));
        return a;
    }

    // ------------------------------------------------------------------------------------------------ runs

    /** Called by the schedule route of a sync. */
    public void scheduled(@Header("syncId") String syncId) {
        try {
            trigger(syncId, "schedule", false);
        } catch (SyncException e) {
            LOG.info("Scheduled run of sync {} not started: {}", syncId, e.getMessage());
        }
    }

    /**
     * Starts a run of a sync in the background and returns it (pending). {@code strict} (run now): 409 when the sync
     * is paused or already running. Not strict (schedule): a paused sync is left alone and an overlap is recorded as
     * a skipped run.
     */
    public Run trigger(String syncId, String trigger, boolean strict) {
        SyncDef s;
        long runId;
        synchronized (this) {
            s = get(syncId); // read under the lock: a pause that has returned is seen
            if (s.paused) {
                if (strict) {
                    throw SyncException.conflict("Sync '" + syncId + "' is paused; resume it first "
                            + "(POST /api/v1/syncs/" + syncId + "/resume).");
                }
                return null;
            }
            Active current = active.get(syncId);
            if (current != null) {
                if (strict) {
                    throw SyncException.conflict("Sync '" + syncId + "' is already running (run " + current.runId
                            + "); wait for it to end.");
                }
                long skipped = store.insertRun(syncId, Run.SKIPPED, trigger, "Run " + current.runId
                        + " of this sync was still running.");
                LOG.info("Sync {}: run {} skipped, run {} still running", syncId, skipped, current.runId);
                return store.getRun(skipped).orElseThrow();
            }
            runId = store.insertRun(syncId, Run.PENDING, trigger, null);
            Active a = new Active(runId);
            active.put(syncId, a);
            try {
                executor.submit(() -> execute(s, a));
            } catch (RuntimeException e) {
                active.remove(syncId, a);
                fail(runId, "The daemon is stopping; the run was not started.");
                throw SyncException.conflict("The daemon is stopping; the run of sync '" + syncId + "' was not started.");
            }
        }
        if (!"schedule".equals(trigger)) {
            scheduler.restartInterval(s, Instant.now());
        }
        return store.getRun(runId).orElseThrow();
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
                e.getIn().setHeader("sdsProfileId", profileId(s));
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
            String uri = m;
            String what = uri.contains("drop-scan") ? "direct:drop-scan (the CSV drop folder)"
                    : uri.contains("extract-powerschool") ? "direct:extract-powerschool (the PowerSchool extraction)"
                    : "the source's route";
            return "The run failed: nothing handles " + what + "; its route is missing or stopped.";
        }
        return "The run failed: " + m.replaceAll("\\s*Exchange\\[[^\\]]*\\]", "").trim();
    }

    /** A run that failed without a batch (a batch tells people itself, through quarantine): tell them here. */
    private void failAndNotify(String syncId, long runId, String reason) {
        fail(runId, reason);
        Notifier n = context.getRegistry().lookupByNameAndType("notifier", Notifier.class);
        if (n != null) {
            n.runFailed(syncId, runId, reason);
        }
    }

    private void fail(long runId, String reason) {
        store.getRun(runId).ifPresent(r -> {
            if (!r.isFinished()) {
                r.status = Run.FAILED;
                r.reason = reason;
                store.finishRun(r);
            }
        });
    }

    public boolean isRunning(String syncId) {
        return active.containsKey(syncId);
    }

    /** Waits for a run to end (polling the store) and returns it. */
    public Run awaitRun(long runId, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Run r = store.getRun(runId).orElseThrow(() -> SyncException.notFound("run", String.valueOf(runId)));
            if (r.isFinished() && r.syncId != null && !isActiveRun(r.syncId, runId)) {
                return r;
            }
            if (System.nanoTime() > end) {
                return r;
            }
            Thread.sleep(100);
        }
    }

    private boolean isActiveRun(String syncId, long runId) {
        Active a = active.get(syncId);
        return a != null && a.runId == runId;
    }

    public Run getRun(String syncId, String runId) {
        get(syncId);
        long id;
        try {
            id = Long.parseLong(runId);
        } catch (NumberFormatException e) {
            throw SyncException.notFound("run", runId);
        }
        Run r = store.getRun(id).orElseThrow(() -> SyncException.notFound("run", runId));
        if (!syncId.equals(r.syncId)) {
            throw SyncException.notFound("run of sync " + syncId, runId);
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------------ pipeline hooks

    /** Pipeline start of a batch: ties it to the run that produced it, or records a new run. */
    public void batchStarted(Batch b) {
        if (b.getSyncId() == null) {
            return;
        }
        Optional<SyncDef> sync = store.getSync(b.getSyncId());
        sync.map(this::profileId).ifPresent(p -> b.getAttributes().putIfAbsent(ATTR_PROFILE, p));
        if (b.getRunId() == null) {
            Active a = active.get(b.getSyncId());
            if (a != null && a.batchAttached.compareAndSet(false, true)) {
                b.setRunId(a.runId);
            } else {
                b.setRunId(store.insertRun(b.getSyncId(), Run.RUNNING, b.getSource() == null ? "batch" : b.getSource(),
                        null));
            }
        }
        store.markRunning(b.getRunId(), b.getId());
    }

    /** Pipeline end of a batch: the run's outcome and counters; an accepted batch becomes the new snapshot. */
    public void batchFinished(Batch b) {
        PendingScan pending = pendingScans.remove(b.getId());
        Map<String, Fingerprints.EntityScan> scan = pending == null ? null : pending.scan();
        if (b.getRunId() == null) {
            return;
        }
        Run r = store.getRun(b.getRunId()).orElse(null);
        if (r == null) {
            return;
        }
        r.batchId = b.getId();
        r.status = switch (b.getOutcome()) {
            case ACCEPTED, UNCHANGED -> Run.SUCCEEDED;
            case QUARANTINED -> Run.QUARANTINED;
            case HELD -> Run.HELD;
            case FAILED -> Run.FAILED;
            case PENDING -> b.getFinalLocation() != null && b.getFinalLocation().startsWith(work.resolve("archive"))
                    ? Run.SUCCEEDED : Run.FAILED;
        };
        r.reason = b.getReason();
        if (b.getOutcome() == Batch.Outcome.UNCHANGED && r.reason == null) {
            r.reason = "No change since the last accepted snapshot; nothing was uploaded.";
        }
        r.sdsStatus = b.getSdsStatus();
        Path filed = b.getFinalLocation() != null ? b.getFinalLocation() : b.getDir();
        boolean inQuarantine = filed != null && filed.toAbsolutePath().normalize().getParent() != null
                && filed.toAbsolutePath().normalize().getParent().equals(quarantineDir());
        String quarantineId = inQuarantine ? filed.getFileName().toString() : null;
        if (inQuarantine) {
            r.quarantineId = quarantineId;
            r.quarantinePath = location(b);
        }
        r.entities = counters(b, scan);
        String syncId = b.getSyncId();
        if (syncId != null && b.getOutcome() == Batch.Outcome.ACCEPTED && scan != null) {
            Map<String, SyncStore.Snapshot> snap = new LinkedHashMap<>();
            scan.forEach((e, s) -> snap.put(e, s.toSnapshot()));
            Object cursor = b.getAttributes().get(ATTR_CURSOR);
            store.saveSnapshot(syncId, r.id, snap, cursor == null ? null : String.valueOf(cursor));
        } else if (syncId != null && b.getOutcome() == Batch.Outcome.UNCHANGED && b.getAttributes().get(ATTR_CURSOR) != null) {
            store.setCursor(syncId, String.valueOf(b.getAttributes().get(ATTR_CURSOR)));
        }
        Object releasedFrom = b.getAttributes().get(ATTR_RELEASED_FROM);
        if (inQuarantine) {
            QuarantineEntry q = store.getQuarantine(quarantineId).orElseGet(QuarantineEntry::new);
            q.id = quarantineId;
            q.batchId = b.getId();
            q.syncId = syncId;
            q.runId = r.id;
            q.kind = switch (b.getOutcome()) {
                case HELD -> QuarantineEntry.HELD;
                case FAILED -> QuarantineEntry.FAILED;
                default -> QuarantineEntry.QUARANTINED;
            };
            q.status = q.kind;
            q.reason = b.getReason();
            q.path = location(b);
            q.source = b.getSource();
            q.resolvedAt = null;
            store.saveQuarantine(q);
        }
        if (releasedFrom != null && !String.valueOf(releasedFrom).equals(quarantineId)) {
            // the released batch left quarantine (if it comes back, that is a new entry)
            store.getQuarantine(String.valueOf(releasedFrom)).ifPresent(q -> {
                q.status = QuarantineEntry.RELEASED;
                q.resolvedAt = SyncStore.now();
                q.releaseRunId = r.id;
                q.path = location(b);
                store.saveQuarantine(q);
            });
        }
        // the run is recorded last: whoever waits for it finds the snapshot and the quarantine entry in place
        store.finishRun(r);
    }

    private Path quarantineDir() {
        return work.resolve("quarantine").toAbsolutePath().normalize();
    }

    private String location(Batch b) {
        Path p = b.getFinalLocation() != null ? b.getFinalLocation() : b.getDir();
        return p == null ? null : p.toString();
    }

    private static Map<String, Map<String, Long>> counters(Batch b, Map<String, Fingerprints.EntityScan> scan) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        b.getRowCounts().forEach((e, n) -> out.computeIfAbsent(e, k -> new LinkedHashMap<>()).put("extracted", n));
        if (scan != null) {
            scan.forEach((e, s) -> {
                Map<String, Long> m = out.computeIfAbsent(e, k -> new LinkedHashMap<>());
                m.putIfAbsent("extracted", s.rowCount());
                m.put("added", s.added);
                m.put("updated", s.updated);
                m.put("removed", s.removed);
            });
        }
        for (Message m : b.allMessages()) {
            String f = m.fileName() == null ? "batch" : m.fileName().toLowerCase(Locale.ROOT).replaceFirst("\\.csv$", "");
            String key = m.isError() ? "errors" : m.isWarning() ? "warnings" : null;
            if (key != null) {
                out.computeIfAbsent(f, k -> new LinkedHashMap<>()).merge(key, m.count() == null ? 1L : m.count(), Long::sum);
            }
        }
        for (Map<String, Long> m : out.values()) {
            for (String k : List.of("extracted", "errors", "warnings", "added", "updated", "removed")) {
                m.putIfAbsent(k, k.equals("errors") || k.equals("warnings") ? 0L : null);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ quarantine

    /** Every batch in quarantine/ (with what the database knows) and every decision recorded. */
    public List<QuarantineEntry> quarantine() {
        Map<String, QuarantineEntry> all = new LinkedHashMap<>();
        for (QuarantineEntry q : store.listQuarantine()) {
            all.put(q.id, q);
        }
        Path dir = work.resolve("quarantine");
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    String id = p.getFileName().toString();
                    if (Files.isDirectory(p) && !all.containsKey(id)) {
                        all.put(id, fromReport(id, p));
                    }
                }
            } catch (IOException e) {
                LOG.warn("Cannot list {}: {}", dir, e.getMessage());
            }
        }
        return new ArrayList<>(all.values());
    }

    public QuarantineEntry quarantineEntry(String id) {
        if (!SyncAttributes.ID.matcher(id).matches()) {
            throw SyncException.notFound("quarantined batch", id);
        }
        return store.getQuarantine(id).or(() -> {
            Path p = work.resolve("quarantine").resolve(id);
            return Files.isDirectory(p) ? Optional.of(fromReport(id, p)) : Optional.empty();
        }).orElseThrow(() -> SyncException.notFound("quarantined batch", id));
    }

    private QuarantineEntry fromReport(String id, Path p) {
        QuarantineEntry q = new QuarantineEntry();
        q.id = id;
        q.kind = QuarantineEntry.QUARANTINED;
        q.status = QuarantineEntry.QUARANTINED;
        q.path = p.toString();
        Path report = p.resolve("report.json");
        if (Files.isRegularFile(report)) {
            try {
                var n = JSON.readTree(report.toFile());
                q.reason = n.path("reason").isTextual() ? n.path("reason").asText() : null;
                q.syncId = n.path("syncId").isTextual() ? n.path("syncId").asText()
                        : n.path("sync_id").isTextual() ? n.path("sync_id").asText() : null;
                q.source = n.path("source").isTextual() ? n.path("source").asText() : null;
                if ("HELD".equalsIgnoreCase(n.path("outcome").asText())) {
                    q.kind = QuarantineEntry.HELD;
                    q.status = QuarantineEntry.HELD;
                } else if ("FAILED".equalsIgnoreCase(n.path("outcome").asText())) {
                    q.kind = QuarantineEntry.FAILED;
                    q.status = QuarantineEntry.FAILED;
                }
                q.batchId = n.path("batchId").isTextual() ? n.path("batchId").asText() : null;
                if ("discarded".equals(n.path("status").asText())) {
                    q.status = QuarantineEntry.DISCARDED;
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("Unreadable {}: {}", report, e.getMessage());
            }
        }
        return q;
    }

    /**
     * Publishes a held batch: moves it atomically from quarantine/ back to processing/, marks it to bypass the shrink
     * guard and sends it through direct:process-batch (in the background). Returns the new run.
     */
    public Run release(String id) {
        QuarantineEntry q = quarantineEntry(id);
        boolean held = QuarantineEntry.HELD.equals(q.status);
        if (!held && !QuarantineEntry.FAILED.equals(q.status)) {
            throw SyncException.conflict(QuarantineEntry.QUARANTINED.equals(q.status)
                    ? "Batch '" + id + "' was quarantined because SDS would reject it, so it cannot be released; fix the "
                    + "source and send the batch again."
                    : "Batch '" + id + "' is " + q.status + "; only a batch held by the shrink guard or one that failed "
                    + "can be released.");
        }
        Path from = work.resolve("quarantine").resolve(id);
        if (!Files.isDirectory(from)) {
            throw SyncException.conflict("Batch '" + id + "' is no longer in " + work.resolve("quarantine") + ".");
        }
        if (q.syncId != null && active.containsKey(q.syncId)) {
            throw SyncException.conflict("Sync '" + q.syncId + "' is running; release the batch when the run has ended.");
        }
        String batchId = q.batchId != null && SyncAttributes.ID.matcher(q.batchId).matches() ? q.batchId : id;
        Path to = work.resolve("processing").resolve(batchId);
        if (Files.exists(to)) {
            throw SyncException.conflict("A batch named '" + batchId + "' is already being processed; release this one "
                    + "when it has ended.");
        }
        try {
            Files.createDirectories(to.getParent());
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(to.resolve("report.html"));
            Files.deleteIfExists(to.resolve("report.json"));
        } catch (IOException e) {
            throw SyncException.conflict("Batch '" + id + "' cannot be moved back to " + to.getParent() + ": "
                    + e.getMessage());
        }
        Batch b = new Batch(batchId, to, q.source == null ? "drop" : q.source, q.syncId);
        if (held) {
            b.getAttributes().put(ATTR_BYPASS_GUARD, true);
        }
        b.getAttributes().put(ATTR_RELEASED_FROM, id);
        long runId = store.insertRun(q.syncId == null ? "unknown" : q.syncId, Run.PENDING, "release",
                "Released from quarantine by a person.");
        b.setRunId(runId);
        q.releaseRunId = runId;
        q.path = to.toString();
        store.saveQuarantine(q);
        executor.submit(() -> {
            try {
                Exchange ex = template().send("direct:process-batch", e -> e.getIn().setBody(b));
                if (ex.getException() != null) {
                    fail(runId, "Publishing the released batch failed: " + Database.rootMessage(ex.getException()));
                }
            } catch (RuntimeException e) {
                fail(runId, "Publishing the released batch failed: " + Database.rootMessage(e));
            }
        });
        return store.getRun(runId).orElseThrow();
    }

    /** Keeps a quarantined batch where it is, marked as discarded (in the database and in its report.json). */
    public QuarantineEntry discard(String id) {
        QuarantineEntry q = quarantineEntry(id);
        if (QuarantineEntry.RELEASED.equals(q.status)) {
            throw SyncException.conflict("Batch '" + id + "' was already released; it can no longer be discarded.");
        }
        if (!QuarantineEntry.DISCARDED.equals(q.status)) {
            q.status = QuarantineEntry.DISCARDED;
            q.resolvedAt = SyncStore.now();
            store.saveQuarantine(q);
            Path report = work.resolve("quarantine").resolve(id).resolve("report.json");
            try {
                ObjectNode n = Files.isRegularFile(report) && JSON.readTree(report.toFile()) instanceof ObjectNode o
                        ? o : JSON.createObjectNode();
                n.put("status", "discarded");
                n.put("discardedAt", q.resolvedAt.toInstant().toString());
                if (Files.isDirectory(report.getParent())) {
                    Path tmp = report.resolveSibling("report.json.tmp");
                    JSON.writeValue(tmp.toFile(), n);
                    Files.move(tmp, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                LOG.warn("Could not mark {} as discarded: {}", report, e.getMessage());
            }
        }
        return q;
    }

    // ------------------------------------------------------------------------------------------------ drop route

    private void applyDropPause() {
        if (once) {
            return;
        }
        boolean anyPaused = false;
        boolean anyDrop = false;
        for (SyncDef s : store.listSyncs()) {
            if (catalog.source(s.sourceId).map(i -> Catalog.SOURCE_CSV_DROP.equals(i.type())).orElse(false)) {
                anyDrop = true;
                anyPaused |= s.paused;
            }
        }
        if (anyDrop && anyPaused) {
            stopDropRoute("its sync is paused");
        } else if (dropStoppedByUs && context.getRoute(dropRoute) != null
                && context.getRouteController().getRouteStatus(dropRoute) == ServiceStatus.Stopped) {
            try {
                context.getRouteController().startRoute(dropRoute);
                dropStoppedByUs = false;
                LOG.info("Route {} started (its sync was resumed)", dropRoute);
            } catch (Exception e) {
                LOG.warn("Cannot start route {}: {}", dropRoute, e.getMessage());
            }
        }
    }

    private void stopDropRoute(String why) {
        if (context.getRoute(dropRoute) == null) {
            return;
        }
        ServiceStatus st = context.getRouteController().getRouteStatus(dropRoute);
        if (st != null && st.isStarted()) {
            try {
                // a run in flight finishes: the route stops gracefully
                context.getRouteController().stopRoute(dropRoute);
                dropStoppedByUs = true;
                LOG.info("Route {} stopped: {}", dropRoute, why);
            } catch (Exception e) {
                LOG.warn("Cannot stop route {}: {}", dropRoute, e.getMessage());
            }
        }
    }
}
