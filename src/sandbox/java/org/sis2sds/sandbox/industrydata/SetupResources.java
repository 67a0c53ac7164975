package org.sis2sds.sandbox.industrydata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.sis2sds.sandbox.graph.GraphError;

/**
 * What POST and PATCH accept for the one-time setup resources (research §1.3–§1.8, §1.10, §1.11) and how they are
 * stored: the documented properties only (unknown members are ignored), links from {@code @odata.bind} kept in
 * hidden {@code _} fields that are never rendered.
 */
final class SetupResources {
    static final String NS = "#microsoft.graph.industryData.";
    static final String ADLS = NS + "azureDataLakeConnector";
    static final String ONEROSTER = NS + "oneRosterApiDataConnector";
    static final String FILE_FLOW = NS + "inboundFileFlow";
    static final String API_FLOW = NS + "inboundApiFlow";

    private final IndustryDataService s;

    SetupResources(IndustryDataService s) {
        this.s = s;
    }

    /** The stored entity for a POST body ({@code old} null) or a PATCH merged over {@code old}. */
    ObjectNode build(EntitySet set, ObjectNode body, ObjectNode old, String id) {
        ObjectNode merged = old == null ? body : merge(old, body);
        ObjectNode n = switch (set.name()) {
            case "sourceSystems" -> sourceSystem(merged);
            case "dataConnectors" -> connector(merged, old);
            case "years" -> year(merged);
            case "inboundFlows" -> flow(merged, old);
            case "referenceDefinitions" -> referenceDefinition(merged, old);
            case "outboundProvisioningFlowSets" -> flowSet(merged, old);
            default -> throw new GraphError(405, "MethodNotAllowed", "The " + set.what() + " collection is "
                    + "read-only.");
        };
        ObjectNode out = Bodies.JSON.createObjectNode();
        if (n.has("@odata.type")) {
            out.set("@odata.type", n.remove("@odata.type"));
        }
        out.put("id", id);
        out.setAll(n);
        return out;
    }

    private static ObjectNode merge(ObjectNode old, ObjectNode patch) {
        ObjectNode m = old.deepCopy();
        patch.fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("_") && !"id".equals(e.getKey())) {
                m.set(e.getKey(), e.getValue());
            }
        });
        return m;
    }

    private ObjectNode sourceSystem(ObjectNode b) {
        ObjectNode n = Bodies.JSON.createObjectNode();
        n.put("@odata.type", NS + "sourceSystemDefinition");
        n.put("displayName", Bodies.required(b, "displayName", 100));
        n.put("vendor", Bodies.optional(b, "vendor", 100));
        ArrayNode settings = n.putArray("userMatchingSettings");
        ArrayNode groups = n.putArray("_roleGroups");
        for (JsonNode u : b.path("userMatchingSettings")) {
            ObjectNode o = settings.addObject();
            o.put("priorityOrder", u.path("priorityOrder").asInt(0));
            o.putObject("sourceIdentifier").put("code", code(u.path("sourceIdentifier"), "RefIdentifierType",
                    "sourceIdentifier"));
            o.putObject("matchTarget").put("code", code(u.path("matchTarget"), "RefUserMatchTarget", "matchTarget"));
            String group = Bodies.bound(u, "roleGroup", "roleGroups");
            if (group != null) {
                s.roleGroups.get(group);
            }
            groups.add(group);
        }
        return n;
    }

    private String code(JsonNode ref, String type, String prop) {
        String v = ref.path("code").asText("");
        if (v.isBlank()) {
            throw GraphError.badRequest("Each userMatchingSetting needs " + prop + ".code.");
        }
        String c = s.lov.canonical(type, v);
        if (c == null) {
            throw GraphError.badRequest("The value '" + v + "' of " + prop + ".code is not a " + type + " code.");
        }
        return c;
    }

    private ObjectNode connector(ObjectNode b, ObjectNode old) {
        String type = b.path("@odata.type").asText(old == null ? "" : old.path("@odata.type").asText());
        if (!type.startsWith("#")) {
            type = "#" + type;
        }
        if (!ADLS.equalsIgnoreCase(type) && !ONEROSTER.equalsIgnoreCase(type)) {
            throw GraphError.badRequest("industryDataConnector is abstract: set @odata.type to " + ADLS + " or "
                    + ONEROSTER + ".");
        }
        ObjectNode n = Bodies.JSON.createObjectNode();
        n.put("@odata.type", ADLS.equalsIgnoreCase(type) ? ADLS : ONEROSTER);
        n.put("displayName", Bodies.required(b, "displayName", 100));
        String source = Bodies.bound(b, "sourceSystem", "sourceSystems");
        if (source == null && old != null) {
            source = old.path("_sourceSystem").asText(null);
        }
        if (source == null) {
            throw GraphError.badRequest("A data connector needs sourceSystem@odata.bind naming its "
                    + "sourceSystemDefinition.");
        }
        s.sourceSystems.get(source);
        if (ADLS.equals(n.path("@odata.type").asText())) {
            String f = b.path("fileFormat").path("code").asText(CsvFileSpec.V21);
            if ("schoolDataSyncV2.1".equalsIgnoreCase(f) || CsvFileSpec.V21.equalsIgnoreCase(f)) {
                f = CsvFileSpec.V21;
            } else if (CsvFileSpec.V1.equalsIgnoreCase(f)) {
                f = CsvFileSpec.V1;
            } else {
                throw GraphError.badRequest("The fileFormat code '" + f + "' is not known: use "
                        + CsvFileSpec.V21 + " (SDS v2.1 CSV) or " + CsvFileSpec.V1 + " (SDS v1 CSV).");
            }
            n.putObject("fileFormat").put("code", f);
        } else {
            n.put("baseUrl", Bodies.required(b, "baseUrl", 2048));
            n.put("apiVersion", Bodies.optional(b, "apiVersion", 10));
            n.put("apiFormat", b.path("apiFormat").asText("oneRoster"));
            for (String flag : new String[] {"isContactsEnabled", "isDemographicsEnabled", "isFlagsEnabled"}) {
                n.put(flag, b.path(flag).asBoolean(false));
            }
            if (b.path("credential").isObject()) {
                ObjectNode cred = ((ObjectNode) b.get("credential")).deepCopy();
                cred.remove("clientSecret");
                cred.put("isValid", true);
                n.set("credential", cred);
            }
        }
        n.put("_sourceSystem", source);
        return n;
    }

    private ObjectNode year(ObjectNode b) {
        ObjectNode n = Bodies.JSON.createObjectNode();
        n.put("@odata.type", NS + "yearTimePeriodDefinition");
        n.put("displayName", Bodies.required(b, "displayName", 100));
        LocalDate start = Bodies.date(b, "startDate");
        LocalDate end = Bodies.date(b, "endDate");
        if (end.isBefore(start)) {
            throw GraphError.badRequest("The endDate " + end + " is before the startDate " + start + ".");
        }
        n.put("startDate", start.toString());
        n.put("endDate", end.toString());
        String code = b.path("year").path("code").asText("");
        if (!code.matches("[0-9]{4}")) {
            throw GraphError.badRequest("The property 'year' needs a code of four digits, such as {\"code\": \""
                    + start.getYear() + "\"}.");
        }
        n.putObject("year").put("code", code);
        return n;
    }

    private ObjectNode flow(ObjectNode b, ObjectNode old) {
        String type = b.path("@odata.type").asText("");
        if (!type.startsWith("#")) {
            type = "#" + type;
        }
        if (!FILE_FLOW.equalsIgnoreCase(type) && !API_FLOW.equalsIgnoreCase(type)) {
            throw GraphError.badRequest("inboundFlow is abstract: set @odata.type to " + FILE_FLOW + " or "
                    + API_FLOW + ".");
        }
        boolean file = FILE_FLOW.equalsIgnoreCase(type);
        ObjectNode n = Bodies.JSON.createObjectNode();
        n.put("@odata.type", file ? FILE_FLOW : API_FLOW);
        String domain = Bodies.required(b, "dataDomain", 40);
        if (!"educationRostering".equalsIgnoreCase(domain)) {
            throw GraphError.badRequest("The dataDomain '" + domain + "' is not supported; the only one is "
                    + "educationRostering.");
        }
        n.put("dataDomain", "educationRostering");
        n.put("displayName", Bodies.required(b, "displayName", 100));
        Instant effective = Bodies.time(b, "effectiveDateTime");
        if (effective == null) {
            throw GraphError.badRequest("The property 'effectiveDateTime' is required.");
        }
        Instant expiration = Bodies.time(b, "expirationDateTime");
        if (expiration != null && !expiration.isAfter(effective)) {
            throw GraphError.badRequest("The expirationDateTime " + expiration + " is not after the "
                    + "effectiveDateTime " + effective + ".");
        }
        n.put("effectiveDateTime", effective.toString());
        if (expiration == null) {
            n.putNull("expirationDateTime");
        } else {
            n.put("expirationDateTime", expiration.toString());
        }
        String connector = link(b, old, "dataConnector", "dataConnectors");
        ObjectNode c = s.dataConnectors.get(connector);
        if (file != ADLS.equals(c.path("@odata.type").asText())) {
            throw GraphError.badRequest("An " + (file ? "inboundFileFlow needs an azureDataLakeConnector"
                    : "inboundApiFlow needs a oneRosterApiDataConnector") + "; data connector " + connector
                    + " is " + c.path("@odata.type").asText().substring(NS.length()) + ".");
        }
        String year = link(b, old, "year", "years");
        s.years.get(year);
        n.put("_dataConnector", connector);
        n.put("_year", year);
        n.put("_created", old == null ? s.now().toString() : old.path("_created").asText());
        String readiness = b.path("readinessStatus").asText("");
        boolean disabled = old != null && old.path("_disabled").asBoolean();
        if ("disabled".equalsIgnoreCase(readiness)) {
            disabled = true;
        } else if ("ready".equalsIgnoreCase(readiness)) {
            disabled = false;
        }
        n.put("_disabled", disabled);
        return n;
    }

    private static String link(ObjectNode b, ObjectNode old, String nav, String collection) {
        String id = Bodies.bound(b, nav, collection);
        if (id == null && old != null) {
            id = old.path("_" + nav).asText(null);
        }
        if (id == null) {
            throw GraphError.badRequest("An inbound flow needs " + nav + "@odata.bind naming its "
                    + (nav.equals("year") ? "yearTimePeriodDefinition" : "data connector") + ".");
        }
        return id;
    }

    private ObjectNode referenceDefinition(ObjectNode b, ObjectNode old) {
        ObjectNode n = Bodies.JSON.createObjectNode();
        n.put("@odata.type", NS + "referenceDefinition");
        String type = Bodies.required(b, "referenceType", 100);
        String code = Bodies.required(b, "code", 100);
        if (old != null && (!type.equals(old.path("referenceType").asText())
                || !code.equals(old.path("code").asText()))) {
            throw GraphError.badRequest("The referenceType and code of a referenceDefinition cannot change.");
        }
        n.put("code", code);
        n.put("referenceType", type);
        n.put("displayName", b.path("displayName").asText(code));
        n.put("isDisabled", b.path("isDisabled").asBoolean(false));
        n.put("sortIndex", b.path("sortIndex").asInt(0));
        n.put("source", b.path("source").asText("Tenant"));
        String now = s.now().toString();
        n.put("createdDateTime", old == null ? now : old.path("createdDateTime").asText());
        n.put("lastModifiedDateTime", now);
        return n;
    }

    private ObjectNode flowSet(ObjectNode b, ObjectNode old) {
        ObjectNode n = Bodies.JSON.createObjectNode();
        n.put("@odata.type", NS + "outboundProvisioningFlowSet");
        n.put("displayName", Bodies.required(b, "displayName", 100));
        n.set("filter", b.path("filter").isObject() ? b.get("filter") : Bodies.JSON.nullNode());
        String now = s.now().toString();
        n.put("createdDateTime", old == null ? now : old.path("createdDateTime").asText());
        n.put("lastModifiedDateTime", now);
        n.set("_flows", old == null ? Bodies.JSON.createObjectNode() : old.get("_flows"));
        return n;
    }

    /** A provisioningFlow of an outbound set: plain CRUD, its @odata.type kept (§1.11). */
    ObjectNode provisioningFlow(ObjectNode b, ObjectNode old, String id) {
        ObjectNode n = old == null ? Bodies.JSON.createObjectNode() : old.deepCopy();
        String type = b.path("@odata.type").asText(old == null ? "" : old.path("@odata.type").asText());
        if (!type.toLowerCase(Locale.ROOT).endsWith("provisioningflow")) {
            throw GraphError.badRequest("provisioningFlow is abstract: set @odata.type to one of "
                    + NS + "userProvisioningFlow, classGroupProvisioningFlow, securityGroupProvisioningFlow or "
                    + "administrativeUnitProvisioningFlow.");
        }
        b.fields().forEachRemaining(e -> n.set(e.getKey(), e.getValue()));
        n.put("@odata.type", type.startsWith("#") ? type : "#" + type);
        n.put("id", id);
        String now = s.now().toString();
        n.put("createdDateTime", old == null ? now : old.path("createdDateTime").asText());
        n.put("lastModifiedDateTime", now);
        n.put("readinessStatus", "ready");
        return n;
    }
}
