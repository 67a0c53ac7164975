package org.sis2sds.sandbox.industrydata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sis2sds.sandbox.graph.GraphError;
import org.sis2sds.sandbox.graph.GraphResponse;

/**
 * Which handler answers which request (research §8.1): the collections with list, create, get, patch, delete and
 * {@code /$count}; navigation ({@code dataConnectors/{id}/sourceSystem}, {@code inboundFlows/{id}/dataConnector},
 * {@code .../year}); the bound operations in every spelling ({@link GraphPath}); and each route's permission.
 */
final class Routes {
    private static final Set<String> READ_ONLY = Set.of("operations", "runs", "roleGroups");
    private final IndustryDataService s;
    private final Map<String, EntitySet> sets;

    Routes(IndustryDataService s) {
        this.s = s;
        this.sets = Map.of("sourceSystems", s.sourceSystems, "dataConnectors", s.dataConnectors, "years", s.years,
                "inboundFlows", s.inboundFlows, "operations", s.operations, "runs", s.runs,
                "referenceDefinitions", s.referenceDefinitions, "roleGroups", s.roleGroups,
                "outboundProvisioningFlowSets", s.flowSets);
    }

    GraphResponse answer(GraphCall c) {
        GraphPath p = c.path();
        String m = c.method();
        if (p.size() == 0) {
            allow(c, "GET");
            need(c, Permissions.ALL.toArray(String[]::new));
            ObjectNode root = Bodies.JSON.createObjectNode();
            root.put("@odata.context", c.graphBase() + "/$metadata#external/industryData/$entity");
            root.put("@odata.type", SetupResources.NS + "industryDataRoot");
            root.put("id", "industryData");
            return GraphResponse.json(200, root);
        }
        String coll = p.at(0);
        EntitySet set = sets.get(coll);
        if (set == null) {
            throw unknown(p.at(0));
        }
        if (p.is("dataConnectors", "*", "getuploadsession")) {
            allow(c, "GET");
            need(c, Permissions.UPLOAD, "IndustryData-DataConnector.ReadWrite.All");
            boolean reset = "true".equalsIgnoreCase(p.params().getOrDefault("resetSession",
                    c.query().getOrDefault("resetSession", "false")));
            return GraphResponse.json(200, s.uploads.session(c, s.dataConnectors.get(p.at(1)), reset));
        }
        if (p.is("dataConnectors", "*", "validate") || p.is("inboundFlows", "*", "dataConnector", "validate")) {
            allow(c, "POST");
            need(c, Permissions.UPLOAD, "IndustryData-DataConnector.ReadWrite.All");
            ObjectNode connector = coll.equals("dataConnectors") ? s.dataConnectors.get(p.at(1))
                    : s.dataConnectors.get(s.inboundFlows.get(p.at(1)).path("_dataConnector").asText());
            String op = s.uploads.validate(c, connector);
            return GraphResponse.empty(202).header("Location", c.base() + "/operations/" + op);
        }
        if (coll.equals("runs") && p.size() > 1 && !p.is("runs", "$count")) {
            return runs(c, p);
        }
        if (p.is("dataConnectors", "*", "sourceSystem")) {
            return nav(c, s.dataConnectors.get(p.at(1)), "_sourceSystem", s.sourceSystems);
        }
        if (p.is("inboundFlows", "*", "dataConnector")) {
            return nav(c, s.inboundFlows.get(p.at(1)), "_dataConnector", s.dataConnectors);
        }
        if (p.is("inboundFlows", "*", "year")) {
            return nav(c, s.inboundFlows.get(p.at(1)), "_year", s.years);
        }
        if (coll.equals("outboundProvisioningFlowSets") && p.size() > 2) {
            return OutboundFlows.answer(this, c, p);
        }
        if (p.is(coll)) {
            if ("POST".equals(m) && !READ_ONLY.contains(coll)) {
                need(c, Permissions.forCollection(coll, true));
                String id = "referenceDefinitions".equals(coll) ? refId(c) : s.newId();
                if (set.find(id) != null) {
                    throw new GraphError(409, "Conflict", "The " + set.what() + " '" + id + "' already exists.");
                }
                ObjectNode n = s.setup.build(set, Bodies.parse(c.body()), null, id);
                set.put(id, n);
                return GraphResponse.json(201, entity(c, set, n));
            }
            allow(c, "GET");
            need(c, Permissions.forCollection(coll, false));
            return GraphResponse.json(200, ODataQuery.page(rendered(c, set), c.query(),
                    c.graphBase() + "/$metadata#external/industryData/" + coll, c.base() + "/" + coll, s.o.pageSize));
        }
        if (p.is(coll, "$count")) {
            allow(c, "GET");
            need(c, Permissions.forCollection(coll, false));
            return GraphResponse.text(200, String.valueOf(ODataQuery.count(rendered(c, set), c.query())));
        }
        if (p.is(coll, "*")) {
            return item(c, set, p.at(1));
        }
        throw unknown(String.join("/", p.tokens()));
    }

    private GraphResponse item(GraphCall c, EntitySet set, String id) {
        String coll = set.name();
        ObjectNode old = set.get(id);
        switch (c.method()) {
            case "GET" -> {
                need(c, Permissions.forCollection(coll, false));
                return GraphResponse.json(200, entity(c, set, old));
            }
            case "PATCH" -> {
                refuseReadOnly(set);
                need(c, Permissions.forCollection(coll, true));
                ObjectNode n = s.setup.build(set, Bodies.parse(c.body()), old, id);
                set.put(id, n);
                return s.o.patchStatus == 200 ? GraphResponse.json(200, entity(c, set, n)) : GraphResponse.empty(204);
            }
            case "DELETE" -> {
                refuseReadOnly(set);
                need(c, Permissions.forCollection(coll, true));
                if (set == s.referenceDefinitions) {
                    old.put("isDisabled", true);
                    old.put("lastModifiedDateTime", s.now().toString());
                    set.touched();
                } else {
                    set.remove(id);
                }
                return GraphResponse.empty(204);
            }
            default -> throw notAllowed(c.method());
        }
    }

    private GraphResponse runs(GraphCall c, GraphPath p) {
        if (p.is("runs", "start")) {
            allow(c, "POST");
            need(c, Permissions.RUN_START);
            s.runEngine.start(s.now());
            s.advance();
            return GraphResponse.empty(202);
        }
        allow(c, "GET");
        need(c, Permissions.RUN_READ, Permissions.RUN_START);
        if (p.is("runs", "getstatistics")) {
            ObjectNode latest = null;
            for (ObjectNode r : s.runs.all()) {
                if (latest == null || r.path("startDateTime").asText().compareTo(
                        latest.path("startDateTime").asText()) >= 0) {
                    latest = r;
                }
            }
            if (latest == null) {
                throw new GraphError(404, "ResourceNotFound", "There is no run yet.");
            }
            return GraphResponse.json(200, statistics(c, latest));
        }
        ObjectNode run = s.runs.get(p.at(1));
        if (p.is("runs", "*")) {
            return GraphResponse.json(200, entity(c, s.runs, run));
        }
        if (p.is("runs", "*", "getstatistics")) {
            return GraphResponse.json(200, statistics(c, run));
        }
        List<ObjectNode> acts = new ArrayList<>();
        run.withArray("_activities").forEach(a -> acts.add(strip((ObjectNode) a)));
        String ctx = c.graphBase() + "/$metadata#external/industryData/runs('" + p.at(1) + "')/activities";
        if (p.is("runs", "*", "activities")) {
            return GraphResponse.json(200, ODataQuery.page(acts, c.query(), ctx,
                    c.base() + "/runs/" + p.at(1) + "/activities", s.o.pageSize));
        }
        if (p.is("runs", "*", "activities", "$count")) {
            return GraphResponse.text(200, String.valueOf(ODataQuery.count(acts, c.query())));
        }
        if (p.is("runs", "*", "activities", "*") || p.is("runs", "*", "activities", "*", "activity")) {
            ObjectNode raw = null;
            for (var a : run.withArray("_activities")) {
                if (a.path("id").asText().equals(p.at(3))) {
                    raw = (ObjectNode) a;
                }
            }
            if (raw == null) {
                throw EntitySet.notFound("industryDataRunActivity", p.at(3));
            }
            if (p.size() == 4) {
                ObjectNode n = strip(raw);
                n.put("@odata.context", ctx + "/$entity");
                return GraphResponse.json(200, n);
            }
            need(c, Permissions.forCollection("inboundFlows", false));
            return GraphResponse.json(200, entity(c, s.inboundFlows, s.inboundFlows.get(raw.path("_flow").asText())));
        }
        throw unknown(String.join("/", p.tokens()));
    }

    private ObjectNode statistics(GraphCall c, ObjectNode run) {
        ObjectNode out = Bodies.JSON.createObjectNode();
        out.put("@odata.context", c.graphBase() + "/$metadata#microsoft.graph.industryData.industryDataRunStatistics");
        out.setAll(s.runEngine.statistics(run));
        return out;
    }

    private GraphResponse nav(GraphCall c, ObjectNode from, String link, EntitySet target) {
        allow(c, "GET");
        need(c, Permissions.forCollection(target.name(), false));
        return GraphResponse.json(200, entity(c, target, target.get(from.path(link).asText())));
    }

    /** An entity answer: rendered, with {@code @odata.context}, {@code $select} and {@code $expand} applied. */
    ObjectNode entity(GraphCall c, EntitySet set, ObjectNode n) {
        ObjectNode out = Bodies.JSON.createObjectNode();
        out.put("@odata.context", c.graphBase() + "/$metadata#external/industryData/" + set.name() + "/$entity");
        out.setAll(ODataQuery.select(render(c, set, n), ODataQuery.select(c.query())));
        return out;
    }

    private List<ObjectNode> rendered(GraphCall c, EntitySet set) {
        List<ObjectNode> l = new ArrayList<>();
        set.all().forEach(n -> l.add(render(c, set, n)));
        return l;
    }

    /** What a client sees of a stored entity now: hidden fields gone, computed ones filled, $expand applied. */
    ObjectNode render(GraphCall c, EntitySet set, ObjectNode n) {
        if (set == s.operations) {
            return s.uploads.render(n, s.now());
        }
        ObjectNode out = strip(n);
        if (set == s.inboundFlows) {
            out.put("readinessStatus", s.readiness(n, s.now()));
            expand(c, out, n, "dataConnector", s.dataConnectors);
            expand(c, out, n, "year", s.years);
        } else if (set == s.dataConnectors) {
            expand(c, out, n, "sourceSystem", s.sourceSystems);
        }
        return out;
    }

    private void expand(GraphCall c, ObjectNode out, ObjectNode stored, String nav, EntitySet target) {
        String e = c.query().getOrDefault("$expand", "");
        for (String part : e.split(",")) {
            if (part.trim().equals(nav)) {
                ObjectNode t = target.find(stored.path("_" + nav).asText());
                out.set(nav, t == null ? Bodies.JSON.nullNode() : render(c, target, t));
            }
        }
    }

    static ObjectNode strip(ObjectNode n) {
        ObjectNode out = n.deepCopy();
        for (Iterator<String> it = out.fieldNames(); it.hasNext(); ) {
            if (it.next().startsWith("_")) {
                it.remove();
            }
        }
        return out;
    }

    private String refId(GraphCall c) {
        ObjectNode b = Bodies.parse(c.body());
        return Bodies.required(b, "referenceType", 100) + "-" + Bodies.required(b, "code", 100);
    }

    void need(GraphCall c, String... anyOf) {
        Permissions.require(c.caller(), s.o.checkScopes, anyOf);
    }

    static void allow(GraphCall c, String method) {
        if (!method.equals(c.method())) {
            throw notAllowed(c.method());
        }
    }

    private static void refuseReadOnly(EntitySet set) {
        if (READ_ONLY.contains(set.name())) {
            throw new GraphError(405, "MethodNotAllowed", "The " + set.name() + " collection is read-only.");
        }
    }

    static GraphError notAllowed(String method) {
        return GraphError.methodNotAllowed(method);
    }

    static GraphError unknown(String segment) {
        return GraphError.noSegment(segment);
    }

    IndustryDataService service() {
        return s;
    }

    Instant now() {
        return s.now();
    }
}
