package org.sis2sds.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.sis2sds.boot.Daemon;
import org.sis2sds.core.Settings;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.support.TestPaths;
import org.sis2sds.validate.ValidationResult;

/**
 * Starts the real daemon (routes/, config/) on a fresh work dir and database, with the API on a free port, a test
 * syncs.yaml, and stub routes for the PowerSchool extraction and the drop scan (the other areas' routes are replaced
 * so these tests only exercise sync management). Subclasses pick the database.
 */
public abstract class SyncDaemonTestBase {
    protected static final String TOKEN = "test-token-0123456789";
    protected static final ObjectMapper JSON = new ObjectMapper();

    protected Path work;
    protected Path syncsFile;
    protected Map<String, String> dbSettings;
    protected Daemon daemon;
    protected int port;
    protected final HttpClient http = HttpClient.newHttpClient();
    /** Students the stub PowerSchool extraction writes into its next batch. */
    protected final AtomicInteger students = new AtomicInteger(20);
    /** Name suffix in the stub's rows (change it to change every student row). */
    protected volatile String tag = "";
    /** When set, the stub extraction waits for it before building its batch. */
    protected volatile CountDownLatch gate;
    protected final AtomicInteger extractions = new AtomicInteger();
    protected final AtomicInteger dropScans = new AtomicInteger();

    protected abstract TestDb db();

    protected String syncsYaml() {
        return """
                sources:
                  - id: ps
                    type: powerschool
                    name: PowerSchool
                    configuration:
                      base_url: http://127.0.0.1:1
                      client_secret: very-secret-value
                  - id: drop
                    type: csv_drop
                destinations:
                  - id: sds
                    type: sds_profile
                    configuration:
                      profile_id: profile-1
                models:
                  - id: sds-v1
                syncs:
                  - id: ps-nightly
                    source_id: ps
                    destination_id: sds
                    model_id: sds-v1
                    schedule_type: automated
                    cron_expression: "0 0 2 * * ?"
                    sync_mode: incremental
                  - id: csv-drop
                    source_id: drop
                    destination_id: sds
                    model_id: sds-v1
                    schedule_type: manual
                """;
    }

    @BeforeEach
    void prepare() throws IOException {
        db().assumeAvailable();
        work = Files.createTempDirectory("sis2sds-sync");
        syncsFile = work.resolve("syncs.yaml");
        Files.writeString(syncsFile, syncsYaml());
        dbSettings = db().freshSettings();
        port = TestPaths.freePort();
    }

    @AfterEach
    void cleanup() throws IOException {
        stop();
        if (dbSettings != null) {
            db().drop(dbSettings);
        }
        if (work != null && Files.isDirectory(work)) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    protected Settings settings(Map<String, String> extra) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("sis2sds.work-dir", work.resolve("data").toString());
        o.put("sis2sds.syncs.file", syncsFile.toString());
        o.put("camel.management.enabled", "false");
        o.put("camel.server.enabled", "true");
        o.put("camel.server.host", "127.0.0.1");
        o.put("camel.server.port", String.valueOf(port));
        o.put("sis2sds.api.token", TOKEN);
        o.put("sis2sds.drop.poll-interval", "3600s");
        o.put("sis2sds.sds.mode", "off");
        o.putAll(dbSettings);
        o.putAll(extra);
        return Settings.load(org.sis2sds.support.TestPaths.home(), o);
    }

    protected Daemon start() throws Exception {
        return start(Map.of());
    }

    protected Daemon start(Map<String, String> extra) throws Exception {
        daemon = Daemon.start(settings(extra));
        installStubs(daemon.context());
        return daemon;
    }

    protected void stop() {
        if (daemon != null) {
            daemon.close();
            daemon = null;
        }
    }

    protected SyncManager manager() {
        return daemon.context().getRegistry().lookupByNameAndType("syncManager", SyncManager.class);
    }

    /** Counts rows per entity like the validator and finds no error (the validator has its own tests). */
    public static final class CountingValidator {
        public void validate(Batch b) throws IOException {
            Map<String, Long> counts = new LinkedHashMap<>();
            try (var files = Files.list(b.getDir())) {
                for (Path p : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                    try (var lines = Files.lines(p)) {
                        String name = p.getFileName().toString();
                        counts.put(name.substring(0, name.length() - 4).toLowerCase(), lines.count() - 1);
                    }
                }
            }
            b.setValidation(new ValidationResult(List.of(), counts));
        }
    }

    protected void installStubs(CamelContext ctx) throws Exception {
        // the pipeline's validator is replaced by a row counter (the validator has its own tests)
        org.apache.camel.builder.AdviceWith.adviceWith(ctx, "process-batch", a -> a.weaveById("validate-batch")
                .replace().bean(new CountingValidator(), "validate"));
        for (String uri : List.of("direct://extract-powerschool", "direct://drop-scan", "direct://publish")) {
            for (Route r : new ArrayList<>(ctx.getRoutes())) {
                if (r.getEndpoint().getEndpointUri().equals(uri)) {
                    ctx.getRouteController().stopRoute(r.getRouteId());
                    ctx.removeRoute(r.getRouteId());
                }
            }
        }
        // not staging/: the start-up staging recovery would take the stub's batches for leftovers of a crash
        Path staging = work.resolve("data").resolve("stub-staging");
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:extract-powerschool").routeId("stub-extract-powerschool").process(ex -> {
                    extractions.incrementAndGet();
                    CountDownLatch g = gate;
                    if (g != null) {
                        g.await(20, TimeUnit.SECONDS);
                    }
                    String syncId = ex.getIn().getHeader("syncId", String.class);
                    String id = "ps-" + System.nanoTime();
                    Path dir = TestBatches.write(staging.resolve(id), students.get(), tag);
                    Batch b = new Batch(id, dir, "powerschool", syncId);
                    ex.getContext().createProducerTemplate().sendBody("direct:process-batch", b);
                });
                from("direct:drop-scan").routeId("stub-drop-scan").process(ex -> dropScans.incrementAndGet());
                // SDS accepts everything (the SDS area tests publishing)
                from("direct:publish").routeId("stub-publish").process(ex -> { });
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    protected record Resp(int status, JsonNode json, String raw) {
    }

    protected Resp call(String method, String path, String body) throws Exception {
        return call(method, path, body, TOKEN);
    }

    protected Resp call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode n;
        try {
            n = JSON.readTree(r.body());
        } catch (Exception e) {
            n = null;
        }
        return new Resp(r.statusCode(), n, r.body());
    }

    protected Run awaitRun(long runId) throws InterruptedException {
        return manager().awaitRun(runId, java.time.Duration.ofSeconds(20));
    }
}
