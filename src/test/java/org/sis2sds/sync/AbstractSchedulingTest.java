package org.sis2sds.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Interval and cron schedules with camel-quartz, overlap (skipped runs) and pause with a run in flight. */
abstract class AbstractSchedulingTest extends SyncDaemonTestBase {
    /** One "minute" of sync_interval lasts one second in these tests. */
    private static final Map<String, String> FAST = Map.of("sis2sds.syncs.interval-minute", "1s");

    private List<Run> runs(String syncId) {
        return manager().store().listRuns(syncId, null, 100, 0);
    }

    private long count(String syncId, String status) {
        return runs(syncId).stream().filter(r -> r.status.equals(status)).count();
    }

    private void createInterval(String id, int minutes) throws Exception {
        Resp r = call("POST", "/syncs", "{\"sync\": {\"id\": \"" + id + "\", \"source_id\": \"ps\", "
                + "\"destination_id\": \"sds\", \"model_id\": \"sds-v1\", \"schedule_type\": \"automated\", "
                + "\"sync_interval\": " + minutes + ", \"sync_interval_unit\": \"minutes\"}}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
    }

    @Test
    void intervalSchedulesRunAgainAndRunNowRestartsTheInterval() throws Exception {
        start(FAST);
        createInterval("every2", 2);
        // a new interval sync runs at once, then every 2 "minutes" (2 s here)
        await().atMost(Duration.ofSeconds(10)).until(() -> count("every2", Run.SUCCEEDED) >= 2);
        List<Run> done = runs("every2");
        Run newer = done.get(0);
        Run older = done.get(1);
        assertThat(newer.trigger).isEqualTo("schedule");
        assertThat(Duration.between(older.startedAt, newer.startedAt).toMillis()).isBetween(1500L, 3500L);

        // a run by hand restarts the interval: the next scheduled run is one interval after its start
        Run manual = manager().trigger("every2", "api", true);
        Instant start = Instant.now();
        awaitRun(manual.id);
        Instant next = manager().scheduler().nextFire("every2").orElseThrow();
        assertThat(Duration.between(start, next).toMillis()).isBetween(1500L, 2500L);
        // and the rescheduled trigger does fire
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("every2").get(0).id > manual.id
                && runs("every2").get(0).startedAt != null);
        Run after = runs("every2").get(0);
        assertThat(after.trigger).isEqualTo("schedule");
        assertThat(Duration.between(start, after.startedAt.toInstant()).toMillis()).isGreaterThan(1500L);
    }

    @Test
    void cronSchedulesFireInTheConfiguredTimeZone() throws Exception {
        start(Map.of("sis2sds.syncs.time-zone", "Europe/Berlin"));
        Resp r = call("PUT", "/syncs/ps-nightly", "{\"sync\": {\"cron_expression\": \"*/1 * * * * ?\"}}");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("ps-nightly", Run.SUCCEEDED) >= 2);
        assertThat(runs("ps-nightly")).allSatisfy(run -> assertThat(run.trigger).isEqualTo("schedule"));
        assertThat(daemon.context().getRoute("schedule-ps-nightly").getEndpoint().getEndpointUri())
                .contains("trigger.timeZone=Europe/Berlin");

        // the nightly cron again: the next fire is at 02:00 Berlin time
        call("PUT", "/syncs/ps-nightly", "{\"sync\": {\"cron_expression\": \"0 0 2 * * ?\"}}");
        // the schedule route is a master: (leader-only) consumer: its trigger is there once the consumer started
        await().atMost(Duration.ofSeconds(5)).until(() -> manager().scheduler().nextFire("ps-nightly").isPresent());
        Instant next = manager().scheduler().nextFire("ps-nightly").orElseThrow();
        assertThat(next.atZone(java.time.ZoneId.of("Europe/Berlin")).getHour()).isEqualTo(2);
    }

    @Test
    void aRunThatWouldOverlapIsSkipped() throws Exception {
        start(FAST);
        gate = new CountDownLatch(1);
        createInterval("busy", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("busy", Run.SKIPPED) >= 2);
        assertThat(count("busy", Run.RUNNING)).isEqualTo(1);
        Run skipped = runs("busy").stream().filter(r -> r.status.equals(Run.SKIPPED)).findFirst().orElseThrow();
        assertThat(skipped.reason).contains("still running");
        assertThat(skipped.finishedAt).isNotNull();
        assertThat(extractions.get()).isEqualTo(1);
        gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> count("busy", Run.SUCCEEDED) >= 1);
    }

    @Test
    void pauseLetsTheRunInFlightFinishAndStartsNoNewOnes() throws Exception {
        start(FAST);
        gate = new CountDownLatch(1);
        createInterval("pausable", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> extractions.get() == 1);
        assertThat(call("POST", "/syncs/pausable/pause", null).status()).isEqualTo(200);
        assertThat(daemon.context().getRoute("schedule-pausable")).isNull();
        gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> count("pausable", Run.SUCCEEDED) == 1);
        int before = runs("pausable").size();
        Thread.sleep(2500); // more than two intervals: nothing new may start
        assertThat(runs("pausable")).hasSize(before);
        assertThat(extractions.get()).isEqualTo(1);
        assertThat(call("GET", "/syncs/pausable/status", null).json().path("data").path("attributes")
                .path("status").asText()).isEqualTo("paused");

        // resumed: the schedule comes back (the last run is more than an interval ago, so it runs at once)
        assertThat(call("POST", "/syncs/pausable/resume", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("pausable", Run.SUCCEEDED) >= 2);
    }

    @Test
    void manualSyncsRunOnlyOnDemandAndTheDropSyncScansTheInbox() throws Exception {
        start(FAST);
        assertThat(daemon.context().getRoute("schedule-csv-drop")).isNull();
        Resp r = call("POST", "/syncs/csv-drop/run", null);
        assertThat(r.status()).isEqualTo(202);
        Run run = awaitRun(r.json().path("data").path("id").asLong());
        assertThat(dropScans.get()).isEqualTo(1);
        assertThat(run.status).isEqualTo(Run.SUCCEEDED);
        assertThat(run.reason).isEqualTo("No new batch to process.");
    }

    @Test
    void pausingTheDropSyncStopsTheDropFolderRoute() throws Exception {
        start();
        if (daemon.context().getRoute("drop-inbox") == null) {
            // the drop area's route, when this branch runs without it
            daemon.context().addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from("timer:drop-inbox-stand-in?period=3600000&delay=3600000").routeId("drop-inbox").log("poll");
                }
            });
        }
        var rc = daemon.context().getRouteController();
        assertThat(rc.getRouteStatus("drop-inbox").isStarted()).isTrue();
        assertThat(call("POST", "/syncs/csv-drop/pause", null).status()).isEqualTo(200);
        assertThat(rc.getRouteStatus("drop-inbox").isStopped()).isTrue();
        assertThat(call("POST", "/syncs/ps-nightly/pause", null).status()).isEqualTo(200);
        assertThat(call("POST", "/syncs/ps-nightly/resume", null).status()).isEqualTo(200);
        assertThat(rc.getRouteStatus("drop-inbox").isStopped()).as("still paused").isTrue();
        assertThat(call("POST", "/syncs/csv-drop/resume", null).status()).isEqualTo(200);
        assertThat(rc.getRouteStatus("drop-inbox").isStarted()).isTrue();
    }
}
