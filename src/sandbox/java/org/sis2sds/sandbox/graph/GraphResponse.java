package org.sis2sds.sandbox.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a {@link GraphService} answers: a status, a JSON (or text) body or none, and extra headers. */
public final class GraphResponse {
    private final int status;
    private final JsonNode json;
    private final byte[] bytes;
    private final String contentType;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private GraphResponse(int status, JsonNode json, byte[] bytes, String contentType) {
        this.status = status;
        this.json = json;
        this.bytes = bytes;
        this.contentType = contentType;
    }

    /** JSON with Graph's content type. */
    public static GraphResponse json(int status, JsonNode body) {
        return new GraphResponse(status, body, null, null);
    }

    public static GraphResponse ok(JsonNode body) {
        return json(200, body);
    }

    /** No body: 204 No Content, 202 Accepted, or 200 for Graph's bodiless actions. */
    public static GraphResponse empty(int status) {
        return new GraphResponse(status, null, null, null);
    }

    /** {@code text/plain}, e.g. the integer of a {@code /$count} segment. */
    public static GraphResponse text(int status, String text) {
        return new GraphResponse(status, null, text.getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    public GraphResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public JsonNode json() {
        return json;
    }

    public byte[] bytes() {
        return bytes;
    }

    public String contentType() {
        return contentType;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
