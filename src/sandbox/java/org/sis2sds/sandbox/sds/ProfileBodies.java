package org.sis2sds.sandbox.sds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.sis2sds.sandbox.graph.GraphError;

/**
 * The body of a synchronization profile as SDS checks it and fills it in on create and update (research
 * sds-api.md §4.3), and as the API shows it (the client secret never echoed).
 */
final class ProfileBodies {
    static final String META = "https://graph.microsoft.com/beta/$metadata#";
    private static final List<String> TEACHER_DEFAULTS = List.of("State ID", "Teacher Number", "Status",
            "Middle Name", "Secondary Email", "Title", "Qualification");
    private static final List<String> ENTITIES = List.of("school", "section", "student", "teacher",
            "studentEnrollment", "teacherRoster");
    private static final String NO_DATE = "0001-01-01T00:00:00Z";
    private final ObjectMapper json = new ObjectMapper();

    /**
     * Checks a profile body and fills in what the service fills in; a 400 {@link GraphError} when it is not
     * acceptable. {@code previous}: the stored body on update (keeps a secret not sent again).
     */
    ObjectNode normalize(JsonNode in, ObjectNode previous) {
        if (!in.isObject()) {
            throw GraphError.badRequest("The request body must be a JSON object.");
        }
        ObjectNode b = ((ObjectNode) in).deepCopy();
        b.remove("id");
        b.remove("state");
        b.remove("@odata.context");
        if (b.path("displayName").asText("").isBlank()) {
            throw GraphError.badRequest("The property 'displayName' is required.");
        }
        JsonNode dp = b.get("dataProvider");
        if (dp == null || !dp.isObject()) {
            throw GraphError.badRequest("The property 'dataProvider' is required.");
        }
        String dpType = odataType(dp);
        if (dpType == null) {
            throw GraphError.badRequest("Invalid OData type specified: \"" + dp.path("@odata.type").asText("") + "\"");
        }
        ObjectNode provider = (ObjectNode) dp;
        provider.put("@odata.type", "#microsoft.graph." + dpType);
        switch (dpType) {
            case "educationCsvDataProvider" -> { }
            case "educationPowerSchoolDataProvider" -> {
                for (String req : List.of("connectionUrl", "clientId")) {
                    if (provider.path(req).asText("").isBlank()) {
                        throw GraphError.badRequest("The property '" + req + "' is required for a PowerSchool data "
                                + "provider.");
                    }
                }
                if (!provider.hasNonNull("clientSecret") && previous != null) {
                    JsonNode old = previous.path("dataProvider").get("clientSecret");
                    if (old != null) {
                        provider.set("clientSecret", old);
                    }
                }
            }
            case "educationOneRosterApiDataProvider" -> {
                if (provider.path("connectionUrl").asText("").isBlank()) {
                    throw GraphError.badRequest("The property 'connectionUrl' is required for a OneRoster data "
                            + "provider.");
                }
            }
            default -> throw GraphError.badRequest("Invalid OData type specified: \"" + dpType + "\"");
        }
        JsonNode id = b.get("identitySynchronizationConfiguration");
        if (id == null || !id.isObject()) {
            throw GraphError.badRequest("The property 'identitySynchronizationConfiguration' is required.");
        }
        String idType = odataType(id);
        if (!"educationIdentityCreationConfiguration".equals(idType)
                && !"educationIdentityMatchingConfiguration".equals(idType)) {
            throw GraphError.badRequest("Invalid OData type specified: \"" + id.path("@odata.type").asText("") + "\"");
        }
        ((ObjectNode) id).put("@odata.type", "#microsoft.graph." + idType);
        if (b.has("licensesToAssign") && b.get("licensesToAssign").isArray()) {
            for (JsonNode l : b.get("licensesToAssign")) {
                if (l.isObject()) {
                    ((ObjectNode) l).put("@odata.type", "microsoft.graph.educationSynchronizationLicenseAssignment");
                }
            }
        } else {
            b.putArray("licensesToAssign");
        }
        if (!b.has("handleSpecialCharacterConstraint")) {
            b.put("handleSpecialCharacterConstraint", false);
        }
        if (!b.has("expirationDate")) {
            b.putNull("expirationDate");
        }
        customizationDefaults(provider);
        return b;
    }

    /** Server-filled customization defaults (§4.3). */
    private static void customizationDefaults(ObjectNode provider) {
        ObjectNode cust = provider.has("customizations") && provider.get("customizations").isObject()
                ? (ObjectNode) provider.get("customizations") : provider.putObject("customizations");
        if (!cust.has("teacher")) {
            ArrayNode t = cust.putObject("teacher").putArray("optionalPropertiesToSync");
            TEACHER_DEFAULTS.forEach(t::add);
        }
        for (String e : ENTITIES) {
            JsonNode c = cust.get(e);
            if (c == null || !c.isObject()) {
                continue;
            }
            ObjectNode co = (ObjectNode) c;
            if (e.equals("studentEnrollment") || e.equals("teacherRoster")) {
                co.putArray("optionalPropertiesToSync");
            }
            if (!co.hasNonNull("synchronizationStartDate")) {
                co.put("synchronizationStartDate", NO_DATE);
            }
            if (!co.has("isSyncDeferred")) {
                co.put("isSyncDeferred", false);
            }
            if (!co.has("allowDisplayNameUpdate")) {
                co.put("allowDisplayNameUpdate", false);
            }
        }
    }

    /** The type name of an @odata.type in either form, or null for a foreign namespace. */
    private static String odataType(JsonNode n) {
        String t = n.path("@odata.type").asText("");
        if (t.startsWith("#")) {
            t = t.substring(1);
        }
        if (!t.startsWith("microsoft.graph.")) {
            return null;
        }
        return t.substring("microsoft.graph.".length());
    }

    /** The profile as the API shows it: id and state first, the client secret never echoed. */
    ObjectNode render(SandboxProfile p, String context) {
        ObjectNode r = json.createObjectNode();
        if (context != null) {
            r.put("@odata.context", META + context);
        }
        r.put("id", p.id);
        r.put("displayName", p.body.path("displayName").asText());
        r.put("state", p.state);
        p.body.fields().forEachRemaining(e -> {
            if (!r.has(e.getKey())) {
                r.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        JsonNode dp = r.get("dataProvider");
        if (dp instanceof ObjectNode d && d.has("clientSecret")) {
            d.putNull("clientSecret");
        }
        JsonNode cs = dp == null ? null : dp.get("connectionSettings");
        if (cs instanceof ObjectNode c && c.has("clientSecret")) {
            c.putNull("clientSecret");
        }
        return r;
    }
}
