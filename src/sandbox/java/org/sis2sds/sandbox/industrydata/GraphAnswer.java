package org.sis2sds.sandbox.industrydata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The service's answer: a status, extra headers and a JSON body (null for none) or a plain-text body
 * ({@code /$count}).
 */
public record GraphAnswer(int status, Map<String, String> headers, JsonNode json, String text) {

    static GraphAnswer json(int status, JsonNode body) {
        return new GraphAnswer(status, new LinkedHashMap<>(), body, null);
    }

    static GraphAnswer empty(int status) {
        return new GraphAnswer(status, new LinkedHashMap<>(), null, null);
    }

    static GraphAnswer text(String text) {
        return new GraphAnswer(200, new LinkedHashMap<>(), null, text);
    }

    GraphAnswer header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
