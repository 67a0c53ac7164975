package org.sis2sds.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes of a cluster as the shared database knows them (table {@code cluster_nodes}): each node records every
 * few seconds that it is alive and in which role. It decides nothing (the Camel cluster service does); it lets a
 * follower name the leader (a file lock does not say who holds it) and lets operators see the members.
 */
final class NodeRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistry.class);

    /** One member as last recorded. */
    record Member(String nodeId, String role, Instant startedAt, Instant heartbeatAt) {
    }

    private final Supplier<DataSource> dataSource;
    private final Duration fresh;
    private final Instant started = Instant.now();
    private volatile boolean warned;

    NodeRegistry(Supplier<DataSource> dataSource, Duration fresh) {
        this.dataSource = dataSource;
        this.fresh = fresh;
    }

    void beat(String nodeId, String role) {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.get().getConnection()) {
            int n;
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE cluster_nodes SET role = ?, heartbeat_at = ?, started_at = ? WHERE node_id = ?")) {
                st.setString(1, role);
                st.setTimestamp(2, now);
                st.setTimestamp(3, Timestamp.from(started));
                st.setString(4, nodeId);
                n = st.executeUpdate();
            }
            if (n == 0) {
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO cluster_nodes (node_id, role, started_at, heartbeat_at) VALUES (?, ?, ?, ?)")) {
                    st.setString(1, nodeId);
                    st.setString(2, role);
                    st.setTimestamp(3, Timestamp.from(started));
                    st.setTimestamp(4, now);
                    st.executeUpdate();
                }
            }
            warned = false;
        } catch (SQLException | RuntimeException e) {
            if (!warned) {
                LOG.warn("Cannot record node {} in the database: {}", nodeId, e.getMessage());
                warned = true;
            }
        }
    }

    /** A node that stops says so, so that it is no longer named as the leader. */
    void left(String nodeId) {
        try (Connection c = dataSource.get().getConnection();
                PreparedStatement st = c.prepareStatement("UPDATE cluster_nodes SET role = 'stopped' WHERE node_id = ?")) {
            st.setString(1, nodeId);
            st.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Cannot record that node {} stopped: {}", nodeId, e.getMessage());
        }
    }

    /** The leader the database heard from most recently, within the failover time. */
    Optional<String> leader() {
        return members().stream().filter(m -> ClusterNode.LEADER.equals(m.role())).findFirst().map(Member::nodeId);
    }

    /** The members heard from within the failover time, the most recent first. */
    List<Member> members() {
        List<Member> out = new ArrayList<>();
        try (Connection c = dataSource.get().getConnection();
                PreparedStatement st = c.prepareStatement("SELECT node_id, role, started_at, heartbeat_at FROM "
                        + "cluster_nodes WHERE heartbeat_at > ? AND role <> 'stopped' ORDER BY heartbeat_at DESC")) {
            st.setTimestamp(1, Timestamp.from(Instant.now().minus(fresh)));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Member(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4).toInstant()));
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Cannot read the cluster's members: {}", e.getMessage());
        }
        return out;
    }
}
