package org.sis2sds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sis2sds.batch.DistrictGenerator;
import org.sis2sds.core.FileTrees;
import org.sis2sds.core.Settings;
import org.sis2sds.sandbox.sds.SdsSandbox;
import org.sis2sds.sandbox.sds.SdsSandboxOptions;
import org.sis2sds.sds.ClassicSdsClient;
import org.sis2sds.sds.SdsClientConfig;
import org.sis2sds.support.TestPaths;
import org.sis2sds.sync.TestDb;

/**
 * Two daemons (child JVMs) on one PostgreSQL database and one work dir, in file mode: one leads. 20 batches are
 * dropped and a schedule fires every 2 s; the leader is killed (SIGKILL) while it publishes; the other node leads
 * within the failover time and resumes what the dead one left. In the end every batch is in archive/ and nowhere
 * else, SDS started each batch exactly once, every schedule fire is recorded once, and no run is left open.
 */
class TwoNodeFailoverPgTest {
    private static final String TOKEN = "failover-token-0123456789";
    private static final int BATCHES = 20;
    private static final Duration FAILOVER = Duration.ofSeconds(6);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path work;
    private Path logs;
    private Map<String, String> db;
    private SdsSandbox sds;
    private String profile;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private record Node(String id, Process process, int api, int management, Path log) {
    }

    @BeforeEach
    void prepare() throws Exception {
        TestDb.PG.assumeAvailable();
        work = Files.createTempDirectory("sis2sds-failover");
        logs = Files.createTempDirectory("sis2sds-failover-logs");
        db = TestDb.PG.freshSettings();
        sds = new SdsSandbox(SdsSandboxOptions.defaults().fast().port(TestPaths.freePort())).start();
        Settings s = Settings.load(TestPaths.home(), new LinkedHashMap<>(sds.clientSettings()));
        try (ClassicSdsClient c = new ClassicSdsClient(SdsClientConfig.from(s))) {
            profile = c.createProfile(JSON.readTree(TestPaths.home().resolve("config/examples/sds-csv-profile.json")
                    .toFile())).path("id").asText();
            c.awaitProvisioned(profile, Duration.ofSeconds(10));
        }
        Files.writeString(work.resolve("syncs.yaml"), """
                sources:
                  - id: drop
                    type: csv_drop
                destinations:
                  - id: sds
                    type: sds_profile
                    configuration:
                      profile_id: %s
                models:
                  - id: sds-v1
                syncs:
                  - id: csv-drop
                    source_id: drop
                    destination_id: sds
                    model_id: sds-v1
                    schedule_type: manual
                  - id: tick
                    source_id: drop
                    destination_id: sds
                    model_id: sds-v1
                    schedule_type: automated
                    sync_interval: 1
                    sync_interval_unit: minutes
                """.formatted(profile));
    }

    @AfterEach
    void cleanup() {
        nodes.values().forEach(n -> n.process().destroyForcibly());
        if (sds != null) {
            sds.close();
        }
        if (db != null) {
            TestDb.PG.drop(db);
        }
        if (work != null) {
            FileTrees.deleteQuietly(work);
        }
    }

    private Node start(String id) throws IOException {
        int api = TestPaths.freePort();
        int management = TestPaths.freePort();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sis2sds.home", TestPaths.home().toString());
        p.put("sis2sds.work-dir", work.resolve("data").toString());
        p.put("sis2sds.syncs.file", work.resolve("syncs.yaml").toString());
        p.putAll(db);
        p.put("sis2sds.cluster.mode", "file");
        p.put("sis2sds.cluster.node-id", id);
        p.put("sis2sds.cluster.failover-timeout", FAILOVER.toSeconds() + "s");
        p.put("sis2sds.cluster.request-poll", "300ms");
        p.put("camel.server.port", String.valueOf(api));
        p.put("camel.management.port", String.valueOf(management));
        p.put("sis2sds.sds.mode", "classic");
        p.put("sis2sds.sds.profile-id", profile);
        p.put("sis2sds.sds.poll-interval", "50ms");
        p.put("sis2sds.drop.poll-interval", "300ms");
        // the schedule of sync tick: one "minute" is 2 s here, and the floor of schedules is lowered to allow it
        p.put("sis2sds.syncs.interval-minute", "2s");
        p.put("sis2sds.syncs.min-interval", "1s");
        sds.clientSettings().forEach((k, v) -> {
            if (!Settings.isSecretKey(k)) {
                p.put(k, v);
            }
        });
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", productClasspath()));
        p.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("org.sis2sds.cli.Sis2sds", "run"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(logs.resolve(id + ".log").toFile());
        pb.environment().put("SIS2SDS_API_TOKEN", TOKEN);
        pb.environment().put("SIS2SDS_SDS_CLIENT_SECRET", sds.clientSettings().get("sis2sds.sds.client-secret"));
        Node n = new Node(id, pb.start(), api, management, logs.resolve(id + ".log"));
        nodes.put(id, n);
        return n;
    }

    /** The product's own class path, as a packaged daemon has it (no test classes, no sandboxes). */
    private static String productClasspath() throws IOException {
        Path target = TestPaths.home().resolve("target");
        return target.resolve("classes") + java.io.File.pathSeparator
                + Files.readString(target.resolve("runtime-classpath.txt")).trim();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private <T> T sql(String query, SqlRow<T> row) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDb.PG_URL); Statement st = c.createStatement()) {
            st.execute("SET search_path TO " + db.get("sis2sds.db.schema"));
            try (ResultSet rs = st.executeQuery(query)) {
                return row.read(rs);
            }
        }
    }

    @FunctionalInterface
    private interface SqlRow<T> {
        T read(ResultSet rs) throws Exception;
    }

    private long count(String where) {
        try {
            return sql("SELECT count(*) FROM runs WHERE " + where, rs -> rs.next() ? rs.getLong(1) : 0L);
        } catch (Exception e) {
            return -1; // the schema is not migrated yet
        }
    }

    /** The cluster as node {@code id}'s API shows it: node, role, leader. */
    private Optional<String> role(Node n) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.management()
                    + "/observe/metrics")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.body().lines().filter(l -> l.startsWith("sis2sds_cluster_leader{"))
                    .map(l -> l.endsWith(" 1.0") ? "leader" : "follower").findFirst();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private void dropBatches(Path template) throws IOException {
        Path inbox = work.resolve("data/inbox");
        Files.createDirectories(inbox);
        for (int i = 1; i <= BATCHES; i++) {
            String name = "batch-%02d".formatted(i);
            Path tmp = work.resolve("staging-copy").resolve(name);
            Files.createDirectories(tmp);
            try (Stream<Path> files = Files.list(template)) {
                for (Path f : files.toList()) {
                    Files.copy(f, tmp.resolve(f.getFileName()));
                }
            }
            // every batch differs (its school's name), so SDS's starts can be told apart
            Path school = tmp.resolve("School.csv");
            List<String> lines = new ArrayList<>(Files.readAllLines(school));
            String[] cols = lines.get(1).split(",", -1);
            cols[2] = "Failover School " + i;
            lines.set(1, String.join(",", cols));
            Files.write(school, lines, StandardCharsets.UTF_8);
            Files.createFile(tmp.resolve("_READY"));
            Files.move(tmp, inbox.resolve(name));
        }
    }

    // ------------------------------------------------------------------------------------------------ the test

    @Test
    void theOtherNodeTakesOverAndNothingIsLostOrDoneTwice() throws Exception {
        Path template = work.resolve("template");
        DistrictGenerator.write(template, 40, 11);
        Node a = start("node-a");
        Node b = start("node-b");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                role(a).isPresent() && role(b).isPresent()
                        && (role(a).get().equals("leader") ^ role(b).get().equals("leader")));
        Node leader = role(a).get().equals("leader") ? a : b;
        Node survivor = leader == a ? b : a;
        // a few schedule fires on the first leader
        await().atMost(Duration.ofSeconds(20)).until(() -> count("sync_id = 'tick' AND scheduled_at IS NOT NULL") >= 2);

        // "run now" on the follower is recorded for the leader, which runs it
        HttpResponse<String> run = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + survivor.api()
                + "/api/v1/syncs/csv-drop/run")).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
        String runId = JSON.readTree(run.body()).path("data").path("id").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> count("id = " + runId + " AND status = 'succeeded' AND node_id = '"
                + leader.id() + "'") == 1);

        dropBatches(template);
        // kill -9 of the leader while it publishes: SDS has started some batches and one is in processing/
        Path processing = work.resolve("data/processing");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> sds.starts().size() >= 4
                && Files.isDirectory(processing) && hasJournal(processing));
        leader.process().destroyForcibly();
        Instant killed = Instant.now();
        assertThat(leader.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        await().atMost(FAILOVER.plusSeconds(4)).pollInterval(Duration.ofMillis(100))
                .until(() -> role(survivor).orElse("").equals("leader"));
        assertThat(Duration.between(killed, Instant.now())).isLessThanOrEqualTo(FAILOVER.plusSeconds(3));

        // every batch ends in archive/, and nothing is left open
        Path archive = work.resolve("data/archive");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                Files.isDirectory(archive) && list(archive).size() >= BATCHES);
        await().atMost(Duration.ofSeconds(20)).until(() -> count("status IN ('pending', 'running')") == 0);

        for (String dir : List.of("inbox", "processing", "staging", "quarantine")) {
            Path d = work.resolve("data").resolve(dir);
            assertThat(Files.isDirectory(d) ? list(d) : List.of()).as(dir).isEmpty();
        }
        List<String> archived = list(archive);
        assertThat(archived).hasSize(BATCHES).allMatch(n -> n.matches("batch-\\d\\d"));

        // SDS started each batch exactly once
        List<String> starts = sds.starts();
        assertThat(starts).hasSize(BATCHES).doesNotHaveDuplicates();
        for (String n : archived) {
            assertThat(starts).as(n).containsOnlyOnce(SdsSandbox.contentDigest(archive.resolve(n)));
        }

        // one run per batch, all succeeded; the batch the dead leader held went on as the same run on the survivor
        assertThat(count("sync_id = 'csv-drop' AND status = 'succeeded' AND batch_id IS NOT NULL")).isEqualTo(BATCHES);
        assertThat(count("sync_id = 'csv-drop' AND status <> 'succeeded'")).isZero();
        assertThat(count("sync_id = 'csv-drop' AND reason LIKE 'Interrupted: node " + leader.id() + "%'"))
                .isGreaterThanOrEqualTo(1);

        // every schedule fire is one run (ran, or skipped while the previous one still ran), on both leaders
        long fires = count("sync_id = 'tick' AND scheduled_at IS NOT NULL");
        long distinct = sql("SELECT count(DISTINCT scheduled_at) FROM runs WHERE sync_id = 'tick'",
                rs -> rs.next() ? rs.getLong(1) : 0L);
        assertThat(distinct).isEqualTo(fires);
        assertThat(count("sync_id = 'tick' AND node_id = '" + leader.id() + "'")).isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> count("sync_id = 'tick' AND node_id = '" + survivor.id()
                + "' AND scheduled_at IS NOT NULL") >= 2);
        assertThat(count("sync_id = 'tick' AND status NOT IN ('succeeded', 'skipped') AND reason NOT LIKE "
                + "'Interrupted:%'")).isZero();

        // the survivor says so: readiness shows its role (and the metric sis2sds_cluster_leader did, above)
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + survivor.management() + "/observe/health/ready?exposureLevel=full")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"name\":\"cluster\",\"status\":\"UP\",\"message\":\"node "
                + survivor.id() + " is leader\"");
    }

    private static boolean hasJournal(Path processing) {
        try (Stream<Path> s = Files.list(processing)) {
            return s.anyMatch(p -> Files.exists(p.resolve("_publish.json")));
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
