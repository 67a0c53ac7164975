package org.sis2sds.drop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.support.DaemonTestSupport;
import org.sis2sds.support.TestPaths;

/** The real routes, config and validator: good drops are archived, bad ones quarantined with reports and notices. */
class DropRouteTest extends DaemonTestSupport {
    static final int SMTP_PORT = TestPaths.freePort();
    static final WebhookReceiver HOOK = WebhookReceiver.startUnchecked();

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withConfiguration(com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig()
                    .withUser("sis2sds@district.org", "sis2sds", "smtp-Secret-42"))
            .withPerMethodLifecycle(true);

    @AfterAll
    static void stopHook() {
        HOOK.close();
    }

    @Override
    protected void overrides(Map<String, String> o) {
        o.put("sis2sds.drop.poll-interval", "100ms");
        o.put("sis2sds.drop.min-age", "1s");
        o.put("sis2sds.drop.sync-id", "district-csv");
        o.put("sis2sds.notify.email.host", "127.0.0.1");
        o.put("sis2sds.notify.email.port", String.valueOf(SMTP_PORT));
        o.put("sis2sds.notify.email.to", "admin@district.org");
        o.put("sis2sds.notify.email.username", "sis2sds");
        o.put("sis2sds.notify.email.password", "smtp-Secret-42");
        o.put("sis2sds.notify.webhook.url", HOOK.url("/hook"));
    }

    private List<Path> list(String folder) throws IOException {
        try (Stream<Path> s = Files.list(workDir.resolve(folder))) {
            return s.toList();
        }
    }

    private JsonNode report(Path dir) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    }

    @Test
    void aGoodZipIsArchivedWithItsReport() throws Exception {
        Path zip = TestBatches.zip(TestBatches.good(workDir.resolve("src")), workDir.resolve("inbox/Spring 2027.zip"),
                "Spring 2027/");
        Files.setLastModifiedTime(zip, FileTime.from(Instant.now().minusSeconds(5)));

        await().atMost(Duration.ofSeconds(10)).until(() -> list("archive").size() == 1);
        Path a = workDir.resolve("archive/Spring_2027");
        assertThat(a.resolve("Student.csv")).hasSameTextualContentAs(workDir.resolve("src/Student.csv"));
        JsonNode r = report(a);
        assertThat(r.get("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(r.get("source").asText()).isEqualTo("drop");
        assertThat(r.get("syncId").asText()).isEqualTo("district-csv");
        assertThat(r.get("rowCounts").get("student").asLong()).isEqualTo(2);
        assertThat(r.get("errorCount").asLong()).isZero();
        assertThat(list("processing")).isEmpty();
        assertThat(list("inbox")).isEmpty();
        assertThat(list("quarantine")).isEmpty();
    }

    @Test
    void aGoodFolderIsArchivedOnceItsMarkerAppears() throws Exception {
        Path dir = TestBatches.good(workDir.resolve("inbox/fall"));
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> Files.isDirectory(dir));
        Files.createFile(dir.resolve("_READY"));

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(workDir.resolve("archive/fall/report.json")));
        assertThat(report(workDir.resolve("archive/fall")).get("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(workDir.resolve("archive/fall/_READY")).doesNotExist();
        assertThat(list("processing")).isEmpty();
    }

    @Test
    void aBadFolderIsQuarantinedWithReportsAnEmailAndAWebhook() throws Exception {
        HOOK.calls.clear();
        Path dir = TestBatches.bad(workDir.resolve("inbox/bad"));
        byte[] student = Files.readAllBytes(dir.resolve("Student.csv"));
        Files.createFile(dir.resolve("_READY"));

        await().atMost(Duration.ofSeconds(10)).until(() -> list("quarantine").size() == 1);
        Path q = list("quarantine").get(0);
        assertThat(q.getFileName().toString()).matches("bad-\\d{8}T\\d{6}Z");
        assertThat(Files.readAllBytes(q.resolve("Student.csv"))).isEqualTo(student);
        JsonNode r = report(q);
        assertThat(r.get("outcome").asText()).isEqualTo("QUARANTINED");
        assertThat(r.get("reason").asText()).isNotBlank();
        assertThat(r.get("errorCount").asLong()).isPositive();
        assertThat(r.get("messages").toString()).contains("student.csv", "missing data for the field - Username");
        String html = Files.readString(q.resolve("report.html"));
        assertThat(html).contains("missing data for the field - Username", "Fill in the value").doesNotContain("<script>");
        assertThat(list("archive")).isEmpty();
        assertThat(list("processing")).isEmpty();

        await().atMost(Duration.ofSeconds(10)).until(() -> greenMail.getReceivedMessages().length == 1);
        String mail = GreenMailUtil.getBody(greenMail.getReceivedMessages()[0]);
        assertThat(greenMail.getReceivedMessages()[0].getSubject()).startsWith("sis2sds: batch bad quarantined (");
        assertThat(mail).contains("Error student.csv:", "missing data for the field - Username",
                q.resolve("report.html").toString()).doesNotContain("smtp-Secret-42");
        await().atMost(Duration.ofSeconds(10)).until(() -> HOOK.calls.size() == 1);
        JsonNode hook = new ObjectMapper().readTree(HOOK.calls.get(0).body());
        assertThat(hook.get("batchId").asText()).isEqualTo("bad");
        assertThat(hook.get("errorCount").asLong()).isEqualTo(r.get("errorCount").asLong());
        assertThat(hook.get("messages").toString()).contains("missing data for the field - Username");
        assertThat(HOOK.calls.get(0).authorization()).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void runNowProcessesTheInboxWhileTheDropSyncIsPaused() throws Exception {
        context.getRouteController().stopRoute("drop-inbox");
        TestBatches.good(workDir.resolve("inbox/now"));
        Files.createFile(workDir.resolve("inbox/now/_READY"));
        // the paused drop route leaves the batch alone
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> Files.exists(workDir.resolve("inbox/now")));

        List<Batch> done = template.requestBody("direct:drop-scan", null, List.class);

        assertThat(done).extracting(Batch::getId).containsExactly("now");
        assertThat(done.get(0).getOutcome()).isEqualTo(Batch.Outcome.ACCEPTED);
        assertThat(workDir.resolve("archive/now/report.json")).exists();
    }

    @Test
    void anUnexpectedFailureIsQuarantinedAsFailedAndNotified() throws Exception {
        HOOK.calls.clear();
        org.apache.camel.builder.AdviceWith.adviceWith(context, "process-batch", r -> r.weaveByToUri("direct:publish")
                .replace().throwException(new IllegalStateException("SDS endpoint misconfigured")));
        TestBatches.good(workDir.resolve("inbox/boom"));
        Files.createFile(workDir.resolve("inbox/boom/_READY"));

        await().atMost(Duration.ofSeconds(10)).until(() -> list("quarantine").size() == 1);
        JsonNode r = report(list("quarantine").get(0));
        assertThat(r.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(r.get("reason").asText()).contains("SDS endpoint misconfigured");
        assertThat(list("processing")).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> HOOK.calls.size() == 1);
        assertThat(new ObjectMapper().readTree(HOOK.calls.get(0).body()).get("event").asText()).isEqualTo("batch.failed");
    }

    @Test
    void aGeneratedDistrictZippedInOneFolderIsArchivedWithItsRowCounts() throws Exception {
        Path src = Files.createDirectories(workDir.resolve("gen"));
        org.sis2sds.batch.DistrictGenerator.Counts counts = org.sis2sds.batch.DistrictGenerator.write(src, 300, 7L);
        Path zip = TestBatches.zip(src, workDir.resolve("inbox/district export.zip"), "export/");
        Files.setLastModifiedTime(zip, FileTime.from(Instant.now().minusSeconds(5)));

        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(workDir.resolve("archive/district_export/report.json")));
        JsonNode r = report(workDir.resolve("archive/district_export"));
        assertThat(r.get("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(r.get("rowCounts").get("student").asLong()).isEqualTo(counts.students());
        assertThat(r.get("rowCounts").get("studentenrollment").asLong()).isEqualTo(counts.studentEnrollments());
        assertThat(list("quarantine")).isEmpty();
    }

    @Test
    void aSchoolNameWithABareQuoteValidatesAndIsArchived() throws Exception {
        Path dir = TestBatches.good(workDir.resolve("inbox/quoted"));
        Files.writeString(dir.resolve("School.csv"), "SIS ID,Name\r\nS1,\"Lincoln\" High\r\n");
        Files.createFile(dir.resolve("_READY"));

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(workDir.resolve("archive/quoted/report.json")));
        JsonNode r = report(workDir.resolve("archive/quoted"));
        assertThat(r.get("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(r.get("rowCounts").get("school").asLong()).isEqualTo(1);
        assertThat(list("quarantine")).isEmpty();
    }

    @Test
    void anSdsV21ZipIsValidatedAsV21AndArchived() throws Exception {
        Path src = org.sis2sds.support.Samples.v21(workDir.resolve("v21src"));
        Path zip = TestBatches.zip(src, workDir.resolve("inbox/district-v21.zip"), "");
        Files.setLastModifiedTime(zip, FileTime.from(Instant.now().minusSeconds(5)));

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(workDir.resolve("archive/district-v21/report.json")));
        JsonNode r = report(workDir.resolve("archive/district-v21"));
        assertThat(r.get("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(r.get("format").asText()).isEqualTo("v2.1");
        assertThat(r.get("rowCounts").get("users").asLong()).isEqualTo(8);
        assertThat(r.get("attributes").get("sync.changes").get("roles").get("rows").asLong()).isEqualTo(7);
        assertThat(workDir.resolve("archive/district-v21/academicSessions.csv")).exists();
    }

    @Test
    void droppedBatchesTakeTurnsInThePipeline() throws Exception {
        context.getRouteController().stopRoute("drop-inbox");
        java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        org.apache.camel.builder.AdviceWith.adviceWith(context, "process-batch", r -> r.weaveAddFirst().process(e -> {
            most.accumulateAndGet(active.incrementAndGet(), Math::max);
            Thread.sleep(150);
            active.decrementAndGet();
        }));
        for (String name : List.of("a1", "a2")) {
            TestBatches.good(workDir.resolve("inbox/" + name));
            Files.createFile(workDir.resolve("inbox/" + name + "/_READY"));
        }
        var first = java.util.concurrent.CompletableFuture.runAsync(() -> template.requestBody("direct:drop-scan", (Object) null));
        await().atMost(Duration.ofSeconds(5)).until(() -> active.get() == 1);
        for (String name : List.of("b1", "b2")) {
            TestBatches.good(workDir.resolve("inbox/" + name));
            Files.createFile(workDir.resolve("inbox/" + name + "/_READY"));
        }
        template.requestBody("direct:drop-scan", (Object) null);
        first.get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(list("archive")).hasSize(4);
        assertThat(most.get()).isEqualTo(1);
    }
}
