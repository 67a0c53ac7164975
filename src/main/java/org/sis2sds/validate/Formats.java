package org.sis2sds.validate;

import java.nio.charset.StandardCharsets;
import org.sis2sds.batch.CsvRowReader;

/** The V06 format rules of validation-rules.md, checked on a non-blank cell of the current record. */
final class Formats {
    static final int NONE = 0;
    static final int ID = 1;
    static final int DATE = 2;
    static final int EMAIL = 3;
    static final int YEAR = 4;

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
            default:
                return true;
        }
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

    static boolean email(byte[] b, int s, int e) {
        int at = -1;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c < 0) {
                return email(text(b, s, e));
            }
            if (c <= 0x20 || c == 0x7F) {
                return false;
            }
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            }
        }
        if (at <= s || at >= e - 1 || b[e - 1] == '.' || b[at + 1] == '.') {
            return false;
        }
        for (int i = at + 2; i < e - 1; i++) {
            if (b[i] == '.') {
                return true;
            }
        }
        return false;
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

    /** local@domain: one @, a non-empty local part, a domain with a dot (not at its ends), no white space. */
    static boolean email(String v) {
        int at = v.indexOf('@');
        if (at < 1 || v.indexOf('@', at + 1) >= 0) {
            return false;
        }
        String domain = v.substring(at + 1);
        int dot = domain.indexOf('.');
        if (dot < 1 || domain.endsWith(".")) {
            return false;
        }
        return clean(v);
    }
}
