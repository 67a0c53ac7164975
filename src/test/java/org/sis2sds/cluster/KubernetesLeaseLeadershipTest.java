package org.sis2sds.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sis2sds.cluster.Nodes.view;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * sis2sds.cluster.mode=kubernetes against a mock Kubernetes API server: of two nodes (pods node-a and node-b) one
 * takes the Lease sis2sds-leader and leads, the other follows and names it; when the Lease's holder changes, the
 * leadership moves with it.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesLeaseLeadershipTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    private final List<CamelContext> contexts = new ArrayList<>();

    @AfterEach
    void stop() {
        contexts.forEach(CamelContext::stop);
    }

    private ClusterNode node(String pod) throws Exception {
        return Nodes.start(Map.of("sis2sds.cluster.mode", "kubernetes",
                "sis2sds.cluster.node-id", pod,
                "sis2sds.cluster.failover-timeout", "10s",
                "sis2sds.cluster.kubernetes.namespace", "test",
                "sis2sds.cluster.kubernetes.master-url", client.getConfiguration().getMasterUrl()), contexts);
    }

    private static void pod(String name) {
        client.pods().inNamespace("test").resource(new PodBuilder().withNewMetadata().withName(name)
                .addToLabels("app", "sis2sds").endMetadata()
                // a member is a running, ready pod
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewContainerStatus().withName("sis2sds").withReady(true).withNewState().withNewRunning().endRunning()
                .endState().endContainerStatus().endStatus().build()).create();
    }

    private static Lease lease() {
        return client.leases().inNamespace("test").withName("sis2sds-leader").get();
    }

    @Test
    void oneNodeLeadsAndLeadershipFollowsTheLeaseHolder() throws Exception {
        pod("node-a");
        pod("node-b");
        ClusterNode a = node("node-a");
        ClusterNode b = node("node-b");

        await().atMost(Duration.ofSeconds(20)).until(() -> a.isLeader() ^ b.isLeader());
        ClusterNode leader = a.isLeader() ? a : b;
        ClusterNode follower = leader == a ? b : a;
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(leader.nodeId());
        assertThat(view(leader)).isEqualTo(view(leader.nodeId(), "leader", leader.nodeId()));
        await().atMost(Duration.ofSeconds(10)).until(() -> leader.nodeId().equals(follower.leader().orElse(null)));
        assertThat(follower.role().wire()).isEqualTo("follower");

        // the Lease is handed to the follower (as by an operator, or a leader that could not renew in time)
        Lease l = lease();
        client.leases().inNamespace("test").resource(new LeaseBuilder(l).editSpec()
                .withHolderIdentity(follower.nodeId()).withAcquireTime(ZonedDateTime.now())
                .withRenewTime(ZonedDateTime.now()).endSpec().build()).update();

        await().atMost(Duration.ofSeconds(15)).until(() -> follower.isLeader() && !leader.isLeader());
        assertThat(follower.role().wire()).isEqualTo("leader");
        assertThat(view(leader)).isEqualTo(view(leader.nodeId(), "follower", follower.nodeId()));
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(follower.nodeId());
        assertThat(leader.leadershipChanges()).isGreaterThanOrEqualTo(2);
    }
}
