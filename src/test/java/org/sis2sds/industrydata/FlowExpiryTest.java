package org.sis2sds.industrydata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sis2sds.core.Settings;
import org.sis2sds.notify.Notifier;
import org.sis2sds.sds.SdsClientConfig;

/**
 * Year rollover: readiness stays UP with a warning once a flow expires within 30 days and goes DOWN when it has
 * expired, naming the fix; people are told once per flow and stage.
 */
class FlowExpiryTest {
    FakeIndustryData fake;
    IndustryDataClient client;
    final Set<String> flows = new LinkedHashSet<>();
    final List<String> told = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeIndustryData();
        client = new IndustryDataClient(SdsClientConfig.from(Settings.load(Path.of("."), fake.settings())));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    FlowExpiry expiry() {
        Notifier n = new Notifier(Settings.load(Path.of("."), Map.of()), null) {
            @Override
            public void notice(String event, String subject, String text, Map<String, Object> json) {
                told.add(event + ": " + text);
            }
        };
        return new FlowExpiry(() -> client, () -> flows, Duration.ofDays(30), () -> n);
    }

    HealthCheck.Result health(FlowExpiry e) {
        FlowHealthCheck check = new FlowHealthCheck(e, Duration.ZERO);
        check.setCamelContext(new DefaultCamelContext());
        return check.call(Map.of(HealthCheck.CHECK_ENABLED, true));
    }

    @Test
    void aFlowEndingWithinThirtyDaysWarnsAndAnExpiredOneIsDown() {
        flows.add(fake.seedFlow("District 2026-2027 (v2.1)", Instant.now().plus(Duration.ofDays(12)), "schoolDataSyncV2Rev1"));
        FlowExpiry e = expiry();
        HealthCheck.Result r = health(e);
        assertThat(r.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(String.valueOf(r.getDetails().get("warning"))).contains("expires on").contains("flow setup");
        e.check();
        e.check();
        assertThat(told).hasSize(1).first().asString().startsWith("flow.expiring").contains("in 11 day(s)");

        flows.add(fake.seedFlow("District 2025-2026 (v2.1)", Instant.now().minus(Duration.ofDays(1)), "schoolDataSyncV2Rev1"));
        r = health(e);
        assertThat(r.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(r.getMessage()).get().asString().contains("has expired").contains("bin/sis2sds flow setup");
        e.check();
        assertThat(told).hasSize(2);
        assertThat(told.get(1)).startsWith("flow.expired");
    }

    @Test
    void aFlowFarFromItsEndIsSimplyUp() {
        flows.add(fake.seedFlow("Fresh", Instant.now().plus(Duration.ofDays(200)), "schoolDataSyncV2Rev1"));
        HealthCheck.Result r = health(expiry());
        assertThat(r.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(r.getDetails()).doesNotContainKey("warning");
        assertThat(health(new FlowExpiry(() -> client, Set::of, Duration.ofDays(30), () -> null)).getState())
                .isEqualTo(HealthCheck.State.UP);
    }
}
