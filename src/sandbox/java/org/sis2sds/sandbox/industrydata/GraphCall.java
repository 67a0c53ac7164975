package org.sis2sds.sandbox.industrydata;

import java.util.Map;
import java.util.Set;

/**
 * One Graph request as the industryData service sees it, independent of the HTTP server that carried it.
 *
 * @param method    GET, POST, PATCH, DELETE
 * @param path      the path after {@code /beta/external/industryData} as tokens ({@link GraphPath})
 * @param query     decoded query parameters
 * @param body      the request body ("" when none)
 * @param graphBase the Graph base URL as the client reached it, e.g. {@code http://127.0.0.1:18082/beta}
 * @param caller    who is calling (tenant and application permissions from the token)
 */
public record GraphCall(String method, GraphPath path, Map<String, String> query, String body, String graphBase,
        Caller caller) {

    /** The caller of a request: the token's tenant and its application permissions ({@code roles}). */
    public record Caller(String tenantId, Set<String> roles) {
    }

    String base() {
        return graphBase + "/external/industryData";
    }
}
