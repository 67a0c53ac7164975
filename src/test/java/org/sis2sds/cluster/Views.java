package org.sis2sds.cluster;

import java.util.List;
import org.sis2sds.core.ClusterView;

/** What GET /api/v1/cluster would show of a node: node, role, leader ("" while none is known). */
final class Views {
    private Views() {
    }

    static List<String> view(ClusterView n) {
        return List.of(n.nodeId(), n.role().wire(), n.leader().orElse(""));
    }

    static List<String> view(String node, String role, String leader) {
        return List.of(node, role, leader);
    }
}
