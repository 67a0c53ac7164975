package org.sis2sds.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sis2sds.cluster.Nodes.view;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sis2sds.core.FileTrees;

/**
 * sis2sds.cluster.mode=file: of two nodes on one shared folder exactly one holds the lock and leads; when it stops,
 * the other leads. Without clustering the node is "single" and leads from the start.
 */
class FileLockLeadershipTest {
    private final List<CamelContext> contexts = new ArrayList<>();
    private Path root;

    @AfterEach
    void stop() throws Exception {
        contexts.forEach(CamelContext::stop);
        if (root != null) {
            FileTrees.deleteQuietly(root);
        }
    }

    private ClusterNode node(String id, String mode) throws Exception {
        return Nodes.start(Map.of("sis2sds.cluster.mode", mode,
                "sis2sds.cluster.node-id", id,
                "sis2sds.cluster.failover-timeout", "6s",
                "sis2sds.cluster.file.root", root.toString()), contexts);
    }

    @Test
    void oneOfTwoNodesLeadsAndTheOtherTakesOverWhenItStops() throws Exception {
        root = Files.createTempDirectory("sis2sds-cluster");
        ClusterNode a = node("node-a", "file");
        ClusterNode b = node("node-b", "file");
        await().atMost(Duration.ofSeconds(10)).until(() -> a.isLeader() ^ b.isLeader());
        ClusterNode leader = a.isLeader() ? a : b;
        ClusterNode follower = leader == a ? b : a;
        assertThat(leader.role().wire()).isEqualTo("leader");
        assertThat(follower.role().wire()).isEqualTo("follower");
        assertThat(Files.exists(root.resolve(ClusterSettings.NAMESPACE))).isTrue();

        contexts.get(leader == a ? 0 : 1).stop();
        await().atMost(Duration.ofSeconds(4)).until(follower::isLeader);
        assertThat(view(follower)).isEqualTo(view(follower.nodeId(), "leader", follower.nodeId()));
    }

    @Test
    void withoutClusteringTheNodeLeadsAlone() throws Exception {
        root = Files.createTempDirectory("sis2sds-cluster");
        ClusterNode n = node("solo", "none");
        assertThat(n.isLeader()).isTrue();
        assertThat(view(n)).isEqualTo(view("solo", "single", "solo"));
        n.requireLeader("nothing");
    }
}
