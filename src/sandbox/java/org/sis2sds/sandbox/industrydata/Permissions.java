package org.sis2sds.sandbox.industrydata;

import java.util.Set;
import org.sis2sds.sandbox.graph.GraphError;

/**
 * The application permissions each industryData operation needs (research §1.12). A token without any of them is
 * answered 403 {@code Authorization_RequestDenied}, naming the least privileged permission that would do.
 */
final class Permissions {
    static final String READ_BASIC = "IndustryData.ReadBasic.All";
    static final String UPLOAD = "IndustryData-DataConnector.Upload";
    static final String RUN_READ = "IndustryData-Run.Read.All";
    static final String RUN_START = "IndustryData-Run.Start";

    /** Every permission the service knows (what the sandbox login grants by default). */
    static final Set<String> ALL = Set.of(READ_BASIC, UPLOAD, RUN_READ, RUN_START,
            "IndustryData-SourceSystem.Read.All", "IndustryData-SourceSystem.ReadWrite.All",
            "IndustryData-DataConnector.Read.All", "IndustryData-DataConnector.ReadWrite.All",
            "IndustryData-TimePeriod.Read.All", "IndustryData-TimePeriod.ReadWrite.All",
            "IndustryData-InboundFlow.Read.All", "IndustryData-InboundFlow.ReadWrite.All",
            "IndustryData-ReferenceDefinition.Read.All", "IndustryData-ReferenceDefinition.ReadWrite.All",
            "IndustryData-OutboundFlow.Read.All", "IndustryData-OutboundFlow.ReadWrite.All");

    private Permissions() {
    }

    /** The permissions that allow reading ({@code write=false}) or changing a collection; least privileged first. */
    static String[] forCollection(String collection, boolean write) {
        String area = switch (collection) {
            case "sourceSystems" -> "SourceSystem";
            case "dataConnectors" -> "DataConnector";
            case "years" -> "TimePeriod";
            case "inboundFlows" -> "InboundFlow";
            case "referenceDefinitions", "roleGroups" -> "ReferenceDefinition";
            case "outboundProvisioningFlowSets" -> "OutboundFlow";
            case "operations" -> null;
            case "runs" -> "Run";
            default -> "";
        };
        if (area == null) {
            return new String[] {READ_BASIC, UPLOAD, "IndustryData-DataConnector.Read.All",
                "IndustryData-DataConnector.ReadWrite.All"};
        }
        if ("Run".equals(area)) {
            return new String[] {RUN_READ, RUN_START};
        }
        String rw = "IndustryData-" + area + ".ReadWrite.All";
        if (write) {
            return new String[] {rw};
        }
        if ("ReferenceDefinition".equals(area)) {
            return new String[] {READ_BASIC, "IndustryData-" + area + ".Read.All", rw};
        }
        return new String[] {"IndustryData-" + area + ".Read.All", rw};
    }

    /** Throws the 403 unless the caller holds one of {@code anyOf}. */
    static void require(GraphCall.Caller caller, boolean check, String... anyOf) {
        if (!check || anyOf.length == 0) {
            return;
        }
        for (String p : anyOf) {
            if (caller.roles().contains(p)) {
                return;
            }
        }
        throw new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the "
                + "operation. The application needs the permission " + anyOf[0] + " (application, admin consent) "
                + (anyOf.length > 1 ? "or one of " + String.join(", ", java.util.Arrays.asList(anyOf).subList(1,
                        anyOf.length)) + " " : "") + "and the token has none of them.");
    }
}
