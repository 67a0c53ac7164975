package org.sis2sds.industrydata;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's statistics ({@code getStatistics}), in the shape sis2sds records them in report.json, the run history,
 * the API and the metrics: the run's status, the inbound totals, and per entity (organizations, people, groups,
 * memberships) the active, inactive and total counts of this flow's activity (or the totals when the run has no
 * activity for it).
 *
 * @param runId    SDS's run id
 * @param status   the run's status
 * @param errors   records dropped (inbound totals, or this flow's activity)
 * @param warnings values dropped
 * @param entities entity → {active, inactive, total}
 */
public record RunStatistics(String runId, String status, long errors, long warnings,
                            Map<String, Map<String, Long>> entities) {
    public static final List<String> ENTITIES = List.of("organizations", "people", "groups", "memberships");

    /** From a getStatistics answer; the flow's activity (by id or display name) when there is one. */
    public static RunStatistics of(JsonNode n, Graph.Flow flow) {
        JsonNode totals = n.path("inboundTotals");
        JsonNode mine = null;
        for (JsonNode a : n.path("activityStatistics")) {
            if (!a.path("people").isObject()) {
                continue; // the documented sample's role counts, not an inboundActivityResults
            }
            boolean ours = flow != null && (flow.id().equals(a.path("activityId").asText(null))
                    || flow.displayName().equals(a.path("displayName").asText(null)));
            if (ours || (mine == null && n.path("activityStatistics").size() == 1)) {
                mine = a;
            }
        }
        Map<String, Map<String, Long>> ents = new LinkedHashMap<>();
        for (String e : ENTITIES) {
            Map<String, Long> m = new LinkedHashMap<>();
            if (mine != null && mine.path(e).isObject()) {
                m.put("active", mine.path(e).path("active").asLong());
                m.put("inactive", mine.path(e).path("inactive").asLong());
                m.put("total", mine.path(e).path("total").asLong());
            } else {
                m.put("active", totals.path(e).asLong());
                m.put("inactive", null);
                m.put("total", totals.path(e).asLong());
            }
            ents.put(e, m);
        }
        long errors = mine != null && mine.has("errors") ? mine.path("errors").asLong() : totals.path("errors").asLong();
        long warnings = mine != null && mine.has("warnings") ? mine.path("warnings").asLong()
                : totals.path("warnings").asLong();
        return new RunStatistics(n.path("runId").asText(""), n.path("status").asText(""), errors, warnings, ents);
    }

    /** For report.json and the API: {runId, status, errors, warnings, entities}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", runId);
        m.put("status", status);
        m.put("errors", errors);
        m.put("warnings", warnings);
        m.put("entities", entities);
        return m;
    }

    public void print(PrintWriter out) {
        out.println("Run " + runId + ": " + status + ", " + errors + " error(s), " + warnings + " warning(s)");
        out.printf("  %-14s %10s %10s %10s%n", "entity", "active", "inactive", "total");
        entities.forEach((e, m) -> out.printf("  %-14s %10s %10s %10s%n", e, fmt(m.get("active")),
                fmt(m.get("inactive")), fmt(m.get("total"))));
        out.flush();
    }

    private static String fmt(Long v) {
        return v == null ? "-" : String.format(java.util.Locale.ROOT, "%,d", v);
    }
}
