package org.sis2sds.validate;

import java.nio.charset.StandardCharsets;
import org.sis2sds.batch.CsvRowReader;

/**
 * The format rules of the validator, checked on a non-blank cell: the V06 rules of validation-rules.md (SDS v1) and
 * the data types of SDS v2.1 (research industrydata.md §4.2). Work on the UTF-8 bytes where they can.
 */
final class Formats {
    static final int NONE = 0;
    static final int ID = 1;
    static final int DATE = 2;
    static final int EMAIL = 3;
    static final int YEAR = 4;
    /** v2.1 unique IDs and references: as received, but no control characters and no surrounding white space. */
    static final int V21_ID = 5;
    /** v2.1 dates: ISO 8601. */
    static final int ISO_DATE = 6;
    /** E.164 phone numbers. */
    static final int PHONE = 7;
    /** true or false, case-insensitive. */
    static final int BOOLEAN = 8;
    /** A code of a list of values: checked against the column's codes ({@link Column#codes}). */
    static final int ENUM = 9;

    private Formats() {
    }

    /** The format rule of a (known) column. */
    static int of(String column) {
        switch (column) {
            case "SIS ID", "School SIS ID", "Section SIS ID", "Term SIS ID", "Course SIS ID", "Principal SIS ID",
                    "Username":
                return ID;
            case "Birthdate", "Term StartDate", "Term EndDate":
                return DATE;
            case "Secondary Email", "Principal Secondary Email":
                return EMAIL;
            case "Graduation Year":
                return YEAR;
            default:
                return NONE;
        }
    }

    static boolean valid(int rule, CsvRowReader r, int k) {
        return valid(rule, r.buffer(), r.start(k), r.end(k));
    }

    /** Whether the UTF-8 bytes b[s, e) of a non-blank cell pass the rule. */
    static boolean valid(int rule, byte[] b, int s, int e) {
        switch (rule) {
            case ID:
                return id(b, s, e);
            case DATE:
                return date(b, s, e);
            case EMAIL:
                return email(b, s, e);
            case YEAR:
                return year(b, s, e);
            case V21_ID:
                return v21Id(b, s, e);
            case ISO_DATE:
                return isoDate(b, s, e);
            case PHONE:
                return phone(b, s, e);
            case BOOLEAN:
                return bool(b, s, e);
            default:
                return true;
        }
    }

    /** No control characters, no white space at either end (an ID compares exactly: {@code " 12"} is not 12). */
    static boolean v21Id(byte[] b, int s, int e) {
        boolean ascii = true;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c < 0) {
                ascii = false;
                break;
            }
            if (c < 0x20 || c == 0x7F) {
                return false;
            }
        }
        if (ascii) {
            return b[s] != ' ' && b[e - 1] != ' ';
        }
        String v = text(b, s, e);
        for (int i = 0; i < v.length(); ) {
            int cp = v.codePointAt(i);
            if (Character.isISOControl(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return !CsvRowReader.isWhiteSpace(v.codePointAt(0))
                && !CsvRowReader.isWhiteSpace(v.codePointBefore(v.length()));
    }

    /** E.164: a plus sign, then 1 to 15 digits, the first not 0 ({@code +11234567890}). */
    static boolean phone(byte[] b, int s, int e) {
        int n = e - s - 1;
        if (n < 1 || n > 15 || b[s] != '+' || b[s + 1] == '0') {
            return false;
        }
        for (int i = s + 1; i < e; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code true} or {@code false}, in any case. */
    static boolean bool(byte[] b, int s, int e) {
        return is(b, s, e, "true") || is(b, s, e, "false");
    }

    private static boolean is(byte[] b, int s, int e, String word) {
        if (e - s != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            int c = b[s + i] | 0x20;
            if (c != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * An ISO 8601 calendar date, {@code YYYY-MM-DD} (or the basic {@code YYYYMMDD}), a real date, optionally followed
     * by {@code T} and a time {@code hh:mm[:ss[.fraction]]} with an optional zone {@code Z} or {@code ±hh[:mm]}.
     */
    static boolean isoDate(byte[] b, int s, int e) {
        int n = e - s;
        int dateEnd;
        if (n >= 10 && b[s + 4] == '-' && b[s + 7] == '-') {
            int y = num(b, s, s + 4);
            int m = num(b, s + 5, s + 7);
            int d = num(b, s + 8, s + 10);
            if (y < 0 || m < 0 || d < 0 || !real(y, m, d)) {
                return false;
            }
            dateEnd = s + 10;
        } else if (n >= 8 && num(b, s, s + 8) >= 0 && (n == 8 || b[s + 8] == 'T')) {
            if (!real(num(b, s, s + 4), num(b, s + 4, s + 6), num(b, s + 6, s + 8))) {
                return false;
            }
            dateEnd = s + 8;
        } else {
            return false;
        }
        return dateEnd == e || (b[dateEnd] == 'T' && time(b, dateEnd + 1, e));
    }

    /** {@code hh:mm[:ss[.f+]][Z|±hh[:mm]]}. */
    private static boolean time(byte[] b, int s, int e) {
        if (e - s < 5 || b[s + 2] != ':' || !range(b, s, 0, 23) || !range(b, s + 3, 0, 59)) {
            return false;
        }
        int i = s + 5;
        if (i + 3 <= e && b[i] == ':') {
            if (!range(b, i + 1, 0, 60)) {
                return false;
            }
            i += 3;
            if (i < e && (b[i] == '.' || b[i] == ',')) {
                int f = ++i;
                while (i < e && b[i] >= '0' && b[i] <= '9') {
                    i++;
                }
                if (i == f) {
                    return false;
                }
            }
        }
        if (i == e) {
            return true;
        }
        if (b[i] == 'Z') {
            return i + 1 == e;
        }
        if (b[i] != '+' && b[i] != '-') {
            return false;
        }
        int z = e - i - 1;
        if (z == 2) {
            return range(b, i + 1, 0, 14);
        }
        if (z == 4) {
            return range(b, i + 1, 0, 14) && range(b, i + 3, 0, 59);
        }
        return z == 5 && b[i + 3] == ':' && range(b, i + 1, 0, 14) && range(b, i + 4, 0, 59);
    }

    /** Two digits at {@code i} making a number in [lo, hi]. */
    private static boolean range(byte[] b, int i, int lo, int hi) {
        int v = num(b, i, i + 2);
        return v >= lo && v <= hi;
    }

    private static boolean forbidden(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp);
    }

    private static String text(byte[] b, int s, int e) {
        return new String(b, s, e - s, StandardCharsets.UTF_8);
    }

    /** 1 to 256 characters; no white space and no control characters. */
    static boolean id(byte[] b, int s, int e) {
        if (e - s < 1) {
            return false;
        }
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c < 0) {
                return id(text(b, s, e));
            }
            if (c <= 0x20 || c == 0x7F) {
                return false;
            }
        }
        return e - s <= 256;
    }

    static boolean id(String v) {
        int n = v.codePointCount(0, v.length());
        if (n < 1 || n > 256) {
            return false;
        }
        return clean(v);
    }

    private static boolean clean(String v) {
        for (int i = 0; i < v.length(); ) {
            int cp = v.codePointAt(i);
            if (forbidden(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    static boolean year(byte[] b, int s, int e) {
        if (e - s != 4) {
            return false;
        }
        for (int i = s; i < e; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean date(CsvRowReader r, int k) {
        return date(r.buffer(), r.start(k), r.end(k));
    }

    static boolean date(byte[] b, int s, int e) {
        int n = e - s;
        if (n == 10 && b[s + 4] == '-' && b[s + 7] == '-') {
            int y = num(b, s, s + 4);
            int m = num(b, s + 5, s + 7);
            int d = num(b, s + 8, s + 10);
            return y >= 0 && m >= 0 && d >= 0 && real(y, m, d);
        }
        if (n == 8 && num(b, s, s + 8) >= 0) {
            return real(num(b, s, s + 4), num(b, s + 4, s + 6), num(b, s + 6, s + 8));
        }
        for (int i = s; i < e; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return n <= 10 && date(text(b, s, e));
    }

    /** The decimal number in b[from, to), or -1 when a byte is not a digit. */
    private static int num(byte[] b, int from, int to) {
        int x = 0;
        for (int i = from; i < to; i++) {
            int c = b[i] - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            x = x * 10 + c;
        }
        return x;
    }

    static boolean email(CsvRowReader r, int k) {
        return email(r.buffer(), r.start(k), r.end(k));
    }

    /**
     * An RFC 5322 addr-spec (section 3.4.1) as people write addresses: a local part that is a dot-atom
     * ({@code jean.craig}: no dot at either end, no two dots in a row) or a quoted string ({@code "jean craig"}),
     * one {@code @}, and a domain of at least two dot-separated labels, none empty ({@code b.com}), or a domain
     * literal ({@code [192.0.2.1]}). No white space or control characters outside quotes; letters outside ASCII
     * are allowed (RFC 6532).
     */
    static boolean email(byte[] b, int s, int e) {
        // the common case in one pass: ASCII dot-atom @ dot-atom; anything else takes the full rules below
        int at = -1;
        boolean label = false;
        boolean dot = false;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c == '.') {
                if (!label) {
                    return false; // a leading or doubled dot, or a dot next to the @
                }
                label = false;
                dot |= at >= 0;
            } else if (c == '@') {
                if (at >= 0 || !label) {
                    return false;
                }
                at = i;
                label = false;
            } else if (c >= 0 && ATEXT[c]) {
                label = true;
            } else {
                return emailFull(b, s, e); // a quoted local part, a domain literal, letters outside ASCII...
            }
        }
        return at >= 0 && label && dot;
    }

    private static boolean emailFull(byte[] b, int s, int e) {
        for (int k = s; k < e; k++) {
            if (b[k] < 0) {
                if (!clean(text(b, s, e))) {
                    return false; // white space or a control character outside ASCII (a no-break space...)
                }
                break;
            }
        }
        int i = s;
        if (i < e && b[i] == '"') {
            i++;
            while (i < e && b[i] != '"') {
                int c = b[i] & 0xFF;
                if (c == '\\') {
                    if (i + 1 >= e || (b[i + 1] & 0xFF) < 0x20 || b[i + 1] == 0x7F) {
                        return false;
                    }
                    i += 2;
                    continue;
                }
                if (c < 0x20 && c != '\t' || c == 0x7F) {
                    return false;
                }
                i++;
            }
            if (i >= e || i == s + 1) {
                return false;
            }
            i++; // the closing quote
        } else {
            int end = dotAtom(b, i, e);
            if (end < 0) {
                return false;
            }
            i = end;
        }
        if (i >= e || b[i] != '@') {
            return false;
        }
        i++;
        if (i < e && b[i] == '[') {
            if (b[e - 1] != ']' || e - i < 3) {
                return false;
            }
            for (int k = i + 1; k < e - 1; k++) {
                int c = b[k] & 0xFF;
                if (c <= 0x20 || c == 0x7F || c == '[' || c == ']' || c == '\\') {
                    return false;
                }
            }
            return true;
        }
        int end = dotAtom(b, i, e);
        if (end != e) {
            return false;
        }
        for (int k = i; k < e; k++) {
            if (b[k] == '.') {
                return true; // at least two labels
            }
        }
        return false;
    }

    /** The end of the dot-atom starting at {@code s} (1*atext *("." 1*atext)), or -1 when there is none. */
    private static int dotAtom(byte[] b, int s, int e) {
        int i = s;
        boolean label = false;
        while (i < e) {
            byte c = b[i];
            if (c == '.') {
                if (!label) {
                    return -1; // a leading or doubled dot
                }
                label = false;
            } else if (atext(c)) {
                label = true;
            } else {
                break;
            }
            i++;
        }
        return label ? i : -1; // empty, or a trailing dot
    }

    /** RFC 5322 atext in ASCII: letters, digits and {@code !#$%&'*+-/=?^_`{|}~}. */
    private static final boolean[] ATEXT = new boolean[128];

    static {
        for (char ch : ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")
                .toCharArray()) {
            ATEXT[ch] = true;
        }
    }

    /** RFC 5322 atext, and any byte of a multi-byte UTF-8 character (RFC 6532). */
    private static boolean atext(byte c) {
        return c < 0 || ATEXT[c];
    }

    /** A real calendar date written YYYY-MM-DD, YYYYMMDD or M/D/YYYY (one or two digits for month and day). */
    static boolean date(String v) {
        int n = v.length();
        if (n == 10 && v.charAt(4) == '-' && v.charAt(7) == '-') {
            return digits(v, 0, 4) && digits(v, 5, 7) && digits(v, 8, 10)
                    && real(num(v, 0, 4), num(v, 5, 7), num(v, 8, 10));
        }
        if (n == 8 && digits(v, 0, 8)) {
            return real(num(v, 0, 4), num(v, 4, 6), num(v, 6, 8));
        }
        int a = v.indexOf('/');
        int b = a < 0 ? -1 : v.indexOf('/', a + 1);
        if (a < 1 || a > 2 || b - a - 1 < 1 || b - a - 1 > 2 || n - b - 1 != 4) {
            return false;
        }
        return digits(v, 0, a) && digits(v, a + 1, b) && digits(v, b + 1, n)
                && real(num(v, b + 1, n), num(v, 0, a), num(v, a + 1, b));
    }

    private static boolean digits(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return to > from;
    }

    private static int num(String v, int from, int to) {
        int x = 0;
        for (int i = from; i < to; i++) {
            x = x * 10 + (v.charAt(i) - '0');
        }
        return x;
    }

    private static boolean real(int y, int m, int d) {
        if (y < 1 || m < 1 || m > 12 || d < 1) {
            return false;
        }
        int max = switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return d <= max;
    }

    /** The same rule as {@link #email(byte[], int, int)}, on a string. */
    static boolean email(String v) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        return email(b, 0, b.length);
    }
}
