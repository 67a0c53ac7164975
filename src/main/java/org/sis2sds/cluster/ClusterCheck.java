package org.sis2sds.cluster;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness shows this node's role: {@code cluster} is UP on the leader and on a follower alike (both serve the API),
 * with the details node, role and leader.
 */
final class ClusterCheck extends AbstractHealthCheck {
    private final ClusterNode node;

    ClusterCheck(ClusterNode node) {
        super("sis2sds", "cluster");
        this.node = node;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String role = node.role().wire();
        builder.detail("node", node.nodeId());
        builder.detail("role", role);
        builder.detail("leader", node.leader().orElse("unknown"));
        builder.message("node " + node.nodeId() + " is " + role).up();
    }
}
