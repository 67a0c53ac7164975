package org.sis2sds.sandbox.industrydata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.sis2sds.sandbox.graph.GraphResponse;

/**
 * {@code outboundProvisioningFlowSets/{id}/provisioningFlows[/{fid}[/reset]]} (research §1.11): plain CRUD kept
 * inside the set, and reset answering 204. Not needed for ingestion; served so that a client's listing works.
 */
final class OutboundFlows {
    private OutboundFlows() {
    }

    static GraphResponse answer(Routes r, GraphCall c, GraphPath p) {
        IndustryDataService s = r.service();
        ObjectNode set = s.flowSets.get(p.at(1));
        ObjectNode flows = (ObjectNode) set.get("_flows");
        String base = c.base() + "/outboundProvisioningFlowSets/" + p.at(1) + "/provisioningFlows";
        String ctx = c.graphBase() + "/$metadata#external/industryData/outboundProvisioningFlowSets('" + p.at(1)
                + "')/provisioningFlows";
        if (p.is("outboundProvisioningFlowSets", "*", "provisioningFlows")) {
            if ("POST".equals(c.method())) {
                r.need(c, Permissions.forCollection("outboundProvisioningFlowSets", true));
                String id = s.newId();
                ObjectNode n = s.setup.provisioningFlow(Bodies.parse(c.body()), null, id);
                flows.set(id, n);
                return GraphResponse.json(201, withContext(ctx + "/$entity", n));
            }
            Routes.allow(c, "GET");
            r.need(c, Permissions.forCollection("outboundProvisioningFlowSets", false));
            List<ObjectNode> all = new ArrayList<>();
            flows.elements().forEachRemaining(n -> all.add((ObjectNode) n));
            return GraphResponse.json(200, ODataQuery.page(all, c.query(), ctx, base, s.o.pageSize));
        }
        if (p.is("outboundProvisioningFlowSets", "*", "provisioningFlows", "$count")) {
            Routes.allow(c, "GET");
            r.need(c, Permissions.forCollection("outboundProvisioningFlowSets", false));
            return GraphResponse.text(200, String.valueOf(flows.size()));
        }
        String fid = p.at(3);
        ObjectNode flow = fid == null ? null : (ObjectNode) flows.get(fid);
        if (flow == null || p.size() > 5) {
            throw flow == null && fid != null ? EntitySet.notFound("provisioningFlow", fid)
                    : Routes.unknown(String.join("/", p.tokens()));
        }
        if (p.size() == 5) {
            if (!"reset".equals(p.at(4))) {
                throw Routes.unknown(p.at(4));
            }
            Routes.allow(c, "POST");
            r.need(c, Permissions.forCollection("outboundProvisioningFlowSets", true));
            flow.put("lastModifiedDateTime", s.now().toString());
            return GraphResponse.empty(204);
        }
        switch (c.method()) {
            case "GET" -> {
                r.need(c, Permissions.forCollection("outboundProvisioningFlowSets", false));
                return GraphResponse.json(200, withContext(ctx + "/$entity", flow));
            }
            case "PATCH" -> {
                r.need(c, Permissions.forCollection("outboundProvisioningFlowSets", true));
                flows.set(fid, s.setup.provisioningFlow(Bodies.parse(c.body()), flow, fid));
                return GraphResponse.empty(204);
            }
            case "DELETE" -> {
                r.need(c, Permissions.forCollection("outboundProvisioningFlowSets", true));
                flows.remove(fid);
                return GraphResponse.empty(204);
            }
            default -> throw Routes.notAllowed(c.method());
        }
    }

    private static ObjectNode withContext(String ctx, ObjectNode n) {
        ObjectNode out = Bodies.JSON.createObjectNode();
        out.put("@odata.context", ctx);
        out.setAll(n);
        return out;
    }
}
