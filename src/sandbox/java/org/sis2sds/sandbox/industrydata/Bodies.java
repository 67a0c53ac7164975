package org.sis2sds.sandbox.industrydata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sis2sds.sandbox.graph.GraphError;

/** Reading request bodies: JSON, required and bounded strings, dates, times and {@code @odata.bind} links. */
final class Bodies {
    static final ObjectMapper JSON = new ObjectMapper();

    private Bodies() {
    }

    static ObjectNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw GraphError.badRequest("The request needs a JSON body.");
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (!(n instanceof ObjectNode o)) {
                throw GraphError.badRequest("The request body must be a JSON object.");
            }
            return o;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw GraphError.badRequest("The request body is not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ".");
        } catch (IOException e) {
            throw GraphError.badRequest("The request body could not be read.");
        }
    }

    /** A required string property, at most {@code max} characters. */
    static String required(JsonNode body, String prop, int max) {
        String v = optional(body, prop, max);
        if (v == null || v.isBlank()) {
            throw GraphError.badRequest("The property '" + prop + "' is required.");
        }
        return v;
    }

    /** An optional string property (null when absent), at most {@code max} characters. */
    static String optional(JsonNode body, String prop, int max) {
        JsonNode v = body.get(prop);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw GraphError.badRequest("The property '" + prop + "' must be a string.");
        }
        if (v.asText().length() > max) {
            throw GraphError.badRequest("The property '" + prop + "' is longer than " + max + " characters.");
        }
        return v.asText();
    }

    /** An Edm.Date ({@code YYYY-MM-DD}). */
    static LocalDate date(JsonNode body, String prop) {
        String v = required(body, prop, 10);
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw GraphError.badRequest("The property '" + prop + "' must be a date such as 2025-08-01, not '"
                    + v + "'.");
        }
    }

    /**
     * A DateTimeOffset in UTC: offsets are normalized to {@code Z} (research §1.8) and a bare date means midnight
     * UTC (Postman sends one). Null when absent.
     */
    static Instant time(JsonNode body, String prop) {
        String v = optional(body, prop, 40);
        if (v == null) {
            return null;
        }
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw GraphError.badRequest("The property '" + prop + "' must be an ISO 8601 date and time such as "
                    + "2025-08-01T00:00:00Z, not '" + v + "'.");
        }
    }

    /**
     * The id an {@code nav@odata.bind} link (absolute or relative, {@code coll/id} or {@code coll('id')}) or a nested
     * {@code nav: {"id": ...}} names, or null when the body has neither.
     */
    static String bound(JsonNode body, String nav, String collection) {
        JsonNode link = body.get(nav + "@odata.bind");
        if (link != null && link.isTextual()) {
            Matcher m = Pattern.compile("(?:^|/)" + Pattern.quote(collection) + "(?:\\('([^']+)'\\)|/([^/?()]+))")
                    .matcher(link.asText());
            if (!m.find()) {
                throw GraphError.badRequest("The link " + nav + "@odata.bind '" + link.asText()
                        + "' does not name an item of " + collection + ".");
            }
            return m.group(1) != null ? m.group(1) : m.group(2);
        }
        JsonNode nested = body.path(nav).path("id");
        return nested.isTextual() ? nested.asText() : null;
    }
}
