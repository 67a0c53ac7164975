package org.sis2sds.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.sis2sds.boot.Daemon;
import org.sis2sds.core.FileTrees;
import org.sis2sds.core.Settings;
import org.sis2sds.core.Signals;
import org.sis2sds.powerschool.PowerSchoolExtractor;
import org.sis2sds.sandbox.powerschool.PowerSchoolSandbox;
import org.sis2sds.industrydata.FlowService;
import org.sis2sds.industrydata.FlowSetup;
import org.sis2sds.sandbox.industrydata.IndustryDataGraph;
import org.sis2sds.sandbox.industrydata.IndustryDataOptions;
import org.sis2sds.sandbox.sds.SdsSandbox;
import org.sis2sds.sandbox.sds.SdsSandboxOptions;
import org.sis2sds.sds.ClassicSdsClient;
import org.sis2sds.sds.SdsClientConfig;
import org.sis2sds.sync.Run;
import org.sis2sds.sync.SyncManager;

/**
 * The one-command demo: both sandboxes with a generated district, an SDS profile, the daemon, a PowerSchool sync and
 * a CSV drop sync, one good and one bad batch, live progress, and a summary table. With {@code once} it checks that
 * the accepted batches are archived and the bad one quarantined with its reports, and returns; otherwise it keeps
 * the daemon (API and health/metrics) serving until the JVM is stopped.
 */
public final class Demo {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PS_SYNC = "powerschool-nightly";
    static final String DROP_SYNC = "csv-drop";

    /** What the command line chose. */
    /** {@code sds}: {@code industrydata} (the live SDS's industryData sandbox) or {@code classic} (the profile API). */
    public record Options(Path workDir, int students, long seed, int powerSchoolPort, int sdsPort, int apiPort,
                          int managementPort, boolean once, Duration timeout, String sds) {
        boolean live() {
            return !"classic".equals(sds);
        }
    }

    private final Settings base;
    private final Options o;
    private final PrintStream out;
    private final DemoSummary summary;
    private final List<String> failures = new ArrayList<>();

    public Demo(Settings base, Options options, PrintStream out) {
        this.base = base;
        this.o = options;
        this.out = out;
        this.summary = new DemoSummary(base.home());
    }

    /** Runs the demo; returns the exit code (0 when its expectations held). */
    public int run() throws Exception {
        Path work = o.workDir().toAbsolutePath().normalize();
        Quiet quiet = Quiet.start();
        FileTrees.delete(work);
        Files.createDirectories(work);
        out.printf("sis2sds demo (work dir %s)%n%n", work);

        step(1, "Starting the PowerSchool sandbox with a generated district of %,d students", o.students());
        PowerSchoolSandbox ps = new PowerSchoolSandbox(new PowerSchoolSandbox.Options().port(o.powerSchoolPort())
                .students(o.students()).seed(o.seed())).start();
        done("%s", ps.baseUrl());

        step(2, "Starting the SDS sandbox");
        SdsSandbox sds = new SdsSandbox(SdsSandboxOptions.defaults().port(o.sdsPort())
                .provisionDelay(Duration.ofMillis(500)).extractDelay(Duration.ofMillis(300))
                .validateDelay(Duration.ofMillis(300)).syncDelay(Duration.ofSeconds(1)));
        IndustryDataGraph.attach(sds, IndustryDataOptions.fromSettings(base).validateDelay(Duration.ofMillis(300))
                .readinessDelay(Duration.ofMillis(300)).runDelay(Duration.ofMillis(500)).runDuration(Duration.ofSeconds(1)));
        sds.start();
        done("%s", sds.baseUrl());
        done("industryData %s/external/industryData", sds.graphUrl());

        Map<String, String> settings = new LinkedHashMap<>(sds.clientSettings());
        settings.put("sis2sds.work-dir", work.toString());
        settings.put("sis2sds.sds.mode", o.live() ? "industrydata" : "classic");
        settings.put("sis2sds.sds.poll-interval", "300ms");
        settings.put("sis2sds.sds.industrydata.validate-poll-interval", "300ms");
        settings.put("sis2sds.sds.industrydata.run-poll-interval", "300ms");
        settings.put("sis2sds.powerschool.base-url", ps.baseUrl());
        settings.put("sis2sds.powerschool.client-id", ps.options().clientId);
        settings.put("sis2sds.powerschool.client-secret", ps.options().clientSecret);
        settings.put("sis2sds.drop.poll-interval", "500ms");
        settings.put("sis2sds.drop.min-age", "1s");
        settings.put("camel.server.enabled", "true");
        settings.put("camel.server.port", String.valueOf(o.apiPort()));
        settings.put("camel.management.port", String.valueOf(o.managementPort()));
        String token = base.secret("sis2sds.api.token");
        boolean generated = token.isEmpty();
        if (generated) {
            byte[] b = new byte[18];
            new SecureRandom().nextBytes(b);
            token = HexFormat.of().formatHex(b);
            settings.put("sis2sds.api.token", token);
        }
        Settings s = base.with(settings);

        s = o.live() ? setUpFlow(s) : setUpProfile(s);

        step(4, "Starting the daemon");
        Daemon daemon = Daemon.start(s);
        done("API http://127.0.0.1:%d/api/v1, health http://127.0.0.1:%d/observe/health", o.apiPort(),
                o.managementPort());
        out.printf("      API token: %s%n", generated ? token + "  (generated; set SIS2SDS_API_TOKEN to choose one)"
                : "from SIS2SDS_API_TOKEN");
        try {
            SyncManager syncs = daemon.context().getRegistry().lookupByNameAndType("syncManager", SyncManager.class);
            PowerSchoolExtractor extractor = daemon.context().getRegistry()
                    .lookupByNameAndType("powerSchoolExtractor", PowerSchoolExtractor.class);

            step(5, "Running the PowerSchool sync \"%s\" now", PS_SYNC);
            ProgressBar bar = new ProgressBar(out);
            extractor.setListener(bar);
            Run run = syncs.trigger(PS_SYNC, "demo", true);
            run = syncs.awaitRun(run.id, o.timeout());
            extractor.setListener(null);
            bar.finish();
            Path psReport = reportOf(work, run.batchId).orElse(null);
            done("run %d %s%s", run.id, run.status, run.reason == null ? "" : ": " + run.reason);
            record(PS_SYNC, run.batchId == null ? "(no batch)" : "extraction", psReport);
            expect(Run.SUCCEEDED.equals(run.status), Run.SUCCEEDED.equals(run.status) ? "the PowerSchool sync succeeded"
                    : "the PowerSchool sync succeeded (it " + run.status + ")");

            step(6, "Dropping two CSV batches into %s", work.resolve("inbox"));
            Path inbox = Files.createDirectories(work.resolve("inbox"));
            int goodStudents = Math.max(50, o.students() / 4);
            DemoBatches.writeGoodZip(inbox.resolve("district-export.zip"), goodStudents, o.seed() + 1);
            out.printf("      district-export.zip   a valid export of %,d students%n", goodStudents);
            DemoBatches.writeBadFolder(inbox.resolve("broken-export"), Math.max(50, o.students() / 10), o.seed() + 2);
            out.println("      broken-export/        5 sections without SIS ID, 3 repeated usernames, 125 enrollments"
                    + " in retired sections (a folder with _READY)");
            Path good = await(work, "archive", "district-export", "quarantine");
            Path bad = await(work, "quarantine", "broken-export", "archive");
            done("the drop folder has been handled");
            record(DROP_SYNC, "district-export.zip", good == null ? null : good.resolve("report.json"));
            record(DROP_SYNC, "broken-export/", bad == null ? null : bad.resolve("report.json"));
            String taken = o.live() ? "completed" : "success";
            expect(good != null && good.getParent().getFileName().toString().equals("archive")
                    && taken.equals(field(good.resolve("report.json"), "sdsStatus")),
                    "the good zip is archived with SDS status " + taken);
            expect(bad != null && bad.getParent().getFileName().toString().equals("quarantine")
                    && Files.isRegularFile(bad.resolve("report.json")) && Files.isRegularFile(bad.resolve("report.html")),
                    "the broken folder is in quarantine with report.json and report.html");

            summary.print(out);
            if (failures.isEmpty()) {
                out.println("\nEverything went as expected.");
            } else {
                out.println("\nThe demo did not go as expected:");
                failures.forEach(f -> out.println("  - " + f));
            }
            if (o.once()) {
                return failures.isEmpty() ? 0 : 1;
            }
            quiet.close();
            out.printf("%nThe daemon keeps serving. Try:%n"
                    + "  curl -H 'Authorization: Bearer %s' http://127.0.0.1:%d/api/v1/syncs%n"
                    + "  curl http://127.0.0.1:%d/observe/health/ready?exposureLevel=full%n"
                    + "  cp -r <a folder of six SDS CSVs and an empty _READY> %s/%n"
                    + "Press Ctrl-C to stop.%n", token, o.apiPort(), o.managementPort(), inbox);
            Signals.serveUntilStopped(daemon, sds, ps);
            return 0;
        } finally {
            daemon.close();
            sds.close();
            ps.close();
        }
    }

    /** Step 3, live SDS: the inbound flow of this school year (SDS v1 files: the demo's batches are v1). */
    private Settings setUpFlow(Settings s) throws Exception {
        step(3, "Setting up the SDS inbound flow \"sis2sds demo\" (Graph industryData)");
        LocalDate today = LocalDate.now();
        int y = today.getMonthValue() >= 7 ? today.getYear() : today.getYear() - 1;
        FlowSetup.Result r;
        try (FlowService svc = new FlowService(s, null)) {
            r = svc.setup().run(new FlowSetup.Request("sis2sds demo", LocalDate.of(y, 8, 1), LocalDate.of(y + 1, 7, 31),
                    "v1", new FlowSetup.Matching("username", "userPrincipalName", null)), Duration.ofSeconds(30), l -> { });
        }
        done("%s, inbound flow %s", r.readiness(), r.flowId());
        return s.with(Map.of("sis2sds.sds.industrydata.flow-id", r.flowId()));
    }

    /** Step 3, Classic: a synchronization profile. */
    private Settings setUpProfile(Settings s) throws Exception {
        step(3, "Creating the SDS synchronization profile \"sis2sds demo\"");
        String profileId;
        try (ClassicSdsClient client = new ClassicSdsClient(SdsClientConfig.from(s))) {
            profileId = client.createProfile(JSON.readTree(profileJson())).path("id").asText();
            client.awaitProvisioned(profileId, Duration.ofSeconds(30));
        }
        done("provisioned, id %s", profileId);
        return s.with(Map.of("sis2sds.sds.profile-id", profileId));
    }

    private String profileJson() throws IOException {
        Path example = base.home().resolve("config/examples/sds-csv-profile.json");
        if (Files.isRegularFile(example)) {
            JsonNode n = JSON.readTree(example.toFile());
            ((com.fasterxml.jackson.databind.node.ObjectNode) n).put("displayName", "sis2sds demo");
            return n.toString();
        }
        return "{\"displayName\":\"sis2sds demo\",\"dataProvider\":{\"@odata.type\":"
                + "\"#microsoft.graph.educationCsvDataProvider\",\"customizations\":{}},"
                + "\"identitySynchronizationConfiguration\":{\"@odata.type\":"
                + "\"#microsoft.graph.educationIdentityCreationConfiguration\",\"userDomains\":["
                + "{\"appliesTo\":\"student\",\"name\":\"students.example.org\"},"
                + "{\"appliesTo\":\"teacher\",\"name\":\"example.org\"}]},\"licensesToAssign\":[]}";
    }

    /** Waits for a batch whose folder name starts with {@code prefix} in {@code folder} (or in {@code other}). */
    private Path await(Path work, String folder, String prefix, String other) throws InterruptedException, IOException {
        Instant end = Instant.now().plus(o.timeout());
        while (Instant.now().isBefore(end)) {
            for (String f : List.of(folder, other)) {
                Optional<Path> p = find(work.resolve(f), prefix);
                if (p.isPresent() && Files.isRegularFile(p.get().resolve("report.json"))) {
                    return p.get();
                }
            }
            Thread.sleep(200);
        }
        failures.add("no batch " + prefix + " reached archive/ or quarantine/ within " + o.timeout().toSeconds() + " s");
        return null;
    }

    private static Optional<Path> find(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst();
        }
    }

    private static Optional<Path> reportOf(Path work, String batchId) throws IOException {
        if (batchId == null) {
            return Optional.empty();
        }
        for (String f : List.of("archive", "quarantine")) {
            Optional<Path> p = find(work.resolve(f), batchId);
            if (p.isPresent()) {
                return Optional.of(p.get().resolve("report.json"));
            }
        }
        return Optional.empty();
    }

    private void record(String sync, String batch, Path report) throws IOException {
        summary.record(sync, batch, report);
    }

    private static String field(Path report, String name) {
        try {
            return JSON.readTree(report.toFile()).path(name).asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    private void expect(boolean ok, String what) {
        out.printf("      [%s] %s%n", ok ? "ok" : "FAILED", what);
        if (!ok) {
            failures.add(what);
        }
    }

    private void step(int n, String fmt, Object... args) {
        out.printf("[%d/6] %s ...%n", n, String.format(fmt, args));
    }

    private void done(String fmt, Object... args) {
        out.printf("      %s%n", String.format(fmt, args));
    }

    /** Keeps the daemon's INFO logs out of the scripted steps (warnings still show); restored to serve. */
    static final class Quiet implements AutoCloseable {
        private static final List<String> NAMES = List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "org.sis2sds",
                "org.apache.camel.main", "org.apache.camel.impl.engine.AbstractCamelContext");
        private final Map<ch.qos.logback.classic.Logger, ch.qos.logback.classic.Level> before = new LinkedHashMap<>();

        static Quiet start() {
            Quiet q = new Quiet();
            for (String n : NAMES) {
                if (org.slf4j.LoggerFactory.getLogger(n) instanceof ch.qos.logback.classic.Logger l) {
                    q.before.put(l, l.getLevel());
                    l.setLevel(ch.qos.logback.classic.Level.WARN);
                }
            }
            return q;
        }

        @Override
        public void close() {
            before.forEach(ch.qos.logback.classic.Logger::setLevel);
        }
    }

    /** Draws extraction progress on one line: entity, a bar, pages. */
    static final class ProgressBar implements org.sis2sds.powerschool.ExtractionListener {
        private final PrintStream out;
        private final Map<String, long[]> pages = new ConcurrentHashMap<>();
        private volatile long lastDraw;

        ProgressBar(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void progress(String entity, long done, long total) {
            pages.put(entity, new long[] {done, total});
            long now = System.nanoTime();
            if (now - lastDraw < 100_000_000L && done < total) {
                return;
            }
            lastDraw = now;
            long d = pages.values().stream().mapToLong(p -> p[0]).sum();
            long t = Math.max(1, pages.values().stream().mapToLong(p -> p[1]).sum());
            int filled = (int) Math.min(30, d * 30 / t);
            out.printf("\r      extracting %-12s [%s%s] %,d/%,d pages", entity, "#".repeat(filled),
                    "-".repeat(30 - filled), d, t);
            out.flush();
        }

        void finish() {
            if (!pages.isEmpty()) {
                out.println();
            }
        }
    }
}
