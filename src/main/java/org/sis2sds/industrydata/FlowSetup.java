package org.sis2sds.industrydata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.sis2sds.sds.SdsException;

/**
 * One-time setup of the live SDS ingestion path (research industrydata.md §2.1), idempotent: every resource is first
 * looked for by its display name and created only when missing, so running it again never makes duplicates.
 * <ol>
 *   <li>sourceSystemDefinition {@code NAME} with the user-matching settings (staff and students);</li>
 *   <li>azureDataLakeConnector {@code NAME (v2.1)} or {@code NAME (v1)} (fileFormat schoolDataSyncV2Rev1 or
 *   schoolDataSyncV1);</li>
 *   <li>yearTimePeriodDefinition {@code NAME YYYY-YYYY} (year code: the ending year, as the SDS portal asks);</li>
 *   <li>inboundFileFlow {@code NAME YYYY-YYYY (v2.1)}, educationRostering, from now until the year's end date;</li>
 * </ol>
 * then waits until the flow's readinessStatus is {@code ready}.
 */
public final class FlowSetup {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final IndustryDataClient client;

    /** How users in the files are matched to Entra ID users (staff and students alike). */
    public record Matching(String source, String target, String domain) {
        public static final java.util.Set<String> SOURCES = java.util.Set.of("username", "email", "activeDirectory");
        public static final java.util.Set<String> TARGETS = java.util.Set.of("userPrincipalName", "mail");
    }

    /**
     * @param name      the base display name (at most 80 characters)
     * @param yearStart first day of the school year
     * @param yearEnd   last day of the school year; the flow expires then
     * @param format    {@code v2.1} or {@code v1}
     */
    public record Request(String name, LocalDate yearStart, LocalDate yearEnd, String format, Matching matching) {
        public Request {
            if (name == null || name.isBlank() || name.length() > 80) {
                throw new IllegalArgumentException("--name must be 1 to 80 characters");
            }
            if (!yearEnd.isAfter(yearStart)) {
                throw new IllegalArgumentException("--year-end must be after --year-start");
            }
            if (!format.equals("v2.1") && !format.equals("v1")) {
                throw new IllegalArgumentException("--format must be v2.1 or v1");
            }
        }

        String years() {
            return yearStart.getYear() + "-" + yearEnd.getYear();
        }

        String fileFormat() {
            return format.equals("v1") ? "schoolDataSyncV1" : "schoolDataSyncV2Rev1";
        }
    }

    /** The four ids, and for each whether this run created it (false: it was found). */
    public record Result(String sourceSystemId, String connectorId, String yearId, String flowId, String readiness,
                         Instant expiration, Map<String, Boolean> created) {
    }

    public FlowSetup(IndustryDataClient client) {
        this.client = client;
    }

    public Result run(Request r, Duration readyTimeout, Consumer<String> progress) throws IOException,
            InterruptedException {
        Map<String, Boolean> created = new LinkedHashMap<>();
        String source = findOrCreate(Graph.Collection.SOURCE_SYSTEMS, r.name(), () -> sourceSystem(r), created);
        progress.accept("source system   " + source + (created.get("sourceSystem") ? "  (created)" : "  (found)"));
        String connectorName = r.name() + " (" + r.format() + ")";
        String connector = findOrCreate(Graph.Collection.DATA_CONNECTORS, connectorName, () -> connector(r,
                connectorName, source), created);
        progress.accept("data connector  " + connector + (created.get("dataConnector") ? "  (created)" : "  (found)"));
        String yearName = r.name() + " " + r.years();
        String year = findOrCreate(Graph.Collection.YEARS, yearName, () -> year(r, yearName), created);
        progress.accept("year            " + year + (created.get("year") ? "  (created)" : "  (found)"));
        String flowName = yearName + " (" + r.format() + ")";
        String flow = findOrCreate(Graph.Collection.INBOUND_FLOWS, flowName, () -> flow(r, flowName, connector, year),
                created);
        progress.accept("inbound flow    " + flow + (created.get("inboundFlow") ? "  (created)" : "  (found)"));
        Graph.Flow f = awaitReady(flow, readyTimeout);
        return new Result(source, connector, year, flow, f.readiness(), f.expiration(), created);
    }

    private interface Body {
        ObjectNode get();
    }

    private String findOrCreate(Graph.Collection c, String displayName, Body body, Map<String, Boolean> created)
            throws IOException, InterruptedException {
        String key = switch (c) {
            case SOURCE_SYSTEMS -> "sourceSystem";
            case DATA_CONNECTORS -> "dataConnector";
            case YEARS -> "year";
            default -> "inboundFlow";
        };
        Optional<JsonNode> found = client.list(c).stream()
                .filter(n -> displayName.equals(n.path("displayName").asText(null))).findFirst();
        if (found.isPresent()) {
            check(c, found.get(), body.get());
            created.put(key, false);
            return found.get().path("id").asText();
        }
        JsonNode made = client.create(c, body.get());
        created.put(key, true);
        return made.path("id").asText();
    }

    /** A resource found by name must match what was asked (a year with other dates would be a silent mistake). */
    private static void check(Graph.Collection c, JsonNode found, ObjectNode wanted) throws SdsException {
        for (String field : new String[] {"startDate", "endDate"}) {
            if (wanted.has(field) && found.has(field) && !wanted.get(field).asText().equals(found.get(field).asText())) {
                throw new SdsException(0, "conflict", "SDS already has a " + c.noun + " named \""
                        + found.path("displayName").asText() + "\" with " + field + " " + found.get(field).asText()
                        + ", not " + wanted.get(field).asText() + "; use another --name or fix the dates.");
            }
        }
        String want = wanted.path("fileFormat").path("code").asText("");
        String have = found.path("fileFormat").path("code").asText("");
        if (!want.isEmpty() && !have.isEmpty() && !want.equals(have)) {
            throw new SdsException(0, "conflict", "SDS already has a data connector named \""
                    + found.path("displayName").asText() + "\" for " + have + ", not " + want + "; use another --name.");
        }
    }

    private ObjectNode sourceSystem(Request r) {
        ObjectNode n = JSON.createObjectNode().put("displayName", r.name()).put("vendor", "sis2sds");
        ArrayNode settings = n.putArray("userMatchingSettings");
        int order = 0;
        for (String group : new String[] {"staff", "students"}) {
            ObjectNode s = settings.addObject();
            s.putObject("sourceIdentifier").put("code", r.matching().source());
            s.putObject("matchTarget").put("code", r.matching().target());
            s.put("roleGroup@odata.bind", client.bindUrl(Graph.Collection.ROLE_GROUPS, group));
            s.put("priorityOrder", order++);
            if (r.matching().domain() != null && !r.matching().domain().isBlank()) {
                s.put("domainName", r.matching().domain());
            }
        }
        return n;
    }

    private ObjectNode connector(Request r, String name, String source) {
        ObjectNode n = JSON.createObjectNode().put("@odata.type", "#microsoft.graph.industryData.azureDataLakeConnector")
                .put("displayName", name)
                .put("sourceSystem@odata.bind", client.bindUrl(Graph.Collection.SOURCE_SYSTEMS, source));
        n.putObject("fileFormat").put("code", r.fileFormat());
        return n;
    }

    private static ObjectNode year(Request r, String name) {
        ObjectNode n = JSON.createObjectNode().put("displayName", name).put("startDate", r.yearStart().toString())
                .put("endDate", r.yearEnd().toString());
        n.putObject("year").put("code", String.valueOf(r.yearEnd().getYear()));
        return n;
    }

    private ObjectNode flow(Request r, String name, String connector, String year) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant end = r.yearEnd().atStartOfDay(ZoneOffset.UTC).toInstant();
        return JSON.createObjectNode().put("@odata.type", "#microsoft.graph.industryData.inboundFileFlow")
                .put("displayName", name).put("dataDomain", "educationRostering")
                .put("dataConnector@odata.bind", client.bindUrl(Graph.Collection.DATA_CONNECTORS, connector))
                .put("year@odata.bind", client.bindUrl(Graph.Collection.YEARS, year))
                .put("effectiveDateTime", now.toString())
                .put("expirationDateTime", end.toString());
    }

    /** Polls the flow until readinessStatus is ready; failed or expired, or the timeout, is an error. */
    public Graph.Flow awaitReady(String flowId, Duration timeout) throws IOException, InterruptedException {
        Instant until = Instant.now().plus(timeout);
        long wait = 200;
        while (true) {
            Graph.Flow f = client.flow(flowId);
            String st = f.readiness().toLowerCase(Locale.ROOT);
            if (st.equals("ready")) {
                return f;
            }
            if (st.equals("failed") || st.equals("expired") || st.equals("disabled")) {
                throw new SdsException(0, st, "Inbound flow " + flowId + " is " + f.readiness() + " in SDS; "
                        + (st.equals("expired") ? "run bin/sis2sds flow setup for the next school year."
                        : "check it in the SDS portal, or delete it (bin/sis2sds flow delete " + flowId + ") and run "
                        + "flow setup again."));
            }
            if (Instant.now().isAfter(until)) {
                throw new SdsException(0, "timeout", "Inbound flow " + flowId + " was still " + f.readiness()
                        + " after " + timeout.toSeconds() + " s; check it later with bin/sis2sds flow get " + flowId + ".");
            }
            Thread.sleep(wait);
            wait = Math.min(wait * 2, 5000);
        }
    }
}
