package org.sis2sds.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sis2sds.sync.SyncDaemonTestBase;
import org.sis2sds.sync.TestDb;

/** {@code GET /api/v1/cluster}: without clustering the node answers that it is single and its own leader. */
class ClusterEndpointTest extends SyncDaemonTestBase {
    @Override
    protected TestDb db() {
        return TestDb.H2;
    }

    @Test
    void aNodeWithoutClusteringIsSingleAndItsOwnLeader() throws Exception {
        start(Map.of("sis2sds.cluster.node-id", "node-7"));
        Resp r = call("GET", "/cluster", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("success").asBoolean()).isTrue();
        assertThat(r.json().path("message").asText()).isEqualTo("Node node-7 is single.");
        JsonNode data = r.json().path("data");
        assertThat(data.path("id").asText()).isEqualTo("node-7");
        assertThat(data.path("type").asText()).isEqualTo("cluster");
        assertThat(data.path("attributes").path("node").asText()).isEqualTo("node-7");
        assertThat(data.path("attributes").path("role").asText()).isEqualTo("single");
        assertThat(data.path("attributes").path("leader").asText()).isEqualTo("node-7");
        assertThat(call("GET", "/cluster", null, null).status()).isEqualTo(401);
    }
}
