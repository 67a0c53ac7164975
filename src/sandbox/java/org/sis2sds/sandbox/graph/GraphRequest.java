package org.sis2sds.sandbox.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.sis2sds.sandbox.QueryString;
import org.sis2sds.sandbox.entra.AccessToken;

/**
 * One Graph request as a service sees it: the method, the OData segments after the service's registered path,
 * the query, the verified token, and helpers for the body and for permission checks.
 */
public final class GraphRequest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpExchange exchange;
    private final List<ODataPath.Segment> segments;
    private final Map<String, String> query;
    private final AccessToken token;
    private final String baseUrl;
    private final String servicePath;
    private byte[] body;

    GraphRequest(HttpExchange exchange, List<ODataPath.Segment> segments, AccessToken token, String baseUrl,
                 String servicePath) {
        this.exchange = exchange;
        this.segments = segments;
        this.query = QueryString.parse(exchange.getRequestURI().getRawQuery());
        this.token = token;
        this.baseUrl = baseUrl;
        this.servicePath = servicePath;
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    /** The segments after the registered path ({@code []} for the path itself). */
    public List<ODataPath.Segment> segments() {
        return segments;
    }

    public int size() {
        return segments.size();
    }

    /** Segment {@code i}'s name, or "" past the end. */
    public String seg(int i) {
        return i < segments.size() ? segments.get(i).name() : "";
    }

    /** True when segment {@code i} is {@code name} (case-insensitive, any of Graph's spellings). */
    public boolean is(int i, String name) {
        return i < segments.size() && segments.get(i).is(name);
    }

    /** The function parameters of segment {@code i} ({@code f(a=1)}), or an empty map. */
    public Map<String, String> params(int i) {
        return i < segments.size() ? segments.get(i).params() : Map.of();
    }

    public Map<String, String> query() {
        return query;
    }

    public String query(String name) {
        return query.get(name);
    }

    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    public AccessToken token() {
        return token;
    }

    /** {@code http(s)://127.0.0.1:PORT}: for nextLinks and Location headers. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The full URL of the service's registered path, e.g. {@code http://127.0.0.1:18082/beta/education/...}. */
    public String serviceUrl() {
        return baseUrl + servicePath;
    }

    public byte[] body() throws IOException {
        if (body == null) {
            body = exchange.getRequestBody().readAllBytes();
        }
        return body;
    }

    /** The body as JSON; a 400 {@link GraphError} when it is empty or not JSON. */
    public JsonNode json() throws IOException {
        byte[] b = body();
        if (b.length == 0) {
            throw GraphError.badRequest("The request body is empty.");
        }
        try {
            JsonNode n = JSON.readTree(b);
            if (n == null || n.isMissingNode()) {
                throw GraphError.badRequest("The request body is empty.");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw GraphError.badRequest("The request body is not valid JSON.");
        }
    }

    /**
     * Refuses the call with 403 unless the token carries one of {@code permissions} (application roles), naming
     * what is missing as Graph does.
     */
    public void requireAny(String... permissions) {
        if (token != null && token.hasAny(permissions)) {
            return;
        }
        String roles = token == null ? "" : String.join(" ", token.roles());
        throw new GraphError(403, "Authorization_RequestDenied", "Missing role permissions on the request. API "
                + "requires one of '" + String.join(", ", permissions) + "'. Roles on the request '" + roles + "'.");
    }

    /** Refuses any method other than {@code allowed} with 405. */
    public void requireMethod(String... allowed) {
        for (String m : allowed) {
            if (m.equals(method())) {
                return;
            }
        }
        throw GraphError.methodNotAllowed(method());
    }

    /** A non-negative integer query option ({@code $top}, {@code $skip}), or {@code def}. */
    public int intQuery(String key, int def) {
        String v = query.get(key);
        if (v == null) {
            return def;
        }
        try {
            return Math.max(0, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            throw GraphError.badRequest("Invalid value '" + v + "' for the query option " + key + ".");
        }
    }
}
