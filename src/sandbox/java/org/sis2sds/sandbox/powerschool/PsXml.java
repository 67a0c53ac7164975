package org.sis2sds.sandbox.powerschool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * PowerSchool's {@code /ws/v1} speaks XML as well as JSON (its JSON is an XML mapping: {@code @expansions}
 * attributes, a plural wrapper around repeated singular elements). A request whose {@code Accept} asks for XML and
 * not JSON gets the same document as XML: objects are elements, {@code @name} keys attributes, arrays repeated
 * elements of the key's name.
 */
final class PsXml {
    /** Whether the request this thread answers asked for XML (exchange attributes are shared by the context). */
    static final ThreadLocal<Boolean> ASKED = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PsXml() {
    }

    /** True when the request's Accept names XML and not JSON. */
    static boolean wanted(HttpExchange ex) {
        String accept = ex.getRequestHeaders().getFirst("Accept");
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return (a.contains("application/xml") || a.contains("text/xml")) && !a.contains("json");
    }

    static byte[] fromJson(byte[] json) throws IOException {
        JsonNode root = JSON.readTree(json);
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        if (root.isObject() && root.size() == 1) {
            Map.Entry<String, JsonNode> e = root.fields().next();
            element(b, e.getKey(), e.getValue());
        } else {
            element(b, "response", root);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void element(StringBuilder b, String name, JsonNode v) {
        if (v.isArray()) {
            v.forEach(item -> element(b, name, item));
            return;
        }
        b.append('<').append(name);
        if (v.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().startsWith("@")) {
                    b.append(' ').append(e.getKey().substring(1)).append("=\"").append(esc(e.getValue().asText()))
                            .append('"');
                }
            }
            b.append('>');
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().startsWith("@")) {
                    element(b, e.getKey(), e.getValue());
                }
            }
        } else if (v.isNull()) {
            b.append('>');
        } else {
            b.append('>').append(esc(v.asText()));
        }
        b.append("</").append(name).append('>');
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
