package org.sis2sds.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import org.apache.camel.CamelContext;
import org.apache.camel.Header;
import org.sis2sds.cluster.ClusterNode;
import org.sis2sds.core.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync area's entry point, which the API, the CLI and the schedules go through: create, change, delete, pause,
 * resume and reset syncs and start their runs. The work itself is done by the classes it holds: {@link RunLauncher}
 * (runs in flight), {@link RunRecorder} (what each batch did to its run), {@link QuarantineDesk} (release and
 * discard), {@link SyncScheduler} (the schedules), {@link DropPause} and {@link Declarations} (syncs.yaml).
 * Changes to a sync and the start of its runs are serialised on this object, so a pause that has returned is seen.
 */
public final class SyncManager {
    private static final Logger LOG = LoggerFactory.getLogger(SyncManager.class);
    public static final String ATTR_BYPASS_GUARD = "guard.bypass";
    public static final String ATTR_RELEASED_FROM = "sync.releasedFrom";
    public static final String ATTR_PROFILE = "sds.profileId";
    /** The destination's {@code mode} (off, classic, industrydata); see org.sis2sds.sds.Destinations. */
    public static final String ATTR_DESTINATION_MODE = "sds.mode";
    /** The id of the sync's destination (its configuration is in the catalog). */
    public static final String ATTR_DESTINATION = "sync.destinationId";
    public static final String ATTR_CURSOR = "sync.cursor";
    public static final String ATTR_CHANGES = "sync.changes";

    private final Settings settings;
    private final SyncStore store;
    private final Catalog catalog;
    private final SyncScheduler scheduler;
    private final RunLauncher runs;
    private final RunRecorder recorder;
    private final QuarantineDesk quarantine;
    private final DropPause dropPause;
    private final boolean once;
    private final CamelContext context;
    private final ClusterSync cluster;
    private volatile boolean started;

    public SyncManager(Settings settings, SyncStore store, Catalog catalog, CamelContext context) {
        this.settings = settings;
        this.store = store;
        this.catalog = catalog;
        this.once = settings.getBool("sis2sds.syncs.once", false);
        this.context = context;
        this.scheduler = new SyncScheduler(context, settings);
        this.runs = new RunLauncher(store, catalog, context);
        ClusterNode node = context.getRegistry().lookupByNameAndType("cluster", ClusterNode.class);
        this.cluster = new ClusterSync(node, store, settings.workDir());
        cluster.manager(this);
        scheduler.cluster(cluster.clustered(), cluster::leads);
        if (node != null && cluster.clustered()) {
            node.addListener(leader -> {
                if (leader && started) {
                    becameLeader();
                }
            });
        }
        this.recorder = new RunRecorder(store, catalog, runs, cluster.store(), settings.workDir());
        this.quarantine = new QuarantineDesk(store, runs, settings.workDir());
        this.dropPause = new DropPause(context, store, catalog, settings.get("sis2sds.syncs.drop-route", "drop-inbox"),
                once);
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

    public RunRecorder recorder() {
        return recorder;
    }

    public QuarantineDesk quarantineDesk() {
        return quarantine;
    }

    /** Bean {@code clusterRequests}: the requests followers record, carried out by the leader. */
    public ClusterSync cluster() {
        return cluster;
    }

    // ------------------------------------------------------------------------------------------------ start/stop

    /**
     * At start: fail runs a stopped daemon left open, apply syncs.yaml, schedule, apply the pause of the drop sync.
     * In a cluster the runs other nodes left and syncs.yaml are the leader's business ({@link #becameLeader}); every
     * node makes the schedule routes, which run on the leader only.
     */
    public synchronized void start() {
        // a one-shot command (run --once, quarantine) may share the database with a running daemon: leave its runs alone
        int n = once || cluster.clustered() ? 0 : store.failInterruptedRuns();
        if (n > 0) {
            LOG.warn("{} run(s) were in progress when the daemon last stopped; they are recorded as failed.", n);
        }
        if (!cluster.clustered()) {
            Declarations.apply(catalog, store, settings.getPath(Catalog.KEY, "config/syncs.yaml").toString());
        }
        for (SyncDef s : store.listSyncs()) {
            scheduler.apply(s.id, s, store.lastRun(s.id).map(r -> r.startedAt == null ? null : r.startedAt.toInstant())
                    .orElse(null));
        }
        if (once) {
            dropPause.stop("run --once handles the drop folder through its sync");
        } else {
            dropPause.apply();
        }
        started = true;
        if (cluster.clustered() && cluster.leads()) {
            // it took the lead while Camel was still starting
            becameLeader();
        }
    }

    /**
     * This node now leads the cluster: it applies syncs.yaml, takes over the runs the previous leader left (resumed
     * with their batch, or closed as interrupted), and brings the schedules and the drop folder's pause up to date
     * with what followers changed meanwhile.
     */
    synchronized void becameLeader() {
        Declarations.apply(catalog, store, settings.getPath(Catalog.KEY, "config/syncs.yaml").toString());
        cluster.takeOver(id -> recorder.executes(id) || runs.executes(id), store::finishRun);
        for (SyncDef s : store.listSyncs()) {
            applyHere(s.id);
        }
        applyHere(null);
    }

    public void stop() {
        runs.stop(Duration.ofSeconds(settings.getInt("sis2sds.shutdown-timeout-seconds", 20)));
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
        if (runs.isRunning(id)) {
            throw SyncException.conflict("Sync '" + id + "' is running; wait for the run to end, then delete it.");
        }
        store.deleteSync(id);
        if (!cluster.handOver(ClusterStore.SYNC, id, null, null)) {
            scheduler.remove(id);
            dropPause.apply();
        }
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
        if (!cluster.handOver(ClusterStore.SYNC, id, null, null)) {
            applyHere(id);
        }
    }

    /** Brings this node's schedule of a sync (none: only the drop folder) and the drop folder's pause up to date. */
    void applyHere(String id) {
        if (id != null) {
            SyncDef s = store.getSync(id).orElse(null);
            scheduler.apply(id, s, s == null ? null : store.lastRun(id)
                    .map(r -> r.startedAt == null ? null : r.startedAt.toInstant()).orElse(null));
        }
        if (!once) {
            dropPause.apply();
        }
    }

    /** Forgets the cursor and the fingerprints (the next run is a first run again) and resets the SDS profile. */
    public String reset(String id) {
        SyncDef s = get(id);
        if (runs.isRunning(id)) {
            throw SyncException.conflict("Sync '" + id + "' is running; wait for the run to end, then reset it.");
        }
        store.resetState(id);
        String msg = "Sync " + id + " was reset: its cursor and fingerprints are cleared; the next run is a first run.";
        String profile = catalog.profileId(s) != null ? catalog.profileId(s) : settings.get("sis2sds.sds.profile-id", null);
        if (profile != null) {
            // route direct:reset-profile (publish-classic.camel.yaml) answers false when SDS Classic is not configured
            try (var t = context.createFluentProducerTemplate()) {
                Boolean done = t.to("direct:reset-profile").withBody(profile).request(Boolean.class);
                if (Boolean.TRUE.equals(done)) {
                    msg += " The SDS profile " + profile + " was reset.";
                }
            } catch (RuntimeException | java.io.IOException e) {
                msg += " Resetting the SDS profile " + profile + " failed: " + Database.rootMessage(e);
            }
        }
        return msg;
    }

    /** The status a sync shows: paused, running, pending (never ran), healthy, failed, held or quarantined. */
    public String statusOf(SyncDef s) {
        if (runs.isRunning(s.id)) {
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
        Long current = runs.currentRun(id);
        a.put("running", current != null);
        a.put("current_run_id", current == null ? null : String.valueOf(current));
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

    /** Called by the schedule route of a sync, with the time the fire was scheduled for (one run per fire). */
    public void scheduled(@Header("syncId") String syncId, @Header("scheduledFireTime") Date scheduledFor) {
        try {
            trigger(syncId, "schedule", false,
                    scheduledFor == null ? null : OffsetDateTime.ofInstant(scheduledFor.toInstant(), ZoneOffset.UTC));
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
        return trigger(syncId, trigger, strict, null);
    }

    /**
     * As {@link #trigger(String, String, boolean)}; {@code scheduledAt} is the schedule fire's time (a fire already
     * recorded runs nothing and returns null). A follower records the run for the leader, which starts it.
     */
    Run trigger(String syncId, String trigger, boolean strict, OffsetDateTime scheduledAt) {
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
            if (!cluster.leads()) {
                return requestRun(s, trigger, strict, scheduledAt);
            }
            runId = runs.launch(s, trigger, strict, scheduledAt);
            if (runId < 0) {
                return null;
            }
        }
        if (!"schedule".equals(trigger)) {
            scheduler.restartInterval(s, Instant.now());
        }
        return store.getRun(runId).orElseThrow();
    }

    /** A follower records a run (no node takes it yet) and asks the leader to start it. */
    private Run requestRun(SyncDef s, String trigger, boolean strict, OffsetDateTime scheduledAt) {
        if (strict && store.lastRun(s.id).map(r -> !r.isFinished()).orElse(false)) {
            throw SyncException.conflict("Sync '" + s.id + "' is already running; wait for it to end.");
        }
        long runId;
        try {
            runId = store.insertRun(s.id, Run.PENDING, trigger, "Recorded by node " + cluster.nodeId()
                    + " for the leader to run.", null, scheduledAt);
        } catch (SyncStore.StoreException e) {
            if (scheduledAt != null && ClusterStore.duplicate(e)) {
                return null;
            }
            throw e;
        }
        cluster.handOver(ClusterStore.RUN, s.id, runId, null);
        return store.getRun(runId).orElseThrow();
    }

    /** The leader starts a run a follower recorded. */
    void runRequested(String syncId, long runId) {
        SyncDef s = store.getSync(syncId).orElse(null);
        if (s == null || s.paused) {
            store.getRun(runId).ifPresent(r -> {
                r.status = Run.SKIPPED;
                r.reason = s == null ? "The sync was deleted before the leader took the run." : "The sync is paused.";
                store.finishRun(r);
            });
            return;
        }
        synchronized (this) {
            runs.launchRequested(s, runId);
        }
        store.getRun(runId).filter(r -> !"schedule".equals(r.trigger))
                .ifPresent(r -> scheduler.restartInterval(s, Instant.now()));
    }

    void releaseRequested(String quarantineId, long runId) {
        quarantine.release(quarantineId, runId);
    }

    void failRun(long runId, String reason) {
        runs.fail(runId, reason);
    }

    public boolean isRunning(String syncId) {
        return runs.isRunning(syncId);
    }

    /** Waits for a run to end and returns it. */
    public Run awaitRun(long runId, Duration timeout) throws InterruptedException {
        return runs.awaitRun(runId, timeout);
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

    // ------------------------------------------------------------------------------------------------ quarantine

    /** Every batch in quarantine/ (with what the database knows) and every decision recorded. */
    public List<QuarantineEntry> quarantine() {
        return quarantine.list();
    }

    public QuarantineEntry quarantineEntry(String id) {
        return quarantine.entry(id);
    }

    /** Publishes a held or failed batch anyway, as a new run (see {@link QuarantineDesk#release}). */
    public Run release(String id) {
        if (cluster.leads()) {
            return quarantine.release(id);
        }
        QuarantineEntry q = quarantine.releasable(id);
        long runId = store.insertRun(q.syncId == null ? "unknown" : q.syncId, Run.PENDING, "release",
                "Released from quarantine by a person; recorded by node " + cluster.nodeId() + " for the leader.",
                null, null);
        cluster.handOver(ClusterStore.RELEASE, q.syncId, runId, id);
        return store.getRun(runId).orElseThrow();
    }

    public QuarantineEntry discard(String id) {
        return quarantine.discard(id);
    }
}
