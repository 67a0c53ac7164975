package org.sis2sds.industrydata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.core.Settings;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.pipeline.BatchRejected;
import org.sis2sds.sync.Database;

/**
 * The steps of publish-industrydata, driven in the route's order against the small fake: a good batch ends with
 * statistics; a missing required file is quarantined with SDS's code; a session that expires mid-upload is replaced;
 * completedWithErrors is archived flagged; a refused start still follows the run; an expired flow fails naming the
 * fix; a changed file set is held (and passes once released); 429/503 at 20 % completes; a restart after validation
 * uploads and validates nothing again.
 */
class IndustryDataStepsTest {
    FakeIndustryData fake;
    FlowService svc;
    Database db;
    FileSetGuard guard;
    final Map<String, PublishState> states = new HashMap<>();
    final List<String> notices = new ArrayList<>();
    String flowId;

    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeIndustryData();
        Map<String, String> m = new HashMap<>(fake.settings());
        m.put("sis2sds.work-dir", tmp.resolve("work").toString());
        m.put("sis2sds.sds.industrydata.validate-poll-interval", "10ms");
        m.put("sis2sds.sds.industrydata.run-poll-interval", "10ms");
        m.put("sis2sds.sds.industrydata.chunk-size", "64KB");
        Settings s = Settings.load(Path.of("."), m);
        svc = new FlowService(s, null);
        db = Database.open(s);
        guard = new FileSetGuard(new FileSets(db::dataSource));
        flowId = fake.seedFlow("District 2026-2027 (v2.1)", Instant.now().plus(Duration.ofDays(200)),
                "schoolDataSyncV2Rev1");
    }

    @AfterEach
    void stop() {
        svc.close();
        db.close();
        fake.close();
    }

    IndustryDataSteps steps(boolean startRun) {
        IndustryDataSettings c = svc.settings();
        IndustryDataSettings cfg = new IndustryDataSettings(flowId, c.validatePollInterval(), c.validateTimeout(),
                c.runPollInterval(), Duration.ofSeconds(20), startRun, c.chunkSize(), c.uploadConcurrency(),
                c.sessionMargin(), c.expiryWarning(), c.flowReadyTimeout());
        FlowPublisher p = new FlowPublisher(svc.client(), new org.sis2sds.azure.DataLakeUploader(svc.client().http(),
                new org.sis2sds.azure.DataLakeUploader.Options(64 * 1024, 4, Duration.ofSeconds(30)),
                java.util.concurrent.Executors.newFixedThreadPool(4)), cfg);
        return new IndustryDataSteps(cfg, () -> p, guard, b -> states.computeIfAbsent(b.getId(),
                k -> PublishState.inMemory()), () -> null);
    }

    Batch batch(String id, boolean withOrgs, int users) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(id));
        if (withOrgs) {
            Files.writeString(d.resolve("orgs.csv"), "sourcedId,name,type\n1,School,school\n");
        }
        StringBuilder u = new StringBuilder("sourcedId,username\n");
        StringBuilder r = new StringBuilder("userSourcedId,orgSourcedId,role\n");
        for (int i = 0; i < users; i++) {
            u.append(i).append(",user").append(i).append("@x.org\n");
            r.append(i).append(",1,student\n");
        }
        Files.writeString(d.resolve("users.csv"), u);
        Files.writeString(d.resolve("roles.csv"), r);
        return new Batch(id, d, "drop", "csv-drop");
    }

    /** The route up to following the run (the loop as Camel runs it, without the delay). */
    static Exchange upToTheRun(IndustryDataSteps s, Batch b) {
        Exchange ex = new DefaultExchange(new DefaultCamelContext());
        s.prepare(b, ex);
        s.upload(b, ex);
        s.validate(b, ex);
        while (Boolean.TRUE.equals(ex.getProperty(IndustryDataSteps.POLLING))) {
            s.pollValidation(b, ex);
        }
        s.judgeValidation(b, ex);
        s.startRun(b, ex);
        return ex;
    }

    /** The whole route, step by step. */
    Batch publish(IndustryDataSteps s, Batch b) {
        Exchange ex = null;
        try {
            ex = upToTheRun(s, b);
            while (Boolean.TRUE.equals(ex.getProperty(IndustryDataSteps.POLLING))) {
                s.pollRun(b, ex);
            }
            s.finish(b, ex);
            return b;
        } finally {
            if (ex != null) {
                s.release(ex);
            }
        }
    }

    @Test
    void aGoodBatchEndsWithTheRunStatistics() throws Exception {
        Batch b = publish(steps(false), batch("good", true, 3000));
        assertThat(b.getSdsStatus()).isEqualTo("completed");
        @SuppressWarnings("unchecked")
        Map<String, Object> st = (Map<String, Object>) b.getAttributes().get(IndustryDataSteps.STATS_ATTR);
        assertThat(st).containsEntry("status", "completed").containsEntry("errors", 0L);
        assertThat(st.get("entities").toString()).contains("people={active=3000, inactive=0, total=3000}");
        assertThat(fake.validateCalls).hasValue(1);
        assertThat(fake.startCalls).hasValue(0);
    }

    @Test
    void aMissingRequiredFileIsQuarantinedWithSdsCode() throws Exception {
        Batch b = batch("no-orgs", false, 10);
        assertThatThrownBy(() -> publish(steps(false), b)).isInstanceOfSatisfying(BatchRejected.class,
                e -> assertThat(e.outcome()).isEqualTo(Batch.Outcome.QUARANTINED))
                .hasMessageContaining("RequiredFileNotFound orgs.csv");
        assertThat(b.getSdsMessages()).anySatisfy(m -> {
            assertThat(m.type()).isEqualTo("Error");
            assertThat(m.fileName()).isEqualTo("orgs.csv");
            assertThat(m.description()).contains("RequiredFileNotFound");
        });
        assertThat(b.getSdsErrors()).extracting(e -> e.get("errorCode")).contains("RequiredFileNotFound");
    }

    @Test
    void aSessionThatExpiresMidUploadIsReplaced() throws Exception {
        fake.expireSessionAfterAppends = 3;
        Batch b = publish(steps(false), batch("expiring", true, 20_000));
        assertThat(b.getSdsStatus()).isEqualTo("completed");
        assertThat(fake.sessionsIssued).hasValue(2);
    }

    @Test
    void completedWithErrorsIsArchivedFlagged() throws Exception {
        fake.runOutcome = "completedWithErrors";
        Batch b = publish(steps(false), batch("errs", true, 10));
        assertThat(b.isRejected()).isFalse();
        assertThat(b.getAttributes()).containsEntry("sds.flagged", true);
        assertThat(b.getAttributes().get("sds.warning").toString()).contains("dropped 3 record(s)");
        assertThat(new org.sis2sds.report.ReportWriter().html(b, null, Instant.now()))
                .contains("What SDS's run counted").contains("<td>people</td><td>10</td><td>0</td><td>10</td>");
    }

    @Test
    void aFailedRunIsQuarantinedWithTheBlockingError() throws Exception {
        fake.runOutcome = "failed";
        assertThatThrownBy(() -> publish(steps(false), batch("failed", true, 10)))
                .isInstanceOfSatisfying(BatchRejected.class, e -> assertThat(e.outcome()).isEqualTo(Batch.Outcome.QUARANTINED))
                .hasMessageContaining("The run was cancelled");
    }

    @Test
    void aRefusedStartWaitsForTheRunSdsStarts() throws Exception {
        fake.startQuota = 0;
        Batch b = publish(steps(true), batch("refused", true, 10));
        assertThat(b.getAttributes()).containsEntry("industrydata.runStart", "REFUSED");
        assertThat(b.getSdsStatus()).isEqualTo("completed");
        assertThat(fake.startCalls).hasValue(1);
    }

    @Test
    void anExpiredFlowFailsNamingTheFix() throws Exception {
        flowId = fake.seedFlow("Old year", Instant.now().minus(Duration.ofDays(2)), "schoolDataSyncV2Rev1");
        assertThatThrownBy(() -> publish(steps(false), batch("late", true, 10)))
                .isInstanceOfSatisfying(BatchRejected.class, e -> assertThat(e.outcome()).isEqualTo(Batch.Outcome.FAILED))
                .hasMessageContaining("expired").hasMessageContaining("flow setup");
        assertThat(fake.sessionsIssued).hasValue(0);
    }

    @Test
    void aChangedFileSetIsHeldAndPassesOnceReleased() throws Exception {
        Batch first = batch("set1", true, 10);
        Files.writeString(first.getDir().resolve("demographics.csv"), "userSourcedId,sex\n1,male\n");
        publish(steps(false), first);
        Batch second = batch("set2", true, 10);
        assertThatThrownBy(() -> publish(steps(false), second))
                .isInstanceOfSatisfying(BatchRejected.class, e -> assertThat(e.outcome()).isEqualTo(Batch.Outcome.HELD))
                .hasMessageContaining("missing: demographics.csv").hasMessageContaining("quarantine release");
        second.getAttributes().put(FileSetGuard.BYPASS_ATTR, true);
        assertThat(publish(steps(false), second).getSdsStatus()).isEqualTo("completed");
    }

    @Test
    void throttlingAndServerErrorsAtTwentyPercentStillComplete() throws Exception {
        fake.faultRate = 0.2;
        Batch b = publish(steps(true), batch("faults", true, 5000));
        assertThat(b.getSdsStatus()).isEqualTo("completed");
        assertThat(fake.validateCalls).hasValue(1);
    }

    @Test
    void aRestartAfterValidationNeitherUploadsNorValidatesAgain() throws Exception {
        Batch b = batch("crash", true, 100);
        IndustryDataSteps s = steps(true);
        s.release(upToTheRun(s, b)); // "kill -9" here: the run is being followed
        int appends = fake.appends.get();
        Batch again = new Batch("crash", b.getDir(), "drop", "csv-drop"); // resumed from processing/
        assertThat(publish(steps(true), again).getSdsStatus()).isEqualTo("completed");
        assertThat(fake.appends).hasValue(appends);
        assertThat(fake.validateCalls).hasValue(1);
        assertThat(fake.startCalls).hasValue(1);
        assertThat(fake.sessionsIssued).hasValue(1);
    }

    @Test
    void aValidateWhoseAnswerIsLostIsNotSentAgain() throws Exception {
        fake.validateAnswers503AfterAccepting = true;
        Batch b = publish(steps(false), batch("lost", true, 10));
        assertThat(b.getSdsStatus()).isEqualTo("completed");
        assertThat(fake.validateCalls).hasValue(1);
    }
}
