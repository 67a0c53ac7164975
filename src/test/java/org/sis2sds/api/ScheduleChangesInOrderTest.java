package org.sis2sds.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.sis2sds.sync.SyncDaemonTestBase;
import org.sis2sds.sync.SyncDef;
import org.sis2sds.sync.SyncScheduler;
import org.sis2sds.sync.TestDb;

/**
 * Schedule changes are applied in the order they are stored: after 50 concurrent PUTs of a sync's schedule, the
 * schedule that runs is the one the sync has.
 */
class ScheduleChangesInOrderTest extends SyncDaemonTestBase {
    @Override
    protected TestDb db() {
        return TestDb.H2;
    }

    @Test
    void fiftyConcurrentScheduleChangesLeaveTheLiveScheduleEqualToTheStoredSync() throws Exception {
        start();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<CompletableFuture<Integer>> puts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String body = i % 5 == 4
                        ? "{\"sync\": {\"sync_interval\": " + (10 + i) + ", \"sync_interval_unit\": \"minutes\"}}"
                        : "{\"sync\": {\"cron_expression\": \"0 " + i + " 3 * * ?\"}}";
                puts.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return call("PUT", "/syncs/ps-nightly", body).status();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            for (CompletableFuture<Integer> p : puts) {
                assertThat(p.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        SyncDef stored = manager().get("ps-nightly");
        Trigger live = daemon.context().getComponent("quartz", QuartzComponent.class).getScheduler()
                .getTrigger(TriggerKey.triggerKey("ps-nightly", SyncScheduler.GROUP));
        assertThat(daemon.context().getRoute(SyncScheduler.routeId("ps-nightly"))).isNotNull();
        if (stored.hasCron()) {
            assertThat(live).isInstanceOf(CronTrigger.class);
            assertThat(((CronTrigger) live).getCronExpression()).isEqualTo(stored.cronExpression);
        } else {
            assertThat(live).isNotInstanceOf(CronTrigger.class);
            assertThat(daemon.context().getRoute(SyncScheduler.routeId("ps-nightly")).getEndpoint().getEndpointUri())
                    .contains("trigger.repeatInterval=" + stored.syncInterval * 60_000L);
        }
    }
}
