package org.sis2sds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sis2sds.boot.Daemon;
import org.sis2sds.core.Settings;
import org.sis2sds.drop.WebhookReceiver;
import org.sis2sds.sync.Run;
import org.sis2sds.sync.SyncManager;
import org.sis2sds.support.TestPaths;

/** A nightly PowerSchool run that fails (the server is down) makes no batch, so the run itself tells people. */
class RunFailureNotificationTest {

    @Test
    void aPowerSchoolOutageFailsTheRunAndNotifies() throws Exception {
        try (WebhookReceiver hook = new WebhookReceiver()) {
            Settings s = Settings.load(TestPaths.home(), Map.of(
                    "sis2sds.work-dir", Files.createTempDirectory("sis2sds-runfail").toString(),
                    "camel.server.enabled", "false", "camel.management.enabled", "false",
                    "sis2sds.powerschool.base-url", "http://127.0.0.1:" + TestPaths.freePort(),
                    "sis2sds.powerschool.client-id", "district", "sis2sds.powerschool.client-secret", "s3cret-value",
                    "sis2sds.powerschool.max-attempts", "2", "sis2sds.powerschool.retry-base-delay", "10ms",
                    "sis2sds.notify.webhook.url", hook.url("/alerts")));
            try (Daemon d = Daemon.start(s)) {
                SyncManager syncs = d.context().getRegistry().lookupByNameAndType("syncManager", SyncManager.class);
                Run run = syncs.awaitRun(syncs.trigger("powerschool-nightly", "test", true).id, Duration.ofSeconds(30));
                assertThat(run.status).isEqualTo(Run.FAILED);
                assertThat(run.reason).contains("PowerSchool could not be reached");
                await().atMost(Duration.ofSeconds(10)).until(() -> hook.calls.size() == 1);
                JsonNode body = new ObjectMapper().readTree(hook.calls.get(0).body());
                assertThat(body.path("event").asText()).isEqualTo("run.failed");
                assertThat(body.path("runId").asLong()).isEqualTo(run.id);
                assertThat(body.path("reason").asText()).isEqualTo(run.reason);
                assertThat(hook.calls.get(0).body()).doesNotContain("s3cret-value");
                assertThat(Files.list(s.workDir().resolve("staging")).toList()).isEmpty();
            }
        }
    }
}
