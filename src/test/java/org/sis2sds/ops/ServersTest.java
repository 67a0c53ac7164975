package org.sis2sds.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sis2sds.boot.Daemon;
import org.sis2sds.core.Settings;
import org.sis2sds.support.TestPaths;

/** The API and the management server run side by side, each on its own port. */
class ServersTest {
    @Test
    void apiAndManagementOnTheirOwnPorts() throws Exception {
        int api = TestPaths.freePort();
        int mgmt = TestPaths.freePort();
        Path work = Files.createTempDirectory("sis2sds-servers");
        Settings s = Settings.load(TestPaths.home(), Map.of("sis2sds.work-dir", work.toString(),
                "camel.server.port", String.valueOf(api), "camel.management.port", String.valueOf(mgmt),
                "sis2sds.api.token", "test-token-123"));
        try (Daemon d = Daemon.start(s)) {
            HttpClient c = HttpClient.newHttpClient();
            HttpResponse<String> syncs = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + "/api/v1/syncs"))
                    .header("Authorization", "Bearer test-token-123").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(syncs.statusCode()).isEqualTo(200);
            assertThat(syncs.body()).contains("\"type\":\"syncs\"");
            HttpResponse<String> live = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mgmt
                    + "/observe/health/live")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
        }
    }
}
