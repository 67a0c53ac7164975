package org.sis2sds.sandbox.industrydata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;
import org.sis2sds.support.TestPaths;

/** The industryData sandbox's settings: the shipped defaults, overrides, and one sentence naming a bad key. */
class IndustryDataOptionsTest {
    static Settings with(Map<String, String> m) {
        return Settings.load(TestPaths.home(), m);
    }

    @Test
    void the_shipped_file_gives_the_documented_defaults() {
        IndustryDataOptions o = IndustryDataOptions.fromSettings(with(Map.of()));
        assertThat(o.sessionLifetime).isEqualTo(Duration.ofHours(14));
        assertThat(o.scheduleInterval).isEqualTo(Duration.ofHours(12));
        assertThat(o.effectiveSkipWindow()).isEqualTo(Duration.ofHours(10));
        assertThat(o.startQuota).isEqualTo(5);
        assertThat(o.uploadRunsPerDay).isEqualTo(6);
        assertThat(o.startRefusalStatus).isEqualTo(429);
    }

    @Test
    void an_accelerated_schedule_scales_the_skip_window() {
        IndustryDataOptions o = IndustryDataOptions.fromSettings(with(Map.of(
                IndustryDataOptions.PREFIX + "schedule-interval", "1m", IndustryDataOptions.PREFIX + "start-quota", "2")));
        assertThat(o.effectiveSkipWindow()).isEqualTo(Duration.ofSeconds(50));
        assertThat(o.startQuota).isEqualTo(2);
    }

    @Test
    void a_bad_value_names_its_key() {
        assertThatThrownBy(() -> IndustryDataOptions.fromSettings(with(Map.of(
                IndustryDataOptions.PREFIX + "start-refusal-status", "418"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sis2sds.sds.sandbox.industrydata.start-refusal-status");
        assertThatThrownBy(() -> IndustryDataOptions.fromSettings(with(Map.of(
                IndustryDataOptions.PREFIX + "schedule-interval", "0s"))))
                .hasMessageContaining("schedule-interval");
    }
}
