package org.sis2sds.industrydata;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the live SDS destination: every inbound flow the daemon publishes to can be read and has not expired
 * (else DOWN, naming the fix). Up to {@code expiry-warning} (30 days) before a flow ends it stays UP with a warning
 * (detail {@code warning}). Results are kept for an interval so probes never hammer Graph.
 */
public final class FlowHealthCheck extends AbstractHealthCheck {
    private final FlowExpiry expiry;
    private final Duration cacheFor;
    private volatile Instant checkedAt = Instant.EPOCH;
    private volatile List<FlowExpiry.State> last = List.of();

    public FlowHealthCheck(FlowExpiry expiry, Duration cacheFor) {
        super("sis2sds", "sds-flow");
        this.expiry = expiry;
        this.cacheFor = cacheFor;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (Instant.now().isAfter(checkedAt.plus(cacheFor))) {
            last = expiry.states();
            checkedAt = Instant.now();
        }
        Instant now = Instant.now();
        String down = null;
        String warn = null;
        for (FlowExpiry.State s : last) {
            builder.detail("flow." + s.flowId() + ".expires", s.expiration() == null ? "never" : s.expiration().toString());
            if (s.problem() != null) {
                down = down == null ? s.problem() : down;
            } else if (s.expired(now)) {
                down = down == null ? FlowExpiry.message(s, now) : down;
            } else if (s.expiresWithin(expiry.warning(), now)) {
                warn = warn == null ? FlowExpiry.message(s, now) : warn;
            }
        }
        if (down != null) {
            builder.message(down).down();
        } else if (warn != null) {
            builder.detail("warning", warn);
            builder.message("warning: " + warn).up();
        } else {
            builder.message(last.isEmpty() ? "no inbound flow configured" : "every inbound flow is ready").up();
        }
    }
}
