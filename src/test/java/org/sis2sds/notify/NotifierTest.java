package org.sis2sds.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;
import org.sis2sds.drop.WebhookReceiver;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.report.ReportWriterTest;
import org.sis2sds.support.TestPaths;
import org.slf4j.LoggerFactory;

class NotifierTest {
    @TempDir
    Path tmp;
    DefaultCamelContext context;
    ListAppender<ILoggingEvent> logs;
    WebhookReceiver hook;

    @BeforeEach
    void setUp() throws Exception {
        context = new DefaultCamelContext();
        context.getRegistry().bind(Notifier.HTTP_CONFIGURER, Notifier.httpConfigurer(Duration.ofSeconds(2)));
        // route notify-run-failed calls bean notifier; the tests make their own notifiers beside it
        context.getRegistry().bind("notifier", notifier(Map.of()));
        org.apache.camel.support.PluginHelper.getRoutesLoader(context).loadRoutes(
                org.apache.camel.support.PluginHelper.getResourceLoader(context)
                        .resolveResource("file:" + TestPaths.home().resolve("routes/notify.camel.yaml")));
        context.start();
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(Notifier.class)).addAppender(logs);
        hook = new WebhookReceiver();
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(Notifier.class)).detachAppender(logs);
        context.stop();
        hook.close();
    }

    private Notifier notifier(Map<String, String> more) {
        Map<String, String> o = new LinkedHashMap<>(more);
        o.put("sis2sds.work-dir", tmp.toString());
        return new Notifier(Settings.load(TestPaths.home(), o), context);
    }

    @Test
    void failuresAreLoggedInOneLineWithoutSecretsAndNeverBlock() {
        hook.status = 500;
        Notifier n = notifier(Map.of(
                "sis2sds.notify.email.host", "127.0.0.1",
                "sis2sds.notify.email.port", String.valueOf(TestPaths.freePort()),
                "sis2sds.notify.email.to", "a@b.org",
                "sis2sds.notify.email.username", "me",
                "sis2sds.notify.email.password", "pw-Very-Secret",
                "sis2sds.notify.webhook.url", hook.url("/h?key=abc123"),
                "sis2sds.notify.webhook.token", "tok-Very-Secret"));
        Batch b = ReportWriterTest.sample(tmp);
        long t0 = System.nanoTime();
        n.batchRejected(b);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(500));

        await().atMost(Duration.ofSeconds(10)).until(() -> logs.list.size() >= 2);
        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anyMatch(l -> l.startsWith("E-mail notification for batch fall-<term> failed: "));
        assertThat(lines).anyMatch(l -> l.equals("Webhook notification for batch fall-<term> failed: the webhook "
                + "answered HTTP 500"));
        assertThat(lines).allMatch(l -> !l.contains("Very-Secret") && !l.contains("abc123") && !l.contains("\n"));
        assertThat(hook.calls).hasSize(1);
        assertThat(hook.calls.get(0).authorization()).isEqualTo("Bearer tok-Very-Secret");
    }

    @Test
    void textNamesTheBatchReasonCountsAndFirstMessages() {
        Notifier n = notifier(Map.of("sis2sds.notify.max-messages", "2"));
        Batch b = ReportWriterTest.sample(tmp);
        b.setOutcome(Batch.Outcome.HELD);
        b.setReason("Student would shrink by 40%.");
        assertThat(Notifier.subject(b)).isEqualTo("sis2sds: batch fall-<term> held (3 error(s), 1 warning(s))");
        String t = n.text(b);
        assertThat(t).contains("was held", "Reason: Student would shrink by 40%.", "Errors: 3, warnings: 1",
                "- Error student.csv: 1 row(s) have missing data for the field - Username (rows 2)",
                "... and 2 more in the report.", tmp.resolve("report.html").toString());
        assertThat(n.json(b)).containsEntry("event", "batch.held").containsEntry("moreMessages", 2)
                .containsEntry("errorCount", 3L);
        assertThat(n.emailEnabled()).isFalse();
        assertThat(n.webhookEnabled()).isFalse();
        n.batchRejected(b); // nothing configured: nothing happens
    }

    @Test
    void aFailedRunIsReportedToTheWebhook() throws Exception {
        Notifier n = notifier(Map.of("sis2sds.notify.webhook.url", hook.url("/h")));
        n.runFailed("powerschool-nightly", 7, "PowerSchool could not be reached at https://ps.example.org.");
        await().atMost(Duration.ofSeconds(10)).until(() -> hook.calls.size() == 1);
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(hook.calls.get(0).body());
        assertThat(body.path("event").asText()).isEqualTo("run.failed");
        assertThat(body.path("syncId").asText()).isEqualTo("powerschool-nightly");
        assertThat(body.path("runId").asLong()).isEqualTo(7);
        assertThat(body.path("reason").asText()).isEqualTo("PowerSchool could not be reached at https://ps.example.org.");
        await().atMost(Duration.ofSeconds(5)).until(() -> logs.list.stream()
                .anyMatch(e -> e.getFormattedMessage().equals("Notified the webhook about run 7 of sync powerschool-nightly")));
    }

    @Test
    void anIncompleteSettingStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> notifier(Map.of("sis2sds.notify.email.host", "mail")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sis2sds.notify.email.to");
        assertThatThrownBy(() -> notifier(Map.of("sis2sds.notify.webhook.url", "ftp://x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sis2sds.notify.webhook.url");
    }
}
