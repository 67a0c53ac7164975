package org.sis2sds.sandbox.industrydata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sis2sds.sandbox.graph.GraphError;

/**
 * The OData list options the service honours on every collection: {@code $filter} (comparisons {@code eq ne gt ge
 * lt le} of a property with a quoted string, a number, true/false or null, joined by {@code and}), {@code $orderby}
 * (properties, asc/desc), {@code $skip}, {@code $top}, {@code $count=true}, {@code $select}, and server-driven paging
 * with {@code @odata.nextLink} ({@code $skiptoken}). {@code $search} is accepted and ignored.
 */
final class ODataQuery {
    private static final Pattern CLAUSE = Pattern.compile(
            "^\\s*([A-Za-z@.]+)\\s+(eq|ne|gt|ge|lt|le)\\s+('(?:[^']|'')*'|-?[0-9.]+|true|false|null)\\s*$");
    private static final Pattern AND = Pattern.compile("\\s+and\\s+", Pattern.CASE_INSENSITIVE);

    private ODataQuery() {
    }

    /** One page of a collection as Graph answers it. */
    static ObjectNode page(List<ObjectNode> all, Map<String, String> q, String context, String selfUrl, int pageSize) {
        List<ObjectNode> items = new ArrayList<>(all);
        String filter = q.get("$filter");
        if (filter != null && !filter.isBlank()) {
            items.removeIf(filter(filter).negate());
        }
        String orderBy = q.get("$orderby");
        if (orderBy != null && !orderBy.isBlank()) {
            items.sort(order(orderBy));
        }
        int count = items.size();
        int skip = number(q, "$skip", 0);
        int top = number(q, "$top", Integer.MAX_VALUE);
        List<ObjectNode> window = items.subList(Math.min(skip, count), (int) Math.min(count, (long) skip + top));
        int from = number(q, "$skiptoken", 0);
        int to = Math.min(window.size(), from + pageSize);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("@odata.context", context);
        if ("true".equalsIgnoreCase(q.get("$count"))) {
            out.put("@odata.count", count);
        }
        if (to < window.size()) {
            out.put("@odata.nextLink", nextLink(selfUrl, q, to));
        }
        Set<String> select = select(q);
        window.subList(Math.min(from, window.size()), to).forEach(n -> out.withArray("value").add(select(n, select)));
        out.withArray("value");
        return out;
    }

    /** How many items {@code $filter} keeps ({@code /$count}). */
    static int count(List<ObjectNode> all, Map<String, String> q) {
        String filter = q.get("$filter");
        return filter == null || filter.isBlank() ? all.size() : (int) all.stream().filter(filter(filter)).count();
    }

    /** The {@code $select}ed properties (empty = all). */
    static Set<String> select(Map<String, String> q) {
        Set<String> s = new LinkedHashSet<>();
        String v = q.get("$select");
        if (v != null) {
            for (String p : v.split(",")) {
                if (!p.isBlank()) {
                    s.add(p.trim());
                }
            }
        }
        return s;
    }

    static ObjectNode select(ObjectNode n, Set<String> props) {
        if (props.isEmpty()) {
            return n;
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        n.fields().forEachRemaining(e -> {
            if (props.contains(e.getKey()) || e.getKey().startsWith("@odata.") || "id".equals(e.getKey())) {
                o.set(e.getKey(), e.getValue());
            }
        });
        return o;
    }

    private static int number(Map<String, String> q, String key, int def) {
        String v = q.get(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw GraphError.badRequest("Invalid value '" + v + "' for query option " + key
                    + ": a whole number of at least 0 is expected.");
        }
    }

    private static String nextLink(String selfUrl, Map<String, String> q, int token) {
        StringBuilder b = new StringBuilder(selfUrl).append('?');
        for (Map.Entry<String, String> e : q.entrySet()) {
            if (!"$skiptoken".equals(e.getKey())) {
                b.append(enc(e.getKey())).append('=').append(enc(e.getValue())).append('&');
            }
        }
        return b.append("$skiptoken=").append(token).toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$");
    }

    private static Predicate<ObjectNode> filter(String expr) {
        Predicate<ObjectNode> all = n -> true;
        for (String part : AND.split(expr.trim())) {
            Matcher m = CLAUSE.matcher(part);
            if (!m.matches()) {
                throw GraphError.badRequest("Invalid filter clause: '" + part.trim() + "'. The sandbox supports "
                        + "'property eq|ne|gt|ge|lt|le value' joined by 'and'.");
            }
            String prop = m.group(1);
            String op = m.group(2);
            String lit = m.group(3);
            all = all.and(n -> compare(n.path(prop), lit, op));
        }
        return all;
    }

    private static boolean compare(JsonNode v, String lit, String op) {
        if ("null".equals(lit)) {
            boolean isNull = v.isMissingNode() || v.isNull();
            return "eq".equals(op) == isNull;
        }
        String want = lit.startsWith("'") ? lit.substring(1, lit.length() - 1).replace("''", "'") : lit;
        String have = v.isMissingNode() || v.isNull() ? null : v.asText();
        int c;
        if (have == null) {
            c = -1;
        } else if (v.isNumber() && !lit.startsWith("'")) {
            c = Double.compare(v.asDouble(), Double.parseDouble(want));
        } else if (v.isTextual() && lit.startsWith("'")) {
            c = have.compareTo(want);
        } else {
            c = have.toLowerCase(Locale.ROOT).compareTo(want.toLowerCase(Locale.ROOT));
        }
        return switch (op) {
            case "eq" -> have != null && c == 0;
            case "ne" -> have == null || c != 0;
            case "gt" -> have != null && c > 0;
            case "ge" -> have != null && c >= 0;
            case "lt" -> have != null && c < 0;
            default -> have != null && c <= 0;
        };
    }

    private static Comparator<ObjectNode> order(String spec) {
        Comparator<ObjectNode> cmp = null;
        for (String part : spec.split(",")) {
            String[] w = part.trim().split("\\s+");
            String prop = w[0];
            boolean desc = w.length > 1 && "desc".equalsIgnoreCase(w[1]);
            Comparator<ObjectNode> c = Comparator.comparing(n -> key(n.path(prop)),
                    Comparator.nullsFirst(Comparator.<String>naturalOrder()));
            if (desc) {
                c = c.reversed();
            }
            cmp = cmp == null ? c : cmp.thenComparing(c);
        }
        return cmp;
    }

    private static String key(JsonNode v) {
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        return v.isNumber() ? String.format(Locale.ROOT, "%020.6f", v.asDouble() + 1e12) : v.asText();
    }
}
