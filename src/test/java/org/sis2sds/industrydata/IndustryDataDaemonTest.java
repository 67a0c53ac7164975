package org.sis2sds.industrydata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.boot.Daemon;
import org.sis2sds.core.Settings;
import org.sis2sds.sds.SdsTestBatches;
import org.sis2sds.support.TestPaths;
import org.sis2sds.sync.SyncStore;

/**
 * The real daemon (routes/, config/) with sis2sds.sds.mode=industrydata against the small fake, through the drop
 * folder: a daemon stopped while it follows the run, and started again in the same work dir, resumes the batch
 * without a second upload or validation, and the run history gets the run's statistics.
 */
class IndustryDataDaemonTest {
    static final ObjectMapper JSON = new ObjectMapper();
    FakeIndustryData fake;
    String flowId;

    @TempDir
    Path work;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeIndustryData();
        flowId = fake.seedFlow("District (v1)", Instant.now().plus(Duration.ofDays(100)), "schoolDataSyncV1");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    Settings settings() {
        Map<String, String> o = new HashMap<>(fake.settings());
        o.put("sis2sds.work-dir", work.toString());
        o.put("camel.management.enabled", "false");
        o.put("camel.server.enabled", "false");
        o.put("sis2sds.syncs.scheduling", "false");
        o.put("sis2sds.drop.poll-interval", "100ms");
        o.put("sis2sds.sds.mode", "industrydata");
        o.put("sis2sds.sds.industrydata.flow-id", flowId);
        o.put("sis2sds.sds.industrydata.validate-poll-interval", "20ms");
        o.put("sis2sds.sds.industrydata.run-poll-interval", "20ms");
        o.put("camel.main.shutdown-timeout", "2");
        o.put("sis2sds.shutdown-timeout-seconds", "2");
        return Settings.load(TestPaths.home(), o);
    }

    void drop(String name) throws Exception {
        Path staging = work.resolve("drops").resolve(name);
        SdsTestBatches.valid(staging, 30);
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Files.move(staging, inbox.resolve(name));
        Files.createFile(inbox.resolve(name).resolve("_READY"));
    }

    @Test
    void aRestartWhileTheRunIsFollowedResumesWithoutASecondUpload() throws Exception {
        fake.runDuration = Duration.ofHours(1);
        try (Daemon d = Daemon.start(settings())) {
            drop("resumed");
            await().atMost(Duration.ofSeconds(30)).until(() -> !fake.runs.isEmpty());
        }
        assertThat(work.resolve("processing/resumed/_publish.json")).exists();
        int appends = fake.appends.get();
        fake.runs.values().forEach(r -> r.duration = Duration.ofMillis(100));
        try (Daemon d = Daemon.start(settings())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(work.resolve(
                    "archive/resumed/report.json")));
            SyncStore store = d.context().getRegistry().lookupByNameAndType("syncStore", SyncStore.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> store.listRuns("csv-drop", null, 1, 0).get(0).isFinished());
            assertThat(store.listRuns("csv-drop", null, 1, 0).get(0).sdsStatistics).containsEntry("status", "completed");
        }
        assertThat(fake.appends).hasValue(appends);
        assertThat(fake.validateCalls).hasValue(1);
        assertThat(fake.sessionsIssued).hasValue(1);
        JsonNode r = JSON.readTree(work.resolve("archive/resumed/report.json").toFile());
        assertThat(r.path("sdsStatus").asText()).isEqualTo("completed");
        assertThat(r.path("attributes").path("sds.statistics").path("flowId").asText()).isEqualTo(flowId);
    }
}
