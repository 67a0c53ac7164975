package org.sis2sds.sandbox.graph;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request path as OData segments, with the spellings Graph clients use folded into one (research industrydata.md
 * §1.2): {@code name()} and {@code name} are the same function; {@code items('{id}')} and {@code items({id})} are
 * {@code items/{id}}; {@code microsoft.graph.x} and {@code microsoft.graph.industryData.x} (function names and type
 * casts) are {@code x}; {@code f(a=1,b='x')} is {@code f} with parameters. Segments are URL-decoded.
 */
public final class ODataPath {
    /** One segment: its name and, for a function call, its parameters. */
    public record Segment(String name, Map<String, String> params) {
        public boolean is(String other) {
            return name.equalsIgnoreCase(other);
        }
    }

    private ODataPath() {
    }

    public static List<Segment> parse(String rawPath) {
        List<Segment> out = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (raw.isEmpty()) {
                continue;
            }
            String s = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            int open = s.indexOf('(');
            if (open > 0 && s.endsWith(")")) {
                String name = unqualify(s.substring(0, open));
                String inner = s.substring(open + 1, s.length() - 1).trim();
                if (inner.isEmpty()) {
                    out.add(new Segment(name, Map.of()));
                } else if (inner.contains("=")) {
                    out.add(new Segment(name, params(inner)));
                } else {
                    out.add(new Segment(name, Map.of()));
                    out.add(new Segment(unquote(inner), Map.of()));
                }
            } else {
                out.add(new Segment(unqualify(s), Map.of()));
            }
        }
        return out;
    }

    /** {@code microsoft.graph.industryData.getUploadSession} → {@code getUploadSession}. */
    static String unqualify(String s) {
        if (s.regionMatches(true, 0, "microsoft.graph.", 0, 16)) {
            return s.substring(s.lastIndexOf('.') + 1);
        }
        return s;
    }

    private static Map<String, String> params(String inner) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : inner.split(",")) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                m.put(p.substring(0, eq).trim(), unquote(p.substring(eq + 1).trim()));
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1)
                .replace("''", "'") : v;
    }
}
