package org.sis2sds.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.sis2sds.core.ClusterView;
import org.sis2sds.core.Settings;
import org.sis2sds.support.TestPaths;

/** Cluster nodes for tests: a Camel context holding just a node's cluster service and {@link ClusterNode}. */
final class Nodes {
    private Nodes() {
    }

    /** Starts a node with these cluster settings (a PostgreSQL URL is given; the node never opens it). */
    static ClusterNode start(Map<String, String> settings, List<CamelContext> contexts) throws Exception {
        Map<String, String> m = new LinkedHashMap<>(settings);
        m.putIfAbsent("sis2sds.db.url", "jdbc:postgresql://127.0.0.1:1/unused");
        ClusterSettings c = ClusterSettings.of(Settings.load(TestPaths.home(), m));
        CamelContext ctx = new DefaultCamelContext();
        ClusterNode node = new ClusterNode(c, ClusterServices.create(c), ctx, null);
        ctx.addService(node.service());
        ctx.addService(node.lifecycle());
        ctx.start();
        contexts.add(ctx);
        return node;
    }

    /** What GET /api/v1/cluster would show of a node: node, role, leader ("" while none is known). */
    static List<String> view(ClusterView n) {
        return List.of(n.nodeId(), n.role().wire(), n.leader().orElse(""));
    }

    static List<String> view(String node, String role, String leader) {
        return List.of(node, role, leader);
    }
}
