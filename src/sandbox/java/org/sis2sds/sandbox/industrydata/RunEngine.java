package org.sis2sds.sandbox.industrydata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sis2sds.sandbox.graph.GraphError;

/**
 * Runs (research §3, §8.2): tenant-wide, one at a time, one activity per inbound flow. A run is asked for by a
 * validated upload (within {@code run-delay}; at most {@code upload-runs-per-day} a UTC day), by the schedule (every
 * {@code schedule-interval}, ticks at multiples of it since the epoch) or by {@code runs/start} (at most
 * {@code start-quota} successful starts per {@code start-quota-window}; one skips the next scheduled run due within
 * the skip window). A run processes each ready flow's latest validated snapshot with {@link RecordCheck}; a flow past
 * its window is skipped. Statistics count kept records as active and records seen before but absent now as
 * inactive, per flow.
 */
final class RunEngine {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'Run' yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final List<String> ENTITIES = List.of("organizations", "people", "groups", "memberships");
    private static final List<String> ORDER = List.of("completed", "completedWithWarnings", "completedWithErrors",
            "failed");

    private record Pending(Instant due, String trigger) {
    }

    private final IndustryDataService s;
    private final List<Pending> queue = new ArrayList<>();
    private final Deque<Instant> starts = new ArrayDeque<>();
    private final Map<LocalDate, Integer> uploadRuns = new HashMap<>();
    /** Per flow, per file: every key ever kept (for inactive counts) and the keys kept by the last run. */
    private final Map<String, Map<String, KeySet>> everSeen = new HashMap<>();
    private final Map<String, Map<String, KeySet>> lastActive = new HashMap<>();
    private final Map<String, RecordCheck.Result> checked = new HashMap<>();
    private ObjectNode current;
    private Instant currentEnd;
    private Instant nextTick;
    private Instant skipTick;

    RunEngine(IndustryDataService s, Instant now) {
        this.s = s;
        long every = s.o.scheduleInterval.toMillis();
        this.nextTick = Instant.ofEpochMilli((now.toEpochMilli() / every + 1) * every);
    }

    /** The earliest instant something happens by itself, or null. */
    Instant nextEvent() {
        Instant t = nextTick;
        if (current != null) {
            t = currentEnd.isBefore(t) ? currentEnd : t;
        } else {
            for (Pending p : queue) {
                t = p.due.isBefore(t) ? p.due : t;
            }
        }
        return t;
    }

    /** Carries out whatever is due at {@code t} (the event loop calls this in time order). */
    void fire(Instant t) {
        if (current != null && !currentEnd.isAfter(t)) {
            finish(t);
            return;
        }
        if (current == null) {
            Pending due = queue.stream().filter(p -> !p.due.isAfter(t)).min(Comparator.comparing(Pending::due))
                    .orElse(null);
            if (due != null) {
                queue.remove(due);
                begin(t, due.trigger);
                return;
            }
        }
        if (!nextTick.isAfter(t)) {
            if (nextTick.equals(skipTick)) {
                skipTick = null;
            } else if (!s.inboundFlows.all().isEmpty()) {
                queue.add(new Pending(nextTick, "schedule"));
            }
            nextTick = nextTick.plus(s.o.scheduleInterval);
        }
    }

    /** A validation without errors finished at {@code at}: a run follows unless today's quota is used up. */
    void uploadValidated(String connectorId, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        int used = uploadRuns.getOrDefault(day, 0);
        if (used < s.o.uploadRunsPerDay) {
            uploadRuns.put(day, used + 1);
            queue.add(new Pending(at.plus(s.o.runDelay), "upload"));
        }
    }

    /** runs/start: a run now (after the one in progress), or the quota refusal. */
    void start(Instant now) {
        Instant cutoff = now.minus(s.o.startQuotaWindow);
        while (!starts.isEmpty() && !starts.peekFirst().isAfter(cutoff)) {
            starts.removeFirst();
        }
        if (starts.size() >= s.o.startQuota) {
            Instant allowed = starts.peekFirst().plus(s.o.startQuotaWindow);
            long wait = Math.max(1, (Duration.between(now, allowed).toMillis() + 999) / 1000);
            String msg = "The industry data service allows up to " + s.o.startQuota + " successful on-demand runs "
                    + "every " + human(s.o.startQuotaWindow) + "; the next start is allowed at " + allowed + ".";
            GraphError f = switch (s.o.startRefusalStatus) {
                case 409 -> new GraphError(409, "Conflict", msg);
                case 400 -> new GraphError(400, "BadRequest", msg);
                default -> new GraphError(429, "TooManyRequests", msg);
            };
            throw f.header("Retry-After", String.valueOf(wait));
        }
        starts.addLast(now);
        queue.add(new Pending(now, "onDemand"));
        if (!nextTick.isAfter(now.plus(s.o.effectiveSkipWindow()))) {
            skipTick = nextTick;
        }
    }

    private static String human(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " hours" : d.toSeconds() + " seconds";
    }

    private void begin(Instant t, String trigger) {
        String id = s.newId();
        ObjectNode run = Bodies.JSON.createObjectNode();
        run.put("@odata.type", SetupResources.NS + "industryDataRun");
        run.put("id", id);
        run.put("displayName", NAME.format(t));
        run.put("startDateTime", t.toString());
        run.putNull("endDateTime");
        run.put("status", "running");
        run.putNull("blockingError");
        run.put("_trigger", trigger);
        ArrayNode acts = run.putArray("_activities");
        for (ObjectNode flow : s.inboundFlows.all()) {
            acts.add(activity(flow, t));
        }
        s.runs.put(id, run);
        current = run;
        currentEnd = t.plus(s.o.runDuration);
    }

    private ObjectNode activity(ObjectNode flow, Instant t) {
        ObjectNode a = Bodies.JSON.createObjectNode();
        a.put("@odata.type", SetupResources.NS + "inboundFlowActivity");
        a.put("id", s.newId());
        a.put("displayName", flow.path("displayName").asText());
        a.put("status", "inProgress");
        a.putNull("blockingError");
        a.put("_flow", flow.path("id").asText());
        String readiness = s.readiness(flow, t);
        Instant effective = Instant.parse(flow.path("effectiveDateTime").asText());
        String exp = flow.path("expirationDateTime").asText(null);
        Uploads.Snapshot snap = s.uploads.validated(flow.path("_dataConnector").asText());
        ObjectNode stats = zeroStats(a);
        if (!"ready".equals(readiness) || t.isBefore(effective) || exp != null && t.isAfter(Instant.parse(exp))
                || snap == null) {
            a.put("_final", "skipped");
        } else if (s.draw() < s.o.runFailureRate) {
            a.put("_final", "failed");
            a.set("_blockingError", FileCheck.publicError("InternalApplicationError", flow.path("id").asText(),
                    "There was an application error when trying to process: the sandbox's run-failure-rate."));
        } else {
            RecordCheck.Result r = check(snap);
            fill(stats, flow.path("id").asText(), snap.format(), r);
            a.put("_final", r.errors() > 0 ? "completedWithErrors" : r.warnings() > 0 ? "completedWithWarnings"
                    : "completed");
        }
        stats.put("status", a.path("_final").asText());
        a.set("_stats", stats);
        return a;
    }

    private RecordCheck.Result check(Uploads.Snapshot snap) {
        String key = snap.operationId() + "@" + s.referenceDefinitions.version();
        return checked.computeIfAbsent(key, k -> {
            try {
                return CsvFileSpec.V1.equals(snap.format()) ? V1RecordCheck.check(snap.dir(), snap.files())
                        : RecordCheck.check(s.lov, snap.files());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static ObjectNode zeroStats(ObjectNode activity) {
        ObjectNode n = Bodies.JSON.createObjectNode();
        n.put("@odata.type", SetupResources.NS + "inboundActivityResults");
        n.put("activityId", activity.path("id").asText());
        n.put("displayName", activity.path("displayName").asText());
        n.put("status", "inProgress");
        n.put("errors", 0);
        n.put("warnings", 0);
        for (String e : ENTITIES) {
            n.putObject(e).put("active", 0).put("inactive", 0).put("total", 0);
        }
        n.putArray("matchedPeopleByRole");
        n.putArray("unmatchedPeopleByRole");
        return n;
    }

    /** Counts for one flow; the flow's record history moves on (active now, inactive = seen before, absent now). */
    private void fill(ObjectNode stats, String flowId, String format, RecordCheck.Result r) {
        stats.put("errors", r.errors());
        stats.put("warnings", r.warnings());
        Map<String, KeySet> seen = everSeen.computeIfAbsent(flowId, k -> new HashMap<>());
        Map<String, KeySet> active = new LinkedHashMap<>();
        for (CsvFileSpec spec : CsvFileSpec.of(format)) {
            KeySet now = r.keys(spec.name());
            KeySet before = seen.getOrDefault(spec.name(), KeySet.EMPTY);
            if (!spec.entity().isEmpty()) {
                ObjectNode e = (ObjectNode) stats.get(spec.entity());
                int inactive = before.countNotIn(now);
                e.put("active", e.path("active").asInt() + now.size());
                e.put("inactive", e.path("inactive").asInt() + inactive);
                e.put("total", e.path("total").asInt() + now.size() + inactive);
            }
            seen.put(spec.name(), before.union(now));
            active.put(spec.name(), now);
        }
        lastActive.put(flowId, active);
        ArrayNode matched = stats.withArray("matchedPeopleByRole");
        r.matchedByRole().forEach((role, n) -> matched.addObject().put("role", role).put("count", n));
    }

    private void finish(Instant t) {
        ObjectNode run = current;
        current = null;
        String worst = null;
        ObjectNode blocking = null;
        for (var it = run.withArray("_activities").elements(); it.hasNext(); ) {
            ObjectNode a = (ObjectNode) it.next();
            String st = a.path("_final").asText();
            a.put("status", st);
            if (a.has("_blockingError")) {
                a.set("blockingError", a.get("_blockingError"));
                blocking = blocking == null ? (ObjectNode) a.get("_blockingError") : blocking;
            }
            if (!"skipped".equals(st) && (worst == null || ORDER.indexOf(st) > ORDER.indexOf(worst))) {
                worst = st;
            }
        }
        run.put("status", worst == null ? "completed" : worst);
        if ("failed".equals(worst)) {
            run.set("blockingError", blocking);
        }
        run.put("endDateTime", t.toString());
    }

    /** getStatistics of a run: zero counts while it runs. */
    ObjectNode statistics(ObjectNode run) {
        boolean running = "running".equals(run.path("status").asText());
        ObjectNode n = Bodies.JSON.createObjectNode();
        n.put("@odata.type", SetupResources.NS + "industryDataRunStatistics");
        n.put("runId", run.path("id").asText());
        n.put("status", run.path("status").asText());
        ObjectNode totals = n.putObject("inboundTotals");
        for (String k : new String[] {"errors", "warnings", "groups", "memberships", "organizations", "people"}) {
            totals.put(k, 0);
        }
        Map<String, Integer> matched = new LinkedHashMap<>();
        ArrayNode acts = n.putArray("activityStatistics");
        for (var it = run.withArray("_activities").elements(); it.hasNext(); ) {
            ObjectNode a = (ObjectNode) it.next();
            ObjectNode st = running ? zeroStats(a) : a.get("_stats").deepCopy();
            st.put("status", a.path("status").asText());
            acts.add(st);
            totals.put("errors", totals.path("errors").asInt() + st.path("errors").asInt());
            totals.put("warnings", totals.path("warnings").asInt() + st.path("warnings").asInt());
            for (String e : ENTITIES) {
                totals.put(e, totals.path(e).asInt() + st.path(e).path("active").asInt());
            }
            st.path("matchedPeopleByRole").forEach(m -> matched.merge(m.path("role").asText(),
                    m.path("count").asInt(), Integer::sum));
        }
        ArrayNode m = totals.putArray("matchedPeopleByRole");
        matched.forEach((role, c) -> m.addObject().put("role", role).put("count", c));
        totals.putArray("unmatchedPeopleByRole");
        return n;
    }

    /** The records a flow's last run kept and those it holds inactive, per file: {active, inactive}. */
    Map<String, int[]> recordStates(String flowId) {
        Map<String, int[]> m = new LinkedHashMap<>();
        Map<String, KeySet> seen = everSeen.getOrDefault(flowId, Map.of());
        Map<String, KeySet> active = lastActive.getOrDefault(flowId, Map.of());
        seen.forEach((file, all) -> {
            KeySet a = active.getOrDefault(file, KeySet.EMPTY);
            m.put(file, new int[] {a.size(), all.countNotIn(a)});
        });
        return m;
    }
}
