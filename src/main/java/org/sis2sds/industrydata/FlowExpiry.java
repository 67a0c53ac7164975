package org.sis2sds.industrydata;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.sis2sds.notify.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Year rollover: an inbound flow stops running at its expirationDateTime. Bean {@code flowExpiry} looks at every
 * flow the daemon publishes to (route {@code industrydata-expiry}, and the health check) and, once per flow and
 * stage, notifies people {@code expiry-warning} (30 days) before the end and again when it has expired, naming the
 * fix: {@code bin/sis2sds flow setup} for the next school year.
 */
public final class FlowExpiry {
    private static final Logger LOG = LoggerFactory.getLogger(FlowExpiry.class);

    /** What is known of one flow: its name, end, and whether it can still be read. */
    public record State(String flowId, String name, Instant expiration, String readiness, String problem) {
        public boolean expired(Instant now) {
            return "expired".equalsIgnoreCase(readiness) || (expiration != null && now.isAfter(expiration));
        }

        public boolean expiresWithin(Duration d, Instant now) {
            return expiration != null && !expired(now) && now.plus(d).isAfter(expiration);
        }

        public long daysLeft(Instant now) {
            return expiration == null ? Long.MAX_VALUE : Duration.between(now, expiration).toDays();
        }
    }

    private final Supplier<IndustryDataClient> client;
    private final Supplier<Set<String>> flows;
    private final Duration warning;
    private final Supplier<Notifier> notifier;
    private final Map<String, String> told = new ConcurrentHashMap<>();

    /**
     * @param client   made on first use
     * @param flows    the flows the daemon publishes to (empty: nothing is read)
     * @param notifier who to tell (its value may be null: nobody)
     */
    public FlowExpiry(Supplier<IndustryDataClient> client, Supplier<Set<String>> flows, Duration warning,
                      Supplier<Notifier> notifier) {
        this.client = client;
        this.flows = flows;
        this.warning = warning;
        this.notifier = notifier;
    }

    public Duration warning() {
        return warning;
    }

    /** Reads every flow now. */
    public List<State> states() {
        return flows.get().stream().map(this::state).toList();
    }

    private State state(String id) {
        try {
            Graph.Flow f = client.get().flow(id);
            return new State(id, f.displayName(), f.expiration(), f.readiness(), null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new State(id, null, null, null, e.getMessage());
        }
    }

    /** The timer's step: notifies (once per flow and stage) of a flow that expires soon or has expired. */
    public void check() {
        Instant now = Instant.now();
        for (State s : states()) {
            String stage = s.expired(now) ? "expired" : s.expiresWithin(warning, now) ? "expiring" : null;
            if (stage == null || stage.equals(told.get(s.flowId()))) {
                continue;
            }
            told.put(s.flowId(), stage);
            String text = message(s, now);
            LOG.warn(text);
            Notifier n = notifier.get();
            if (n != null) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("flowId", s.flowId());
                json.put("flowName", s.name());
                json.put("expirationDateTime", s.expiration() == null ? null : s.expiration().toString());
                json.put("message", text);
                n.notice("flow." + stage, "inbound flow \"" + s.name() + "\" " + (stage.equals("expired")
                        ? "has expired" : "expires in " + s.daysLeft(now) + " day(s)"), text + "\n", json);
            }
        }
    }

    /** One sentence: what is about to happen (or happened) and the fix. */
    public static String message(State s, Instant now) {
        String what = "Inbound flow \"" + s.name() + "\" (" + s.flowId() + ")";
        String fix = "run bin/sis2sds flow setup --name NAME --year-start YYYY-MM-DD --year-end YYYY-MM-DD for the "
                + "next school year and put the new flow id in " + IndustryDataSettings.P + "flow-id.";
        if (s.expired(now)) {
            return what + " has expired" + (s.expiration() == null ? "" : " (" + s.expiration() + ")")
                    + ", so SDS no longer runs it; " + fix;
        }
        return what + " expires on " + s.expiration() + " (in " + s.daysLeft(now) + " day(s)); after that SDS stops "
                + "running it: " + fix;
    }
}
