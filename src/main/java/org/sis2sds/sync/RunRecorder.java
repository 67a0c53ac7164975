package org.sis2sds.sync;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.validate.Message;

/**
 * Bean {@code runRecorder}: records each batch of the pipeline as a run of its sync. {@link #started} ties the batch
 * to the run that produced it (or records a new run when it has none) and gives it its sync's destination;
 * {@link #finished} stores the outcome, the per-entity counters and, for an accepted batch, the new snapshot (row
 * counts and fingerprints) and the quarantine entry of a batch filed there.
 */
public final class RunRecorder {
    private static final String SCAN = "sync.fingerprintScan";
    private final SyncStore store;
    private final Catalog catalog;
    private final RunLauncher runs;
    private final ClusterStore cluster;
    private final Path work;
    /** The runs whose batch this process has in the pipeline now. */
    private final java.util.Set<Long> inPipeline = java.util.concurrent.ConcurrentHashMap.newKeySet();

    RunRecorder(SyncStore store, Catalog catalog, RunLauncher runs, ClusterStore cluster, Path work) {
        this.store = store;
        this.catalog = catalog;
        this.runs = runs;
        this.cluster = cluster;
        this.work = work;
    }

    /** Keeps the shrink guard's fingerprint scan with the batch until it ends (then it becomes the snapshot). */
    static void keepScan(Batch b, Map<String, Fingerprints.EntityScan> scan) {
        b.setTransient(SCAN, scan);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Fingerprints.EntityScan> scanOf(Batch b) {
        return (Map<String, Fingerprints.EntityScan>) b.getTransient(SCAN);
    }

    /** Pipeline start of a batch: ties it to the run that produced it, or records a new run. */
    public void started(Batch b) {
        if (b.getSyncId() == null) {
            return;
        }
        Optional<SyncDef> sync = store.getSync(b.getSyncId());
        sync.map(catalog::profileId).ifPresent(p -> b.getAttributes().putIfAbsent(SyncManager.ATTR_PROFILE, p));
        sync.flatMap(s -> catalog.destination(s.destinationId)).ifPresent(d -> {
            Object mode = d.configuration().get("mode");
            if (mode != null && !String.valueOf(mode).isBlank()) {
                b.getAttributes().putIfAbsent(SyncManager.ATTR_DESTINATION_MODE, String.valueOf(mode));
            }
            b.getAttributes().putIfAbsent(SyncManager.ATTR_DESTINATION, d.id());
        });
        if (b.getRunId() == null) {
            Long attached = runs.attachBatch(b.getSyncId());
            if (attached == null) {
                // a batch resumed after a failover goes on as the run the previous leader left open
                attached = cluster.openRunOfBatch(b.getId()).orElse(null);
            }
            if (attached != null) {
                b.setRunId(attached);
            } else {
                b.setRunId(store.insertRun(b.getSyncId(), Run.RUNNING, b.getSource() == null ? "batch" : b.getSource(),
                        null));
            }
        }
        store.markRunning(b.getRunId(), b.getId());
        inPipeline.add(b.getRunId());
    }

    /** The pipeline gave the batch back (this node stopped leading): the leader resumes it, as the same run. */
    public void handedBack(Batch b) {
        if (b != null && b.getRunId() != null) {
            inPipeline.remove(b.getRunId());
        }
    }

    /** True while this process has the batch of run {@code runId} in the pipeline. */
    boolean executes(long runId) {
        return inPipeline.contains(runId);
    }

    /** Pipeline end of a batch: the run's outcome and counters; an accepted batch becomes the new snapshot. */
    public void finished(Batch b) {
        Map<String, Fingerprints.EntityScan> scan = scanOf(b);
        if (b.getRunId() == null) {
            return;
        }
        inPipeline.remove(b.getRunId());
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
        // a run resumed after a failover keeps saying so (ClusterSync), unless the batch has a reason of its own
        r.reason = b.getReason() == null && r.reason != null && r.reason.startsWith(ClusterSync.INTERRUPTED)
                ? r.reason : b.getReason();
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
            Object cursor = b.getAttributes().get(SyncManager.ATTR_CURSOR);
            store.saveSnapshot(syncId, r.id, snap, cursor == null ? null : String.valueOf(cursor));
        } else if (syncId != null && b.getOutcome() == Batch.Outcome.UNCHANGED && b.getAttributes().get(SyncManager.ATTR_CURSOR) != null) {
            store.setCursor(syncId, String.valueOf(b.getAttributes().get(SyncManager.ATTR_CURSOR)));
        }
        Object releasedFrom = b.getAttributes().get(SyncManager.ATTR_RELEASED_FROM);
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
}
