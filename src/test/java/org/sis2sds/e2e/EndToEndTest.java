package org.sis2sds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sis2sds.boot.Daemon;
import org.sis2sds.core.Settings;
import org.sis2sds.demo.DemoBatches;
import org.sis2sds.sandbox.powerschool.PowerSchoolSandbox;
import org.sis2sds.sandbox.sds.SdsSandbox;
import org.sis2sds.sandbox.sds.SdsSandboxOptions;
import org.sis2sds.sds.ClassicSdsClient;
import org.sis2sds.sds.SdsClientConfig;
import org.sis2sds.support.TestPaths;

/**
 * The real daemon, as {@code bin/sis2sds run} starts it, between the two sandboxes: a PowerSchool sync run through
 * the API and a dropped zip both reach SDS's {@code success} while a fifth of SDS calls answer 429 or 503; health
 * shows SDS, PowerSchool and the database ready; metrics count the batches and the retries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "e2e-token-0123456789";

    private PowerSchoolSandbox ps;
    private SdsSandbox sds;
    private Daemon daemon;
    private Path work;
    private int api;
    private int mgmt;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("sis2sds-e2e");
        ps = new PowerSchoolSandbox(new PowerSchoolSandbox.Options().port(TestPaths.freePort()).students(300).seed(3))
                .start();
        // a sync takes 0.8 s, polled every 50 ms: enough SDS calls for the faults below to be met
        sds = new SdsSandbox(SdsSandboxOptions.defaults().fast().syncDelay(Duration.ofMillis(800))
                .port(TestPaths.freePort())).start();
        Map<String, String> o = new LinkedHashMap<>(sds.clientSettings());
        api = TestPaths.freePort();
        mgmt = TestPaths.freePort();
        o.put("sis2sds.work-dir", work.toString());
        o.put("sis2sds.sds.mode", "classic");
        o.put("sis2sds.sds.poll-interval", "50ms");
        o.put("sis2sds.sds.retry.base-delay", "20ms");
        o.put("sis2sds.sds.retry.max-delay", "500ms");
        o.put("sis2sds.sds.retry.max-attempts", "12");
        o.put("sis2sds.powerschool.base-url", ps.baseUrl());
        o.put("sis2sds.powerschool.client-id", "sandbox");
        o.put("sis2sds.powerschool.client-secret", "sandbox-secret");
        o.put("sis2sds.drop.poll-interval", "200ms");
        o.put("sis2sds.drop.min-age", "300ms");
        o.put("camel.server.port", String.valueOf(api));
        o.put("camel.management.port", String.valueOf(mgmt));
        o.put("sis2sds.api.token", TOKEN);
        Settings s = Settings.load(TestPaths.home(), o);
        String profile;
        try (ClassicSdsClient c = new ClassicSdsClient(SdsClientConfig.from(s))) {
            profile = c.createProfile(JSON.readTree(TestPaths.home().resolve("config/examples/sds-csv-profile.json")
                    .toFile())).path("id").asText();
            c.awaitProvisioned(profile, Duration.ofSeconds(10));
        }
        // from here on, a fifth of SDS's answers are 429 (with a fractional Retry-After) or 503
        sds.options().throttleRate(0.1).retryAfter(0).serverErrorRate(0.1).storageFaults(0.1, 0.05);
        daemon = Daemon.start(s.with(Map.of("sis2sds.sds.profile-id", profile)));
    }

    @AfterAll
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        sds.close();
        ps.close();
    }

    @Test
    void readinessShowsSdsPowerSchoolAndTheDatabaseUp() throws Exception {
        HttpResponse<String> r = get("http://127.0.0.1:" + mgmt + "/observe/health/ready?exposureLevel=full", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("sds").contains("powerschool").contains("database").doesNotContain("DOWN");
    }

    @Test
    void aPowerSchoolSyncRunThroughTheApiReachesSdsSuccess() throws Exception {
        HttpResponse<String> run = http.send(HttpRequest.newBuilder(URI.create(apiUrl("/syncs/powerschool-nightly/run")))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
        String runId = JSON.readTree(run.body()).path("data").path("id").asText();
        JsonNode attrs = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                JSON.readTree(get(apiUrl("/syncs/powerschool-nightly/runs/" + runId), TOKEN).body())
                        .path("data").path("attributes"), a -> a.path("status").asText().matches("succeeded|failed|quarantined|held"));
        assertThat(attrs.path("status").asText()).as(attrs.toString()).isEqualTo("succeeded");
        Path archived = find(work.resolve("archive"), "ps-").orElseThrow();
        JsonNode report = JSON.readTree(archived.resolve("report.json").toFile());
        assertThat(report.path("sdsStatus").asText()).isEqualTo("success");
        assertThat(report.path("source").asText()).isEqualTo("powerschool");
        assertThat(report.path("rowCounts").path("student").asLong()).isPositive();
    }

    @Test
    void aDroppedZipReachesSdsSuccessDespiteThrottlingAndServerErrors() throws Exception {
        long faultsBefore = sds.faultsServed();
        Files.createDirectories(work.resolve("inbox"));
        DemoBatches.writeGoodZip(work.resolve("inbox/nightly-export.zip"), 200, 11);
        Path archived = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> find(work.resolve("archive"), "nightly-export")
                        .filter(p -> Files.isRegularFile(p.resolve("report.json"))), Optional::isPresent).orElseThrow();
        JsonNode report = JSON.readTree(archived.resolve("report.json").toFile());
        assertThat(report.path("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(report.path("sdsStatus").asText()).isEqualTo("success");
        assertThat(find(work.resolve("quarantine"), "nightly-export")).isEmpty();
        assertThat(sds.faultsServed()).as("SDS answered 429 or 503 on the way").isGreaterThan(faultsBefore);
        String metrics = get("http://127.0.0.1:" + mgmt + "/observe/metrics", null).body();
        assertThat(metrics).containsPattern("sis2sds_batches_total\\{[^}]*outcome=\"accepted\"[^}]*} [1-9]")
                .contains("sis2sds_http_retries_total");
    }

    private String apiUrl(String path) {
        return "http://127.0.0.1:" + api + "/api/v1" + path;
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<Path> find(Path dir, String prefix) throws Exception {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst();
        }
    }
}
