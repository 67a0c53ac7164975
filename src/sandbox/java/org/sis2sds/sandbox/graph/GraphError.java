package org.sis2sds.sandbox.graph;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Graph error answer: HTTP status, OData error {@code code} and {@code message}, optional extra headers
 * (e.g. {@code Retry-After}). The server writes {@code {"error":{"code","message","innerError":{...}}}}.
 */
public final class GraphError extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public GraphError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static GraphError badRequest(String message) {
        return new GraphError(400, "BadRequest", message);
    }

    public static GraphError notFound(String message) {
        return new GraphError(404, "itemNotFound", message);
    }

    public static GraphError conflict(String message) {
        return new GraphError(409, "Conflict", message);
    }

    /** 404 for a path no service knows (Graph's wording). */
    public static GraphError noSegment(String segment) {
        return new GraphError(404, "UnknownResource", "Resource not found for the segment '" + segment + "'.");
    }

    public static GraphError methodNotAllowed(String method) {
        return new GraphError(405, "notAllowed", "Method " + method + " is not allowed for this resource.");
    }

    public GraphError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
