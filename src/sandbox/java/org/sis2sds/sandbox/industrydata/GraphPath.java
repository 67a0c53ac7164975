package org.sis2sds.sandbox.industrydata;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request path under {@code /external/industryData} reduced to plain tokens, so that every spelling research §1.2
 * lists reaches one handler: {@code dataConnectors('id')} and {@code dataConnectors/id} are the same, an optional
 * {@code microsoft.graph.industryData.} prefix and trailing {@code ()} are dropped, bound operations match in any
 * case ({@code GetUploadSession}), and the type cast {@code microsoft.graph.industryData.azureDataLakeConnector} is
 * skipped. Function parameters ({@code getUploadSession(resetSession=true)}) are kept.
 */
public record GraphPath(List<String> tokens, Map<String, String> params) {
    static final Set<String> OPERATIONS = Set.of("getuploadsession", "validate", "start", "getstatistics", "reset");
    private static final String NS = "microsoft.graph.industrydata.";
    private static final Pattern KEY = Pattern.compile("^([A-Za-z.$]+)\\('([^']*)'\\)$");
    private static final Pattern CALL = Pattern.compile("^([A-Za-z.]+)\\(([^)]*)\\)$");
    private static final Set<String> CASTS = Set.of("azuredatalakeconnector", "onerosterapidataconnector",
            "inboundfileflow", "inboundapiflow");

    /** Parses a raw (percent-encoded) path after {@code /external/industryData}. */
    public static GraphPath parse(String rawPath) {
        Builder b = new Builder();
        for (String raw : rawPath.split("/")) {
            if (raw.isEmpty()) {
                continue;
            }
            String s = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            Matcher k = KEY.matcher(s);
            Matcher c = CALL.matcher(s);
            if (k.matches()) {
                b.add(k.group(1), Map.of());
                b.add(k.group(2), Map.of());
            } else if (c.matches()) {
                Map<String, String> params = new LinkedHashMap<>();
                for (String p : c.group(2).split(",")) {
                    int eq = p.indexOf('=');
                    if (eq > 0) {
                        params.put(p.substring(0, eq).trim(), unquote(p.substring(eq + 1).trim()));
                    }
                }
                b.add(c.group(1), params);
            } else {
                b.add(s, Map.of());
            }
        }
        return b.build();
    }

    /** Collects segments (already split into names, keys and parameters) into a path. */
    public static final class Builder {
        private final List<String> tokens = new ArrayList<>();
        private final Map<String, String> params = new LinkedHashMap<>();

        /** Adds one segment: a collection, key, navigation, type cast (skipped) or operation with parameters. */
        public Builder add(String segment, Map<String, String> parameters) {
            String bare = segment.toLowerCase(Locale.ROOT).startsWith(NS) ? segment.substring(NS.length()) : segment;
            if (!CASTS.contains(bare.toLowerCase(Locale.ROOT))) {
                tokens.add(name(bare));
                params.putAll(parameters);
            }
            return this;
        }

        public GraphPath build() {
            return new GraphPath(List.copyOf(tokens), Map.copyOf(params));
        }
    }

    private static String name(String s) {
        String n = s.toLowerCase(Locale.ROOT).startsWith(NS) ? s.substring(NS.length()) : s;
        String lower = n.toLowerCase(Locale.ROOT);
        return OPERATIONS.contains(lower) ? lower : n;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1) : v;
    }

    int size() {
        return tokens.size();
    }

    String at(int i) {
        return i < tokens.size() ? tokens.get(i) : null;
    }

    /** Whether the tokens are exactly these, where "*" stands for any one id (not an operation, not $count). */
    boolean is(String... pattern) {
        if (pattern.length != tokens.size()) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            String t = tokens.get(i);
            boolean ok = "*".equals(pattern[i]) ? !OPERATIONS.contains(t) && !"$count".equals(t) : pattern[i].equals(t);
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
