package org.sis2sds.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code run_statistics} table (migration V5): the statistics of the SDS run that picked a batch's upload up
 * (live SDS only), as {@link Run#sdsStatistics}: {@code runId}, {@code flowId}, {@code status}, {@code errors},
 * {@code warnings} and {@code entities} (organizations, people, groups, memberships → active, inactive, total).
 */
final class RunStatisticsTable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunStatisticsTable() {
    }

    static void save(Connection c, Run r) throws SQLException {
        if (r.sdsStatistics == null || r.sdsStatistics.isEmpty()) {
            return;
        }
        Map<String, Object> s = r.sdsStatistics;
        try (PreparedStatement del = c.prepareStatement("DELETE FROM run_statistics WHERE run_id = ?")) {
            del.setLong(1, r.id);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_statistics (run_id, sds_run_id, flow_id, status, "
                + "errors, warnings, entities, recorded_at) VALUES (?,?,?,?,?,?,?,?)")) {
            ps.setLong(1, r.id);
            ps.setString(2, str(s.get("runId")));
            ps.setString(3, str(s.get("flowId")));
            ps.setString(4, str(s.get("status")));
            setLong(ps, 5, s.get("errors"));
            setLong(ps, 6, s.get("warnings"));
            try {
                ps.setString(7, SyncStore.truncate(JSON.writeValueAsString(s.get("entities")), 4000));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                ps.setNull(7, Types.VARCHAR);
            }
            ps.setObject(8, SyncStore.now());
            ps.executeUpdate();
        }
    }

    static void load(Connection c, Run r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sds_run_id, flow_id, status, errors, warnings, entities "
                + "FROM run_statistics WHERE run_id = ?")) {
            ps.setLong(1, r.id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("runId", rs.getString(1));
                    m.put("flowId", rs.getString(2));
                    m.put("status", rs.getString(3));
                    m.put("errors", SyncStore.nullableLong(rs, 4));
                    m.put("warnings", SyncStore.nullableLong(rs, 5));
                    try {
                        m.put("entities", rs.getString(6) == null ? null
                                : JSON.readValue(rs.getString(6), new TypeReference<LinkedHashMap<String, Object>>() { }));
                    } catch (java.io.IOException e) {
                        m.put("entities", null);
                    }
                    r.sdsStatistics = m;
                }
            }
        }
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static void setLong(PreparedStatement ps, int i, Object v) throws SQLException {
        if (v instanceof Number n) {
            ps.setLong(i, n.longValue());
        } else {
            ps.setNull(i, Types.BIGINT);
        }
    }
}
