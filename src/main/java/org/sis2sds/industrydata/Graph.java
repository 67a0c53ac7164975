package org.sis2sds.industrydata;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The industryData resources sis2sds reads, as small records parsed from Graph's JSON. */
public final class Graph {
    private Graph() {
    }

    /** The collections under {@code /external/industryData}, with the application permission that writes them. */
    public enum Collection {
        SOURCE_SYSTEMS("sourceSystems", "source system definition", "IndustryData-SourceSystem.ReadWrite.All"),
        DATA_CONNECTORS("dataConnectors", "data connector", "IndustryData-DataConnector.ReadWrite.All"),
        YEARS("years", "year time period definition", "IndustryData-TimePeriod.ReadWrite.All"),
        INBOUND_FLOWS("inboundFlows", "inbound flow", "IndustryData-InboundFlow.ReadWrite.All"),
        OPERATIONS("operations", "validation operation", "IndustryData.ReadBasic.All"),
        RUNS("runs", "run", "IndustryData-Run.Read.All"),
        ROLE_GROUPS("roleGroups", "role group", "IndustryData.ReadBasic.All");

        public final String path;
        public final String noun;
        public final String permission;

        Collection(String path, String noun, String permission) {
            this.path = path;
            this.noun = noun;
            this.permission = permission;
        }
    }

    /** A fileUploadSession: the SAS folder files go to and when it stops being usable. */
    public record UploadSession(org.sis2sds.azure.SasUrl url, String containerId, Instant sessionExpires,
                                Instant containerExpires) {
    }

    /** An inbound flow with its data connector (resolved at every batch: ids change every school year). */
    public record Flow(String id, String displayName, String readiness, Instant effective, Instant expiration,
                       String connectorId, String year) {
        static Flow of(JsonNode n, String connectorId) {
            return new Flow(n.path("id").asText(), n.path("displayName").asText(""),
                    n.path("readinessStatus").asText("unknownFutureValue"), time(n, "effectiveDateTime"),
                    time(n, "expirationDateTime"), connectorId, n.path("year").path("displayName").asText(null));
        }

        public boolean expiredAt(Instant now) {
            return "expired".equalsIgnoreCase(readiness) || (expiration != null && now.isAfter(expiration));
        }
    }

    /** A fileValidateOperation. {@code succeeded} only says the check ran: the files passed when errors is empty. */
    public record Operation(String id, String status, List<JsonNode> errors, List<JsonNode> warnings,
                            List<String> validatedFiles, Instant created, String statusDetail, String resource) {
        static Operation of(JsonNode n) {
            List<String> files = new ArrayList<>();
            n.path("validatedFiles").forEach(f -> files.add(f.asText()));
            return new Operation(n.path("id").asText(""), n.path("status").asText("unknownFutureValue"),
                    list(n.path("errors")), list(n.path("warnings")), files, time(n, "createdDateTime"),
                    n.hasNonNull("statusDetail") ? n.get("statusDetail").asText() : null,
                    n.path("resourceLocation").asText(""));
        }

        public boolean isFinished() {
            return "succeeded".equalsIgnoreCase(status) || "failed".equalsIgnoreCase(status);
        }
    }

    /** An industryDataRun. */
    public record Run(String id, String displayName, String status, Instant start, Instant end, JsonNode blockingError) {
        static Run of(JsonNode n) {
            return new Run(n.path("id").asText(""), n.path("displayName").asText(""),
                    n.path("status").asText("unknownFutureValue"), time(n, "startDateTime"), time(n, "endDateTime"),
                    n.hasNonNull("blockingError") ? n.get("blockingError") : null);
        }

        /** completed, completedWithWarnings, completedWithErrors or failed (and an end time). */
        public boolean isTerminal() {
            return !"running".equalsIgnoreCase(status) && !"unknownFutureValue".equalsIgnoreCase(status);
        }
    }

    /** What {@code POST /runs/start} led to. */
    public enum Start { STARTED, REFUSED, UNKNOWN }

    static List<JsonNode> list(JsonNode arr) {
        List<JsonNode> out = new ArrayList<>();
        if (arr != null && arr.isArray()) {
            arr.forEach(out::add);
        }
        return out;
    }

    /** An ISO date-time with Z or an offset, or a bare date (midnight UTC); null when absent or unreadable. */
    static Instant time(JsonNode n, String key) {
        if (n == null || !n.hasNonNull(key)) {
            return null;
        }
        String v = n.get(key).asText();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
