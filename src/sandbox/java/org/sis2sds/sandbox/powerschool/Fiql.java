package org.sis2sds.sandbox.powerschool;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of PowerSchool's modified FIQL ({@code q=}) the sandbox understands: {@code ==}, {@code =gt=},
 * {@code =ge=}, {@code =lt=}, {@code =le=}, {@code ;} (AND), list membership {@code field==(A,B)} and the {@code *}
 * wildcard in {@code ==} values. Selectors are dotted paths into the record. Numbers compare as numbers, everything
 * else as case-insensitive text (dates written YYYY-MM-DD compare correctly as text).
 */
public final class Fiql {
    private static final Pattern CLAUSE = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)(==|=gt=|=ge=|=lt=|=le=)(.*)");

    private Fiql() {
    }

    /** Thrown for a {@code q} the sandbox does not understand (answered with 400). */
    public static final class FiqlException extends RuntimeException {
        public FiqlException(String m) {
            super(m);
        }
    }

    public static Predicate<Map<String, Object>> parse(String q) {
        if (q == null || q.isBlank()) {
            return r -> true;
        }
        List<Predicate<Map<String, Object>>> all = new ArrayList<>();
        for (String clause : q.split(";")) {
            Matcher m = CLAUSE.matcher(clause.trim());
            if (!m.matches()) {
                throw new FiqlException("Invalid query expression: " + clause);
            }
            String path = m.group(1);
            String op = m.group(2);
            String value = m.group(3);
            List<String> values = new ArrayList<>();
            if (value.startsWith("(") && value.endsWith(")")) {
                if (!op.equals("==")) {
                    throw new FiqlException("A list is only allowed with ==: " + clause);
                }
                for (String v : value.substring(1, value.length() - 1).split(",")) {
                    values.add(v.trim());
                }
            } else {
                values.add(value);
            }
            all.add(r -> {
                String actual = lookup(r, path);
                if (actual == null) {
                    return false;
                }
                for (String v : values) {
                    if (test(actual, op, v)) {
                        return true;
                    }
                }
                return false;
            });
        }
        return r -> all.stream().allMatch(p -> p.test(r));
    }

    static String lookup(Map<String, Object> r, String path) {
        Object cur = r;
        for (String part : path.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(part);
        }
        return cur == null || cur instanceof Map || cur instanceof List ? null : cur.toString();
    }

    static boolean test(String actual, String op, String expected) {
        if (op.equals("==") && expected.contains("*")) {
            String regex = ("\\Q" + expected.replace("*", "\\E.*\\Q") + "\\E");
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(actual).matches();
        }
        int c;
        Double a = number(actual);
        Double e = number(expected);
        if (a != null && e != null) {
            c = Double.compare(a, e);
        } else {
            c = actual.toLowerCase(Locale.ROOT).compareTo(expected.toLowerCase(Locale.ROOT));
        }
        return switch (op) {
            case "==" -> c == 0;
            case "=gt=" -> c > 0;
            case "=ge=" -> c >= 0;
            case "=lt=" -> c < 0;
            default -> c <= 0;
        };
    }

    private static Double number(String s) {
        if (s.isEmpty() || !(Character.isDigit(s.charAt(0)) || s.charAt(0) == '-')) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
