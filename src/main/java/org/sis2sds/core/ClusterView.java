package org.sis2sds.core;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * What this node knows about the cluster it runs in: its own id, its role and who leads. The management API answers
 * {@code GET /api/v1/cluster} from it. Without clustering ({@code sis2sds.cluster.mode=none}) the node is
 * {@link Role#SINGLE} and its own leader ({@link #single}).
 *
 * <p>A clustering implementation binds its own {@code ClusterView} in the Camel registry under the name
 * {@value #BEAN} (in a configuration class listed before the API's in {@code boot/Boot.java}); the API binds
 * {@link #single} only when no bean of this type exists. Implementations answer quickly and never block: the API
 * calls them on every request.
 */
public interface ClusterView {
    /** The registry name of the cluster view. */
    String BEAN = "clusterView";

    /** The role of a node, as the API spells it ({@link #wire()}). */
    enum Role {
        /** This node leads: it runs the schedules and the drop folder. */
        LEADER,
        /** Another node leads; this one waits to take over. */
        FOLLOWER,
        /** No clustering: this node does everything. */
        SINGLE;

        /** {@code leader}, {@code follower} or {@code single}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** This node's id ({@code sis2sds.cluster.node-id}, default host name and process id). */
    String nodeId();

    /** This node's role now. */
    Role role();

    /** The id of the node that leads now; empty while no node leads (an election is going on). */
    Optional<String> leader();

    /** A node that is not part of a cluster: role {@link Role#SINGLE}, and its own leader. */
    static ClusterView single(String nodeId) {
        return new ClusterView() {
            @Override
            public String nodeId() {
                return nodeId;
            }

            @Override
            public Role role() {
                return Role.SINGLE;
            }

            @Override
            public Optional<String> leader() {
                return Optional.of(nodeId);
            }
        };
    }

    /** The node id from {@code sis2sds.cluster.node-id}, else {@link #defaultNodeId()}. */
    static String nodeId(Settings s) {
        String id = s.get("sis2sds.cluster.node-id", "").trim();
        return id.isEmpty() ? defaultNodeId() : id;
    }

    /** The host name and the process id, e.g. {@code sis2sds-1-4711}. */
    static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        }
        String pid;
        try {
            pid = String.valueOf(ProcessHandle.current().pid());
        } catch (UnsupportedOperationException e) {
            pid = ManagementFactory.getRuntimeMXBean().getName().replaceFirst("@.*", "");
        }
        return host + "-" + pid;
    }
}
