package org.sis2sds.sandbox.industrydata;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Graph error answer: thrown by a handler, rendered once as {@code {"error":{"code","message","innerError"}}} with
 * the request-id and date (research §1.13, §8.1).
 */
public final class GraphFailure extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public GraphFailure(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static GraphFailure badRequest(String message) {
        return new GraphFailure(400, "BadRequest", message);
    }

    static GraphFailure notFound(String what, String id) {
        return new GraphFailure(404, "ResourceNotFound", "The " + what + " with id '" + id + "' was not found.");
    }

    GraphFailure header(String name, String value) {
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
