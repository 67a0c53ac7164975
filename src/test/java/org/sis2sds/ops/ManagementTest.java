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

class ManagementTest {
    @Test
    void healthAndMetricsAreServed() throws Exception {
        int port = TestPaths.freePort();
        Path work = Files.createTempDirectory("sis2sds-mgmt");
        Settings s = Settings.load(TestPaths.home(), Map.of("sis2sds.work-dir", work.toString(),
                "camel.management.port", String.valueOf(port), "camel.server.enabled", "false",
                "sis2sds.health.sds-url", "http://127.0.0.1:" + TestPaths.freePort() + "/"));
        try (Daemon d = Daemon.start(s)) {
            HttpClient c = HttpClient.newHttpClient();
            HttpResponse<String> h = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> m = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(h.statusCode()).isEqualTo(200);
            HttpResponse<String> ready = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/observe/health/ready?exposureLevel=full")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("sds").contains("DOWN");
            assertThat(m.statusCode()).isEqualTo(200);
            assertThat(m.body()).contains("sis2sds_http_retries_total{reason=\"throttled\"}");
        }
    }
}
