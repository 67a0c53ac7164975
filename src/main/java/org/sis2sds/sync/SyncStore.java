package org.sis2sds.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** JDBC access to syncs, runs, snapshots (fingerprints) and quarantine entries. */
public final class SyncStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] COUNTERS = {"extracted", "errors", "warnings", "added", "updated", "removed"};

    private final Database db;
    /** The node that runs recorded here execute (null: none given, e.g. a one-shot command). */
    private volatile String nodeId;

    public SyncStore(Database db) {
        this.db = db;
    }

    /** The node whose runs this store records (runs.node_id). */
    public void nodeId(String id) {
        this.nodeId = id;
    }

    public String nodeId() {
        return nodeId;
    }

    public Database database() {
        return db;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** A storage failure, unchecked. */
    public static final class StoreException extends RuntimeException {
        StoreException(String m, Throwable c) {
            super(m, c);
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs a query with its arguments bound in order; one mapped object per row. */
    private static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... args)
            throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
        }
        return out;
    }

    /** A BIGINT column that may be NULL. */
    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    <T> T tx(Work<T> w) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                T t = w.run(c);
                c.commit();
                return t;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("The sync database failed: " + Database.rootMessage(e), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ syncs

    private static final String SYNC_COLS = "id, source_id, destination_id, model_id, schedule_type, sync_mode, "
            + "sync_interval, sync_interval_unit, cron_expression, cursor_field, current_cursor, stream_name, "
            + "configuration, paused, origin, declaration_hash, created_at, updated_at, deleted_at";

    public List<SyncDef> listSyncs() {
        return tx(c -> query(c, "SELECT " + SYNC_COLS + " FROM syncs WHERE deleted_at IS NULL ORDER BY id",
                SyncStore::syncDef));
    }

    public Optional<SyncDef> getSync(String id) {
        return getSync(id, false);
    }

    /** A sync, also a deleted one when {@code includeDeleted} (then {@link SyncDef#updatedAt} tells nothing). */
    public Optional<SyncDef> getSync(String id, boolean includeDeleted) {
        return tx(c -> query(c, "SELECT " + SYNC_COLS + " FROM syncs WHERE id = ?"
                + (includeDeleted ? "" : " AND deleted_at IS NULL"), SyncStore::syncDef, id).stream().findFirst());
    }

    public boolean isDeleted(String id) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT deleted_at FROM syncs WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getObject(1) != null;
                }
            }
        });
    }

    /** A row of {@link #SYNC_COLS}. */
    private static SyncDef syncDef(ResultSet rs) throws SQLException {
        SyncDef s = new SyncDef();
        s.id = rs.getString(1);
        s.sourceId = rs.getString(2);
        s.destinationId = rs.getString(3);
        s.modelId = rs.getString(4);
        s.scheduleType = rs.getString(5);
        s.syncMode = rs.getString(6);
        int iv = rs.getInt(7);
        s.syncInterval = rs.wasNull() ? null : iv;
        s.syncIntervalUnit = rs.getString(8);
        s.cronExpression = rs.getString(9);
        s.cursorField = rs.getString(10);
        s.currentCursor = rs.getString(11);
        s.streamName = rs.getString(12);
        s.configuration = parseJson(rs.getString(13));
        s.paused = rs.getBoolean(14);
        s.origin = rs.getString(15);
        s.declarationHash = rs.getString(16);
        s.createdAt = rs.getObject(17, OffsetDateTime.class);
        s.updatedAt = rs.getObject(18, OffsetDateTime.class);
        return s;
    }

    static Map<String, Object> parseJson(String s) {
        try {
            return s == null || s.isBlank() ? new LinkedHashMap<>() : JSON.readValue(s, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (Exception e) {
            return new LinkedHashMap<>();
        }
    }

    static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Inserts or replaces a sync (a deleted one comes back). */
    public void saveSync(SyncDef s) {
        OffsetDateTime now = now();
        tx(c -> {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("SELECT created_at, deleted_at FROM syncs WHERE id = ?")) {
                ps.setString(1, s.id);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                    if (exists && s.createdAt == null) {
                        s.createdAt = rs.getObject(2) != null ? now : rs.getObject(1, OffsetDateTime.class);
                    }
                }
            }
            if (s.createdAt == null) {
                s.createdAt = now;
            }
            s.updatedAt = now;
            String sql = exists
                    ? "UPDATE syncs SET source_id=?, destination_id=?, model_id=?, schedule_type=?, sync_mode=?, "
                    + "sync_interval=?, sync_interval_unit=?, cron_expression=?, cursor_field=?, current_cursor=?, "
                    + "stream_name=?, configuration=?, paused=?, origin=?, declaration_hash=?, created_at=?, "
                    + "updated_at=?, deleted_at=NULL WHERE id=?"
                    : "INSERT INTO syncs (source_id, destination_id, model_id, schedule_type, sync_mode, sync_interval, "
                    + "sync_interval_unit, cron_expression, cursor_field, current_cursor, stream_name, configuration, "
                    + "paused, origin, declaration_hash, created_at, updated_at, id) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, s.sourceId);
                ps.setString(2, s.destinationId);
                ps.setString(3, s.modelId);
                ps.setString(4, s.scheduleType);
                ps.setString(5, s.syncMode);
                if (s.syncInterval == null) {
                    ps.setNull(6, Types.INTEGER);
                } else {
                    ps.setInt(6, s.syncInterval);
                }
                ps.setString(7, s.syncIntervalUnit);
                ps.setString(8, s.cronExpression);
                ps.setString(9, s.cursorField);
                ps.setString(10, s.currentCursor);
                ps.setString(11, s.streamName);
                ps.setString(12, toJson(s.configuration));
                ps.setBoolean(13, s.paused);
                ps.setString(14, s.origin);
                ps.setString(15, s.declarationHash);
                ps.setObject(16, s.createdAt);
                ps.setObject(17, s.updatedAt);
                ps.setString(18, s.id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public boolean deleteSync(String id) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE syncs SET deleted_at = ?, paused = FALSE WHERE id = ? AND deleted_at IS NULL")) {
                ps.setObject(1, now());
                ps.setString(2, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public void setPaused(String id, boolean paused) {
        update("UPDATE syncs SET paused = ?, updated_at = ? WHERE id = ?", paused, now(), id);
    }

    public void setCursor(String id, String cursor) {
        update("UPDATE syncs SET current_cursor = ? WHERE id = ?", cursor, id);
    }

    private int update(String sql, Object... args) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ runs

    public long insertRun(String syncId, String status, String trigger, String reason) {
        return insertRun(syncId, status, trigger, reason, nodeId, null);
    }

    /**
     * A run executed by {@code node} (null: a request no node has taken yet), made by the schedule fire of
     * {@code scheduledAt} (null: not a schedule). A fire already recorded throws: one run per fire.
     */
    long insertRun(String syncId, String status, String trigger, String reason, String node,
            OffsetDateTime scheduledAt) {
        OffsetDateTime now = now();
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (sync_id, status, trigger_type, reason, "
                    + "created_at, started_at, finished_at, node_id, scheduled_at) VALUES (?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(8, node);
                ps.setObject(9, scheduledAt);
                ps.setString(1, syncId);
                ps.setString(2, status);
                ps.setString(3, trigger);
                ps.setString(4, reason);
                ps.setObject(5, now);
                ps.setObject(6, Run.PENDING.equals(status) ? null : now);
                ps.setObject(7, Run.SKIPPED.equals(status) ? now : null);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public void markRunning(long runId, String batchId) {
        update("UPDATE runs SET status = ?, started_at = COALESCE(started_at, ?), batch_id = COALESCE(?, batch_id), "
                + "node_id = COALESCE(?, node_id) WHERE id = ?", Run.RUNNING, now(), batchId, nodeId, runId);
    }

    /** Records the end of a run with its counters. */
    public void finishRun(Run r) {
        tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET status=?, reason=?, sds_status=?, "
                    + "quarantine_id=?, quarantine_path=?, batch_id=COALESCE(?, batch_id), "
                    + "started_at=COALESCE(started_at, ?), finished_at=? WHERE id=?")) {
                OffsetDateTime now = now();
                ps.setString(1, r.status);
                ps.setString(2, truncate(r.reason, 4000));
                ps.setString(3, r.sdsStatus);
                ps.setString(4, r.quarantineId);
                ps.setString(5, r.quarantinePath);
                ps.setString(6, r.batchId);
                ps.setObject(7, now);
                ps.setObject(8, now);
                ps.setLong(9, r.id);
                ps.executeUpdate();
            }
            if (!r.entities.isEmpty()) {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM run_entities WHERE run_id = ?")) {
                    del.setLong(1, r.id);
                    del.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_entities (run_id, entity, extracted, "
                        + "errors, warnings, added, updated, removed) VALUES (?,?,?,?,?,?,?,?)")) {
                    for (var e : r.entities.entrySet()) {
                        ps.setLong(1, r.id);
                        ps.setString(2, e.getKey());
                        for (int i = 0; i < COUNTERS.length; i++) {
                            Long v = e.getValue().get(COUNTERS[i]);
                            if (v == null) {
                                ps.setNull(3 + i, Types.BIGINT);
                            } else {
                                ps.setLong(3 + i, v);
                            }
                        }
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    static String truncate(String s, int n) {
        return s == null || s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    private static final String RUN_COLS = "id, sync_id, status, trigger_type, batch_id, reason, sds_status, "
            + "quarantine_id, quarantine_path, created_at, started_at, finished_at";

    public Optional<Run> getRun(long runId) {
        return tx(c -> firstWithEntities(c, queryRuns(c, "SELECT " + RUN_COLS + " FROM runs WHERE id = ?", runId)));
    }

    /** Newest first. */
    public List<Run> listRuns(String syncId, String status, int limit, int offset) {
        return tx(c -> {
            List<Run> runs = status == null
                    ? queryRuns(c, "SELECT " + RUN_COLS + " FROM runs WHERE sync_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
                            syncId, limit, offset)
                    : queryRuns(c, "SELECT " + RUN_COLS + " FROM runs WHERE sync_id = ? AND status = ? ORDER BY id DESC "
                            + "LIMIT ? OFFSET ?", syncId, status, limit, offset);
            for (Run r : runs) {
                loadEntities(c, r);
            }
            return runs;
        });
    }

    /** The newest run that was not skipped. */
    public Optional<Run> lastRun(String syncId) {
        return tx(c -> firstWithEntities(c, queryRuns(c, "SELECT " + RUN_COLS + " FROM runs WHERE sync_id = ? "
                + "AND status <> ? ORDER BY id DESC LIMIT 1", syncId, Run.SKIPPED)));
    }

    /** Runs left pending or running by a daemon that stopped: marked failed. Returns how many. */
    public int failInterruptedRuns() {
        return update("UPDATE runs SET status = ?, reason = ?, finished_at = ? WHERE status IN (?, ?)", Run.FAILED,
                "The daemon stopped while this run was in progress.", now(), Run.PENDING, Run.RUNNING);
    }

    private List<Run> queryRuns(Connection c, String sql, Object... args) throws SQLException {
        return query(c, sql, SyncStore::run, args);
    }

    /** A row of {@link #RUN_COLS}. */
    private static Run run(ResultSet rs) throws SQLException {
        Run r = new Run();
        r.id = rs.getLong(1);
        r.syncId = rs.getString(2);
        r.status = rs.getString(3);
        r.trigger = rs.getString(4);
        r.batchId = rs.getString(5);
        r.reason = rs.getString(6);
        r.sdsStatus = rs.getString(7);
        r.quarantineId = rs.getString(8);
        r.quarantinePath = rs.getString(9);
        r.createdAt = rs.getObject(10, OffsetDateTime.class);
        r.startedAt = rs.getObject(11, OffsetDateTime.class);
        r.finishedAt = rs.getObject(12, OffsetDateTime.class);
        return r;
    }

    /** The first of the runs with its entity counters loaded, if any. */
    private Optional<Run> firstWithEntities(Connection c, List<Run> runs) throws SQLException {
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        loadEntities(c, runs.get(0));
        return Optional.of(runs.get(0));
    }

    private void loadEntities(Connection c, Run r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT entity, extracted, errors, warnings, added, updated, "
                + "removed FROM run_entities WHERE run_id = ? ORDER BY entity")) {
            ps.setLong(1, r.id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Long> m = new LinkedHashMap<>();
                    for (int i = 0; i < COUNTERS.length; i++) {
                        m.put(COUNTERS[i], nullableLong(rs, 2 + i));
                    }
                    r.entities.put(rs.getString(1), m);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ snapshots

    /** The last accepted snapshot of an entity: row count and fingerprints (16 bytes per row). */
    public record Snapshot(long rowCount, byte[] fingerprints, Long runId) {
    }

    public Map<String, Snapshot> loadSnapshot(String syncId) {
        return tx(c -> {
            Map<String, Snapshot> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT entity, row_count, fingerprints, run_id FROM snapshots WHERE sync_id = ? ORDER BY entity")) {
                ps.setString(1, syncId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new Snapshot(rs.getLong(2), rs.getBytes(3), nullableLong(rs, 4)));
                    }
                }
            }
            return out;
        });
    }

    /** Replaces the accepted snapshot of a sync (and its cursor when given) in one transaction. */
    public void saveSnapshot(String syncId, long runId, Map<String, Snapshot> entities, String cursor) {
        tx(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM snapshots WHERE sync_id = ?")) {
                del.setString(1, syncId);
                del.executeUpdate();
            }
            OffsetDateTime now = now();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO snapshots (sync_id, entity, row_count, "
                    + "fingerprints, run_id, accepted_at) VALUES (?,?,?,?,?,?)")) {
                for (var e : entities.entrySet()) {
                    ps.setString(1, syncId);
                    ps.setString(2, e.getKey());
                    ps.setLong(3, e.getValue().rowCount());
                    ps.setBytes(4, e.getValue().fingerprints());
                    ps.setLong(5, runId);
                    ps.setObject(6, now);
                    ps.executeUpdate();
                }
            }
            if (cursor != null) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE syncs SET current_cursor = ? WHERE id = ?")) {
                    ps.setString(1, cursor);
                    ps.setString(2, syncId);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Forgets the accepted snapshot and the cursor of a sync. */
    public void resetState(String syncId) {
        tx(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM snapshots WHERE sync_id = ?")) {
                del.setString(1, syncId);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE syncs SET current_cursor = NULL WHERE id = ?")) {
                ps.setString(1, syncId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------------ quarantine

    private static final String Q_COLS = "id, sync_id, run_id, kind, status, reason, path, source, created_at, "
            + "resolved_at, release_run_id, batch_id";

    public void saveQuarantine(QuarantineEntry q) {
        tx(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE quarantine SET sync_id=?, run_id=?, kind=?, status=?, "
                    + "reason=?, path=?, source=?, resolved_at=?, release_run_id=?, batch_id=? WHERE id=?")) {
                setQ(ps, q);
                n = ps.executeUpdate();
            }
            if (n == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO quarantine (sync_id, run_id, kind, status, "
                        + "reason, path, source, resolved_at, release_run_id, batch_id, id, created_at) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    setQ(ps, q);
                    ps.setObject(12, q.createdAt == null ? now() : q.createdAt);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private static void setQ(PreparedStatement ps, QuarantineEntry q) throws SQLException {
        ps.setString(1, q.syncId);
        ps.setObject(2, q.runId);
        ps.setString(3, q.kind);
        ps.setString(4, q.status);
        ps.setString(5, truncate(q.reason, 4000));
        ps.setString(6, q.path);
        ps.setString(7, q.source);
        ps.setObject(8, q.resolvedAt);
        ps.setObject(9, q.releaseRunId);
        ps.setString(10, q.batchId);
        ps.setString(11, q.id);
    }

    public Optional<QuarantineEntry> getQuarantine(String id) {
        return tx(c -> queryQ(c, "SELECT " + Q_COLS + " FROM quarantine WHERE id = ?", id).stream().findFirst());
    }

    public List<QuarantineEntry> listQuarantine() {
        return tx(c -> queryQ(c, "SELECT " + Q_COLS + " FROM quarantine ORDER BY created_at DESC, id"));
    }

    private List<QuarantineEntry> queryQ(Connection c, String sql, Object... args) throws SQLException {
        return query(c, sql, SyncStore::quarantineEntry, args);
    }

    /** A row of {@link #Q_COLS}. */
    private static QuarantineEntry quarantineEntry(ResultSet rs) throws SQLException {
        QuarantineEntry q = new QuarantineEntry();
        q.id = rs.getString(1);
        q.syncId = rs.getString(2);
        q.runId = nullableLong(rs, 3);
        q.kind = rs.getString(4);
        q.status = rs.getString(5);
        q.reason = rs.getString(6);
        q.path = rs.getString(7);
        q.source = rs.getString(8);
        q.createdAt = rs.getObject(9, OffsetDateTime.class);
        q.resolvedAt = rs.getObject(10, OffsetDateTime.class);
        q.releaseRunId = nullableLong(rs, 11);
        q.batchId = rs.getString(12);
        return q;
    }
}
