package org.sis2sds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sis2sds.boot.Daemon;
import org.sis2sds.core.Settings;
import org.sis2sds.industrydata.FlowService;
import org.sis2sds.industrydata.FlowSetup;
import org.sis2sds.industrydata.IndustryDataSteps;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.pipeline.BatchRejected;
import org.sis2sds.sandbox.industrydata.IndustryDataGraph;
import org.sis2sds.sandbox.industrydata.IndustryDataOptions;
import org.sis2sds.sandbox.sds.SdsSandbox;
import org.sis2sds.sandbox.sds.SdsSandboxOptions;
import org.sis2sds.sds.SdsTestBatches;
import org.sis2sds.support.TestPaths;

/**
 * The real daemon publishing to the industryData sandbox (Graph layer, Entra login, Azure storage), with
 * {@code start-run=true} against a sandbox whose on-demand quota is spent (a quota of one start, used up first), so every batch also proves that a refused
 * start waits for the run SDS starts by itself: Microsoft's v2.1 samples end archived with the statistics the
 * sandbox computes from them (4 organizations, 8 people, 2 groups, 6 memberships), and again under 10 % 429 and 10 %
 * 503; a missing required file is quarantined with SDS's own code; a record SDS drops ends completedWithErrors,
 * archived and flagged; an expired flow fails naming flow setup; a drop batch of SDS v1 goes through the whole
 * pipeline to a v1 flow.
 */
class IndustryDataEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SAMPLE = TestPaths.home().resolve("src/test/resources/industrydata/v21-sample");
    static final AtomicInteger N = new AtomicInteger();
    static SdsSandbox sandbox;
    static Daemon daemon;
    static Path work;
    static Settings settings;
    static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        sandbox = new SdsSandbox(SdsSandboxOptions.defaults().fast().port(0));
        IndustryDataGraph.attach(sandbox, IndustryDataOptions.defaults().fast().startQuota(1).uploadRunsPerDay(1000));
        sandbox.start();
        work = Files.createTempDirectory("sis2sds-id-e2e");
        Map<String, String> o = new HashMap<>(sandbox.clientSettings());
        o.put("sis2sds.work-dir", work.toString());
        o.put("camel.management.enabled", "false");
        o.put("camel.server.enabled", "false");
        o.put("sis2sds.syncs.scheduling", "false");
        o.put("sis2sds.drop.poll-interval", "100ms");
        o.put("sis2sds.sds.mode", "industrydata");
        o.put("sis2sds.sds.industrydata.start-run", "true");
        o.put("sis2sds.sds.industrydata.validate-poll-interval", "30ms");
        o.put("sis2sds.sds.industrydata.run-poll-interval", "30ms");
        o.put("sis2sds.sds.industrydata.run-timeout", "30s");
        o.put("sis2sds.sds.retry.base-delay", "10ms");
        o.put("sis2sds.sds.retry.max-delay", "200ms");
        o.put("sis2sds.sds.retry.max-attempts", "12");
        settings = Settings.load(TestPaths.home(), o);
        o.put("sis2sds.sds.industrydata.flow-id", flow("v1", LocalDate.now().plusYears(1)));
        settings = Settings.load(TestPaths.home(), o);
        try (FlowService svc = new FlowService(settings, null)) {
            assertThat(svc.client().startRun()).isEqualTo(org.sis2sds.industrydata.Graph.Start.STARTED); // the quota
        }
        daemon = Daemon.start(settings);
        template = daemon.context().createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
        sandbox.close();
    }

    @AfterEach
    void calm() {
        sandbox.options().throttleRate(0).serverErrorRate(0);
    }

    /** A new inbound flow (its own file set) ending on {@code end}; returns its id. */
    static String flow(String format, LocalDate end) throws Exception {
        try (FlowService svc = new FlowService(settings, null)) {
            LocalDate start = end.minusYears(1);
            return svc.setup().run(new FlowSetup.Request("e2e " + N.incrementAndGet(), start, end, format,
                    new FlowSetup.Matching("username", "userPrincipalName", null)), Duration.ofSeconds(10), l -> { })
                    .flowId();
        }
    }

    Batch sample(String flowId, String... leaveOut) throws Exception {
        Path dir = Files.createDirectories(work.resolve("batches").resolve("b" + N.incrementAndGet()));
        try (Stream<Path> s = Files.list(SAMPLE)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".csv")).toList()) {
                if (Stream.of(leaveOut).noneMatch(f.getFileName().toString()::equals)) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        }
        Batch b = new Batch(dir.getFileName().toString(), dir, "drop", "csv-drop");
        b.setDestination("industrydata");
        b.getAttributes().put(IndustryDataSteps.FLOW_ATTR, flowId);
        return b;
    }

    Batch publish(Batch b) {
        return template.requestBody("direct:publish", b, Batch.class);
    }

    BatchRejected rejection(Batch b) {
        Throwable t = catchThrowable(() -> publish(b));
        assertThat(t).hasCauseInstanceOf(BatchRejected.class);
        return (BatchRejected) t.getCause();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> stats(Batch b) {
        return (Map<String, Object>) b.getAttributes().get(IndustryDataSteps.STATS_ATTR);
    }

    @Test
    void theV21SamplesAreTakenWithTheirStatisticsAfterARefusedStart() throws Exception {
        Batch b = publish(sample(flow("v2.1", LocalDate.now().plusYears(1))));
        assertThat(b.getSdsStatus()).isEqualTo("completed");
        assertThat(b.getAttributes()).containsEntry("industrydata.runStart", "REFUSED");
        assertThat(JSON.valueToTree(stats(b).get("entities")).toString())
                .contains("\"organizations\":{\"active\":4").contains("\"people\":{\"active\":8")
                .contains("\"groups\":{\"active\":2").contains("\"memberships\":{\"active\":6");
    }

    @Test
    void throttlingAndServerErrorsAtTwentyPercentStillComplete() throws Exception {
        String flow = flow("v2.1", LocalDate.now().plusYears(1));
        sandbox.options().throttleRate(0.1).serverErrorRate(0.1).retryAfter(0);
        assertThat(publish(sample(flow)).getSdsStatus()).isEqualTo("completed");
    }

    @Test
    void aMissingRequiredFileIsQuarantinedWithSdsCode() throws Exception {
        Batch b = sample(flow("v2.1", LocalDate.now().plusYears(1)), "orgs.csv");
        BatchRejected r = rejection(b);
        assertThat(r.outcome()).isEqualTo(Batch.Outcome.QUARANTINED);
        assertThat(r.getMessage()).contains("RequiredFileNotFound orgs.csv");
        assertThat(b.getSdsMessages()).anySatisfy(m -> assertThat(m.description()).contains("RequiredFileNotFound"));
    }

    @Test
    void aRecordSdsDropsEndsCompletedWithErrorsArchivedAndFlagged() throws Exception {
        Batch b = sample(flow("v2.1", LocalDate.now().plusYears(1)));
        Files.writeString(b.getDir().resolve("roles.csv"), "114001,110003,wizard,SY2021K12,10,TRUE,2021-08-24,"
                + "2022-06-11\n", java.nio.file.StandardOpenOption.APPEND);
        publish(b);
        assertThat(b.getSdsStatus()).isEqualTo("completedWithErrors");
        assertThat(b.getAttributes()).containsEntry("sds.flagged", true);
        assertThat(((Number) stats(b).get("errors")).longValue()).isPositive();
    }

    @Test
    void anExpiredFlowFailsNamingFlowSetup() throws Exception {
        String flow = flow("v2.1", LocalDate.now().plusYears(1));
        try (FlowService svc = new FlowService(settings, null)) {
            java.time.Instant now = java.time.Instant.now();
            svc.client().patch(org.sis2sds.industrydata.Graph.Collection.INBOUND_FLOWS, flow, JSON.createObjectNode()
                    .put("effectiveDateTime", now.minus(Duration.ofDays(2)).toString())
                    .put("expirationDateTime", now.minusSeconds(60).toString()));
        }
        BatchRejected r = rejection(sample(flow));
        assertThat(r.outcome()).isEqualTo(Batch.Outcome.FAILED);
        assertThat(r.getMessage()).contains("expired").contains("bin/sis2sds flow setup");
    }

    @Test
    void aDroppedV1BatchGoesThroughThePipelineToAV1Flow() throws Exception {
        Path staging = work.resolve("drops").resolve("v1-drop");
        SdsTestBatches.valid(staging, 25);
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Files.move(staging, inbox.resolve("v1-drop"));
        Files.createFile(inbox.resolve("v1-drop").resolve("_READY"));
        Path report = work.resolve("archive/v1-drop/report.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.isRegularFile(report));
        JsonNode r = JSON.readTree(report.toFile());
        assertThat(r.path("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(r.path("sdsStatus").asText()).isEqualTo("completed");
        assertThat(r.path("attributes").path("sds.statistics").path("entities").path("people").path("active").asLong())
                .isGreaterThanOrEqualTo(25);
    }
}
