package org.sis2sds.sync;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the nodes of a cluster share in the database besides syncs and runs: the writes a follower received for the
 * leader to carry out (table {@code cluster_requests}), which node executes each run ({@code runs.node_id}), and the
 * runs a node that stopped leading left open.
 */
final class ClusterStore {
    static final String SYNC = "sync";
    static final String RUN = "run";
    static final String RELEASE = "release";

    /** An open run and the node executing it. */
    record OpenRun(Run run, String nodeId) {
    }

    /** A write recorded by a follower. */
    record Request(long id, String kind, String syncId, Long runId, String quarantineId, String requestedBy) {
    }

    private final SyncStore store;

    ClusterStore(SyncStore store) {
        this.store = store;
    }

    void request(String kind, String syncId, Long runId, String quarantineId) {
        store.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_requests (kind, sync_id, run_id, "
                    + "quarantine_id, requested_by, created_at) VALUES (?,?,?,?,?,?)")) {
                ps.setString(1, kind);
                ps.setString(2, syncId);
                ps.setObject(3, runId);
                ps.setString(4, quarantineId);
                ps.setString(5, store.nodeId() == null ? "unknown" : store.nodeId());
                ps.setObject(6, SyncStore.now());
                return ps.executeUpdate();
            }
        });
    }

    /** The requests not carried out yet, oldest first. */
    List<Request> open() {
        return store.tx(c -> {
            List<Request> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, sync_id, run_id, quarantine_id, "
                    + "requested_by FROM cluster_requests WHERE done_at IS NULL ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long run = rs.getLong(4);
                    out.add(new Request(rs.getLong(1), rs.getString(2), rs.getString(3), rs.wasNull() ? null : run,
                            rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        });
    }

    void done(long requestId) {
        store.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE cluster_requests SET done_at = ?, taken_by = ? WHERE id = ?")) {
                ps.setObject(1, SyncStore.now());
                ps.setString(2, store.nodeId());
                ps.setLong(3, requestId);
                return ps.executeUpdate();
            }
        });
    }

    /** Takes a run no node executes yet for this node; false when another node already took it. */
    boolean claim(long runId) {
        return store.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE runs SET node_id = ? WHERE id = ? AND node_id IS NULL")) {
                ps.setString(1, store.nodeId());
                ps.setLong(2, runId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Runs still pending or running that a node executes (not requests no node has taken). */
    List<OpenRun> openRuns() {
        List<Object[]> ids = store.tx(c -> {
            List<Object[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, node_id FROM runs WHERE status IN (?, ?) "
                    + "AND node_id IS NOT NULL ORDER BY id")) {
                ps.setString(1, Run.PENDING);
                ps.setString(2, Run.RUNNING);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Object[] {rs.getLong(1), rs.getString(2)});
                    }
                }
            }
            return out;
        });
        List<OpenRun> out = new ArrayList<>();
        for (Object[] r : ids) {
            store.getRun((Long) r[0]).ifPresent(run -> out.add(new OpenRun(run, (String) r[1])));
        }
        return out;
    }

    /** True when the failure is a unique key that is taken (SQL state 23505, H2 and PostgreSQL alike). */
    static boolean duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException q && "23505".equals(q.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The open run a batch belongs to (a batch resumed after a failover goes on as the same run). */
    Optional<Long> openRunOfBatch(String batchId) {
        return store.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM runs WHERE batch_id = ? AND status IN (?, ?) "
                    + "ORDER BY id DESC")) {
                ps.setString(1, batchId);
                ps.setString(2, Run.PENDING);
                ps.setString(3, Run.RUNNING);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    /** This node now executes the run (a resumed one), with a note in its reason. */
    void takeOver(long runId, String reason) {
        store.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET node_id = ?, reason = ? WHERE id = ?")) {
                ps.setString(1, store.nodeId());
                ps.setString(2, reason);
                ps.setLong(3, runId);
                return ps.executeUpdate();
            }
        });
    }
}
