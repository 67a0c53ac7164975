package org.sis2sds.drop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
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
import org.sis2sds.support.DaemonTestSupport;
import org.sis2sds.support.TestPaths;

/**
 * The real routes and config: hostile zips are refused into quarantine with reports, an e-mail and a webhook call;
 * nothing is extracted outside the batch; a half-copied folder is left alone until its _READY marker appears.
 */
class DropRefusalRouteTest extends DaemonTestSupport {
    static final int SMTP_PORT = TestPaths.freePort();
    static final WebhookReceiver HOOK = WebhookReceiver.startUnchecked();

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(true);

    @AfterAll
    static void stopHook() {
        HOOK.close();
    }

    @Override
    protected void overrides(Map<String, String> o) {
        o.put("sis2sds.drop.poll-interval", "100ms");
        o.put("sis2sds.drop.min-age", "5s");
        o.put("sis2sds.drop.max-unpacked-size", "64KB");
        o.put("sis2sds.notify.email.host", "127.0.0.1");
        o.put("sis2sds.notify.email.port", String.valueOf(SMTP_PORT));
        o.put("sis2sds.notify.email.to", "admin@district.org, it@district.org");
        o.put("sis2sds.notify.email.from", "sis2sds@district.org");
        o.put("sis2sds.notify.webhook.url", HOOK.url("/hooks/sis2sds"));
        o.put("sis2sds.notify.webhook.token", "hook-token-123");
    }

    private Path drop(Path zip) throws IOException {
        Files.setLastModifiedTime(zip, FileTime.from(Instant.now().minusSeconds(60)));
        return zip;
    }

    private List<Path> quarantined() throws IOException {
        try (Stream<Path> s = Files.list(workDir.resolve("quarantine"))) {
            return s.toList();
        }
    }

    @Test
    void zipSlipIsRefusedIntoQuarantineWithReportsEmailAndWebhook() throws Exception {
        HOOK.calls.clear();
        Path inbox = workDir.resolve("inbox");
        drop(TestBatches.rawZip(inbox.resolve("evil.zip"), "../../School.csv", "SIS ID,Name\n", "Student.csv", "x"));

        await().atMost(Duration.ofSeconds(10)).until(() -> quarantined().size() == 1);
        Path q = quarantined().get(0);
        assertThat(q.getFileName().toString()).matches("evil-\\d{8}T\\d{6}Z");
        assertThat(q.resolve("evil.zip")).exists();
        assertThat(q.resolve("report.html")).exists();
        JsonNode report = new ObjectMapper().readTree(q.resolve("report.json").toFile());
        assertThat(report.get("outcome").asText()).isEqualTo("QUARANTINED");
        assertThat(report.get("reason").asText()).contains("../../School.csv", "points outside the batch folder");
        assertThat(report.get("source").asText()).isEqualTo("drop");
        assertThat(report.get("syncId").asText()).isEqualTo("csv-drop");
        assertThat(workDir.resolve("School.csv")).doesNotExist();
        assertThat(workDir.getParent().resolve("School.csv")).doesNotExist();
        assertThat(Files.list(workDir.resolve("processing"))).isEmpty();
        assertThat(Files.list(inbox)).isEmpty();

        await().atMost(Duration.ofSeconds(10)).until(() -> greenMail.getReceivedMessages().length == 2);
        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("sis2sds: batch evil quarantined (0 error(s), 0 warning(s))");
        String text = GreenMailUtil.getBody(mail);
        assertThat(text).contains("Batch evil from the drop folder (sync csv-drop) was quarantined",
                "points outside the batch folder", q.resolve("report.html").toString());

        await().atMost(Duration.ofSeconds(10)).until(() -> HOOK.calls.size() == 1);
        WebhookReceiver.Call call = HOOK.calls.get(0);
        assertThat(call.path()).isEqualTo("/hooks/sis2sds");
        assertThat(call.authorization()).isEqualTo("Bearer hook-token-123");
        assertThat(call.contentType()).startsWith("application/json");
        JsonNode hook = new ObjectMapper().readTree(call.body());
        assertThat(hook.get("event").asText()).isEqualTo("batch.quarantined");
        assertThat(hook.get("batchId").asText()).isEqualTo("evil");
        assertThat(hook.get("reason").asText()).contains("points outside");
        assertThat(hook.get("reportHtml").asText()).isEqualTo(q.resolve("report.html").toString());
    }

    @Test
    void symlinkNestedOversizeAndStrayFilesAreRefused() throws Exception {
        Path inbox = workDir.resolve("inbox");
        drop(TestBatches.rawZip(inbox.resolve("link.zip"), "School.csv@link", "/etc/passwd"));
        drop(TestBatches.rawZip(inbox.resolve("nested.zip"), "a/b/School.csv", "SIS ID,Name\n"));
        drop(TestBatches.rawZip(inbox.resolve("bomb.zip"), "Student.csv", "x".repeat(1 << 20)));
        drop(TestBatches.rawZip(inbox.resolve("stray.zip"), "School.csv", "SIS ID,Name\n", "payload.sh", "rm -rf /"));

        await().atMost(Duration.ofSeconds(10)).until(() -> quarantined().size() == 4);
        Map<String, String> reasons = new java.util.TreeMap<>();
        for (Path q : quarantined()) {
            JsonNode r = new ObjectMapper().readTree(q.resolve("report.json").toFile());
            reasons.put(r.get("batchId").asText(), r.get("reason").asText());
            assertThat(r.get("outcome").asText()).isEqualTo("QUARANTINED");
            try (Stream<Path> files = Files.list(q)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder(r.get("batchId").asText() + ".zip", "_REFUSED.txt", "report.json",
                                "report.html");
            }
        }
        assertThat(reasons.get("link")).contains("symbolic link");
        assertThat(reasons.get("nested")).contains("nested deeper than one top-level folder");
        assertThat(reasons.get("bomb")).contains("unpacks to more than 64 KB");
        assertThat(reasons.get("stray")).contains("unexpected file payload.sh");
        assertThat(Files.list(workDir.resolve("processing"))).isEmpty();
    }

    @Test
    void aHalfCopiedFolderOrAFreshZipIsNotPickedUp() throws Exception {
        Path inbox = workDir.resolve("inbox");
        Path half = TestBatches.good(inbox.resolve("half"));
        Files.delete(half.resolve("TeacherRoster.csv")); // the copy has not finished
        Path fresh = TestBatches.zip(TestBatches.good(workDir.resolve("src")), inbox.resolve("fresh.zip"), "");
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() ->
                Files.isDirectory(half) && Files.exists(fresh));
        assertThat(Files.list(workDir.resolve("processing"))).isEmpty();
        // once the zip has settled it is picked up; the folder still waits for its marker
        Files.setLastModifiedTime(fresh, FileTime.from(Instant.now().minusSeconds(60)));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(workDir.resolve("archive/fresh/report.json")));
        assertThat(half.resolve("Student.csv")).exists();
    }
}
