package org.sis2sds.sync;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sis2sds.batch.BatchFormat;
import org.sis2sds.core.Settings;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.pipeline.BatchRejected;
import org.sis2sds.validate.ValidationOptions;

/**
 * Bean {@code shrinkGuard}: compares a batch with the last accepted snapshot of its sync. It fingerprints every row
 * of the batch's format, per entity (streamed; see {@link Fingerprints}), and
 * <ul>
 *   <li>holds the batch (throws {@link BatchRejected}, HELD) when an entity would lose more than {@code sis2sds.guard.max-shrink-percent}
 *   of its rows, or when the snapshot is empty and the last accepted one was not; the first run of a sync (no
 *   accepted snapshot) and a batch released by a person are never held;</li>
 *   <li>in incremental mode, marks an identical snapshot UNCHANGED (archived, not uploaded).</li>
 * </ul>
 * The per-entity added/updated/removed counts go on the batch as attribute {@code sync.changes}.
 */
public class ShrinkGuard {
    private final SyncManager manager;
    private final double maxShrinkPercent;
    private final int maxRecordBytes;

    public ShrinkGuard(SyncManager manager, Settings s) {
        this.manager = manager;
        this.maxRecordBytes = ValidationOptions.of(s).maxRecordBytes();
        this.maxShrinkPercent = s.getDouble("sis2sds.guard.max-shrink-percent", 10.0);
        if (maxShrinkPercent < 0 || maxShrinkPercent > 100) {
            throw s.invalid("sis2sds.guard.max-shrink-percent", String.valueOf(maxShrinkPercent),
                    "a percentage between 0 and 100");
        }
    }

    public void check(Batch batch) throws IOException {
        String syncId = batch.getSyncId();
        if (syncId == null || batch.getDir() == null) {
            return;
        }
        SyncStore store = manager.store();
        Optional<SyncDef> sync = store.getSync(syncId);
        Map<String, SyncStore.Snapshot> prev = store.loadSnapshot(syncId);
        BatchFormat format = batch.getFormat() != null ? batch.getFormat()
                : BatchFormat.detect(batch.getDir()).format().orElse(BatchFormat.V1);
        Map<String, Fingerprints.EntityScan> scan = Fingerprints.scan(batch.getDir(), format, prev, maxRecordBytes);
        RunRecorder.keepScan(batch, scan);
        Map<String, Object> changes = new LinkedHashMap<>();
        scan.forEach((e, s) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rows", s.rowCount());
            m.put("previousRows", prev.containsKey(e) ? prev.get(e).rowCount() : null);
            m.put("added", s.added);
            m.put("updated", s.updated);
            m.put("removed", s.removed);
            changes.put(e, m);
        });
        batch.getAttributes().put(SyncManager.ATTR_CHANGES, changes);
        long prevTotal = prev.values().stream().mapToLong(SyncStore.Snapshot::rowCount).sum();
        if (prev.isEmpty() || prevTotal == 0) {
            return; // first run of this sync (or after a reset): nothing to compare with
        }
        if (Collections.disjoint(prev.keySet(), scan.keySet())) {
            // the sync changed format (SDS v1 <-> v2.1): no entity to compare with, as on a first run
            batch.getAttributes().put("sync.formatChanged", true);
            return;
        }
        boolean bypass = Boolean.TRUE.equals(batch.getAttributes().get(SyncManager.ATTR_BYPASS_GUARD));
        if (!bypass) {
            String held = holdReason(syncId, prev, scan, prevTotal);
            if (held != null) {
                throw BatchRejected.held(held + " If this is intended, release the batch (bin/sis2sds quarantine list "
                        + "shows its id; then bin/sis2sds quarantine release ID, or POST /api/v1/quarantine/ID/release).");
            }
        }
        boolean incremental = sync.map(SyncDef::isIncremental).orElse(false);
        if (incremental && scan.values().stream().noneMatch(Fingerprints.EntityScan::changed)) {
            batch.setOutcome(Batch.Outcome.UNCHANGED);
            batch.setReason("No change since the last accepted snapshot of sync " + syncId + "; nothing was uploaded.");
        }
    }

    private String holdReason(String syncId, Map<String, SyncStore.Snapshot> prev,
                              Map<String, Fingerprints.EntityScan> scan, long prevTotal) {
        long total = scan.values().stream().mapToLong(Fingerprints.EntityScan::rowCount).sum();
        if (total == 0) {
            return "Held: the snapshot is empty, but the last accepted snapshot of sync " + syncId + " had "
                    + prevTotal + " rows.";
        }
        StringBuilder why = new StringBuilder();
        for (var e : prev.entrySet()) {
            long before = e.getValue().rowCount();
            Fingerprints.EntityScan now = scan.get(e.getKey());
            long after = now == null ? 0 : now.rowCount();
            if (before > 0 && after < before) {
                double pct = (before - after) * 100.0 / before;
                if (pct > maxShrinkPercent) {
                    why.append(why.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                            "%s would shrink from %d to %d rows (%.1f%%, more than the %s%% allowed)", e.getKey(), before,
                            after, pct, fmt(maxShrinkPercent)));
                }
            }
        }
        return why.length() == 0 ? null : "Held: " + why + " compared with the last accepted snapshot of sync "
                + syncId + ".";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
