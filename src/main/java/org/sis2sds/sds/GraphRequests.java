package org.sis2sds.sds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.Supplier;

/** What every Microsoft Graph call of the SDS clients (Classic, industryData, the token) builds and reads alike. */
public final class GraphRequests {
    private GraphRequests() {
    }

    /**
     * A JSON request, built again for every attempt: {@code Accept: application/json}, the body (or an empty one for
     * a POST), and {@code extraHeaders} as name, value pairs.
     */
    public static Supplier<HttpRequest.Builder> json(String method, URI uri, byte[] payload, Duration timeout,
                                                     String... extraHeaders) {
        return () -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
            for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
                b.header(extraHeaders[i], extraHeaders[i + 1]);
            }
            if (payload != null) {
                b.header("Content-Type", "application/json");
                b.method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
            } else {
                b.method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("")
                        : HttpRequest.BodyPublishers.noBody());
            }
            return b;
        };
    }

    /** An answer's JSON; an empty object when there is none or it is not JSON. */
    public static JsonNode parse(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode n = json.readTree(body);
            return n == null ? json.createObjectNode() : n;
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
