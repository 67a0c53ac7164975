package org.sis2sds.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A schedule may fire at most every {@code sis2sds.syncs.min-interval} (5 minutes by default): an interval or a cron
 * expression that would fire more often makes the sync invalid in one sentence naming the floor, wherever in its
 * pattern the short gap is.
 */
class ScheduleFloorTest {
    private static final Catalog CATALOG = new Catalog(
            Map.of("ps", new Catalog.Item("ps", "powerschool", "PowerSchool", Map.of())),
            Map.of("sds", new Catalog.Item("sds", "sds_profile", "SDS", Map.of())),
            Map.of("sds-v1", new Catalog.Item("sds-v1", null, null, Map.of())), List.of());

    private static SyncDef sync(Catalog catalog, Map<String, Object> schedule) {
        SyncDef s = new SyncDef();
        s.id = "s1";
        Map<String, Object> attrs = new LinkedHashMap<>(Map.of("source_id", "ps", "destination_id", "sds",
                "model_id", "sds-v1", "schedule_type", "automated"));
        attrs.putAll(schedule);
        SyncAttributes.apply(s, attrs, catalog, true);
        return s;
    }

    private static Duration gap(String cron) {
        return ScheduleFloor.DEFAULT.shortestGap(cron).orElseThrow();
    }

    @Test
    void aOneSecondCronIsRefusedNamingTheFloor() {
        assertThatThrownBy(() -> sync(CATALOG, Map.of("cron_expression", "* * * * * ?")))
                .isInstanceOf(SyncException.class)
                .hasMessage("The sync is invalid: cron_expression fires as often as every 1 second, more often than "
                        + "the floor of 5 minutes (setting sis2sds.syncs.min-interval).")
                .satisfies(e -> assertThat(((SyncException) e).status()).isEqualTo(400))
                .satisfies(e -> assertThat(((SyncException) e).errors()).extracting(m -> m.get("field"))
                        .containsExactly("cron_expression"));
    }

    @Test
    void anIntervalUnderTheFloorIsRefusedAndOneAtTheFloorIsNot() {
        assertThatThrownBy(() -> sync(CATALOG, Map.of("sync_interval", 1, "sync_interval_unit", "minutes")))
                .hasMessage("The sync is invalid: sync_interval is 1 minute, shorter than the floor of 5 minutes "
                        + "(setting sis2sds.syncs.min-interval).");
        assertThat(sync(CATALOG, Map.of("sync_interval", 5, "sync_interval_unit", "minutes")).syncInterval)
                .isEqualTo(5);
        assertThat(sync(CATALOG, Map.of("sync_interval", 1, "sync_interval_unit", "hours")).syncInterval)
                .isEqualTo(1);
    }

    @Test
    void theShortestGapIsFoundWhereverItIsInTheCronPattern() {
        assertThat(gap("0 0 2 * * ?")).isEqualTo(Duration.ofDays(1));
        assertThat(gap("0 */5 * * * ?")).isEqualTo(Duration.ofMinutes(5));
        // every minute, but only during one hour of the day, or only on Mondays
        assertThat(gap("0 * 14 * * ?")).isEqualTo(Duration.ofMinutes(1));
        assertThat(gap("0 * * ? * MON")).isEqualTo(Duration.ofMinutes(1));
        // two fires close together across midnight
        assertThat(gap("0 58 23,0 * * ?")).isEqualTo(Duration.ofMinutes(60));
        assertThat(gap("0 0,2 0 * * ?")).isEqualTo(Duration.ofMinutes(2));
        assertThat(gap("0 * * 1 * ?")).isEqualTo(Duration.ofMinutes(1));
        // 23:00 to 00:00 counts only where two days in a row fire
        assertThat(gap("0 0 0,23 ? * MON")).isEqualTo(Duration.ofHours(23));
        assertThat(gap("0 0 0,23 ? * MON,TUE")).isEqualTo(Duration.ofHours(1));
        assertThat(sync(CATALOG, Map.of("cron_expression", "0 0/5 * * * ?")).cronExpression).isEqualTo("0 0/5 * * * ?");
    }

    @Test
    void theFloorCanBeLoweredOrTurnedOff() {
        Catalog lower = CATALOG.withScheduleFloor(new ScheduleFloor(Duration.ofSeconds(1)));
        assertThat(sync(lower, Map.of("cron_expression", "*/1 * * * * ?")).cronExpression).isEqualTo("*/1 * * * * ?");
        Catalog off = CATALOG.withScheduleFloor(new ScheduleFloor(Duration.ZERO));
        assertThat(sync(off, Map.of("sync_interval", 1, "sync_interval_unit", "minutes")).syncInterval).isEqualTo(1);
        Catalog hours = CATALOG.withScheduleFloor(new ScheduleFloor(Duration.ofHours(2)));
        assertThatThrownBy(() -> sync(hours, Map.of("cron_expression", "0 0 2,3 * * ?")))
                .hasMessageContaining("fires as often as every 1 hour, more often than the floor of 2 hours");
    }
}
