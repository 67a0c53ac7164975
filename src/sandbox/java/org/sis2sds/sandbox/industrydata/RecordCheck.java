package org.sis2sds.sandbox.industrydata;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.sis2sds.batch.CsvRowReader;
import org.sis2sds.validate.LongHashSet;

/**
 * The run's record-level check of a validated v2.1 snapshot (research §3 stage 4, §4.2–§4.5): a record whose
 * required data fails (empty, unknown enum code, dangling reference, duplicate key, a line break in a value) is an
 * error and is dropped; an optional value that fails (bad grade, e-mail, phone, date, boolean, optional reference) is
 * a warning and only that value is dropped. The kept records' keys are the snapshot's active records.
 */
final class RecordCheck {
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{1,14}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern YEAR = Pattern.compile("^[0-9]{4}$");

    /** What a run learned from one snapshot. */
    record Result(long errors, long warnings, Map<String, KeySet> keys, Map<String, Integer> matchedByRole) {
        /** The kept records of one file (empty when the file was not uploaded). */
        KeySet keys(String file) {
            return keys.getOrDefault(file, KeySet.EMPTY);
        }
    }

    private final ReferenceValues lov;
    private final Map<String, Path> files;
    private final Map<String, KeySet> keys = new LinkedHashMap<>();
    private final Map<String, LongHashSet> usersByRole = new LinkedHashMap<>();
    private long errors;
    private long warnings;

    private RecordCheck(ReferenceValues lov, Map<String, Path> files) {
        this.lov = lov;
        this.files = files;
    }

    /** Checks a snapshot: file name (as in the v2.1 catalogue) → where the validated copy is. */
    static Result check(ReferenceValues lov, Map<String, Path> files) throws IOException {
        RecordCheck c = new RecordCheck(lov, files);
        c.run();
        Map<String, Integer> roles = new LinkedHashMap<>();
        c.usersByRole.forEach((r, s) -> roles.put(r, s.size()));
        return new Result(c.errors, c.warnings, c.keys, roles);
    }

    private void run() throws IOException {
        List<Long> parents = new ArrayList<>();
        pass("orgs.csv", r -> {
            r.req("sourcedId");
            r.req("name");
            r.reqEnum("type", "RefOrgType");
            r.key(r.get("sourcedId"));
            String parent = r.get("parentSourcedId");
            if (!r.error && !parent.isBlank()) {
                parents.add(KeySet.hash(parent.trim()));
            }
        });
        KeySet orgs = keys("orgs.csv");
        parents.forEach(p -> warnIf(!orgs.contains(p)));
        pass("academicSessions.csv", r -> {
            r.req("sourcedId");
            r.req("title");
            r.reqEnum("type", "RefSessionType");
            r.check(YEAR.matcher(r.get("schoolYear").trim()).matches());
            r.check(isDate(r.get("startDate")));
            r.check(isDate(r.get("endDate")));
            r.key(r.get("sourcedId"));
        });
        KeySet sessions = keys("academicSessions.csv");
        pass("users.csv", r -> {
            r.req("sourcedId");
            r.req("username");
            r.optFormat("email", EMAIL);
            r.optFormat("phone", E164);
            r.optFormat("sms", E164);
            r.key(r.get("sourcedId"));
        });
        KeySet users = keys("users.csv");
        pass("courses.csv", r -> {
            r.req("sourcedId");
            r.reqRef("orgSourcedId", orgs);
            r.req("title");
            r.optRef("schoolYearSourcedId", sessions);
            r.optEnum("grade", "RefGradeLevel");
            r.key(r.get("sourcedId"));
        });
        KeySet courses = keys("courses.csv");
        pass("classes.csv", r -> {
            r.req("sourcedId");
            r.reqRef("orgSourcedId", orgs);
            r.req("title");
            r.optRef("courseSourcedId", courses);
            for (String s : r.get("sessionSourcedIds").split(",")) {
                if (!s.isBlank() && !sessions.contains(KeySet.hash(s.trim()))) {
                    r.warn();
                }
            }
            r.key(r.get("sourcedId"));
        });
        KeySet classes = keys("classes.csv");
        pass("roles.csv", r -> {
            r.reqRef("userSourcedId", users);
            r.reqRef("orgSourcedId", orgs);
            String role = r.reqEnum("role", "RefRole");
            r.optRef("sessionSourcedId", sessions);
            r.optEnum("grade", "RefGradeLevel");
            r.optBoolean("isPrimary");
            r.optDate("roleStartDate");
            r.optDate("roleEndDate");
            if (r.key(r.get("userSourcedId"), r.get("orgSourcedId"), role == null ? "" : role)) {
                usersByRole.computeIfAbsent(role, x -> new LongHashSet()).add(KeySet.hash(r.get("userSourcedId")));
            }
        });
        pass("enrollments.csv", r -> {
            r.reqRef("classSourcedId", classes);
            r.reqRef("userSourcedId", users);
            r.reqEnum("role", "RefSectionRole");
            r.key(r.get("classSourcedId"), r.get("userSourcedId"));
        });
        pass("demographics.csv", r -> {
            r.reqRef("userSourcedId", users);
            r.optEnum("sex", "RefSex");
            r.optDate("birthDate");
            r.key(r.get("userSourcedId"));
        });
        pass("userFlags.csv", r -> {
            r.reqRef("userSourcedId", users);
            String flag = r.reqEnum("flag", "RefPersonFlag");
            r.key(r.get("userSourcedId"), flag == null ? "" : flag);
        });
        pass("relationships.csv", r -> {
            r.reqRef("userSourcedId", users);
            r.reqRef("relationshipUserSourcedId", users);
            String role = r.reqEnum("relationshipRole", "RefRelationshipRole");
            r.key(r.get("userSourcedId"), r.get("relationshipUserSourcedId"), role == null ? "" : role);
        });
    }

    private KeySet keys(String file) {
        return keys.getOrDefault(file, KeySet.EMPTY);
    }

    private void warnIf(boolean bad) {
        if (bad) {
            warnings++;
        }
    }

    private interface RowRule {
        void apply(Row r);
    }

    private void pass(String file, RowRule rule) throws IOException {
        Path p = files.get(file);
        if (p == null) {
            return;
        }
        KeySet kept = new KeySet();
        LongHashSet seen = new LongHashSet();
        try (CsvRowReader in = CsvRowReader.open(p)) {
            if (!in.next()) {
                keys.put(file, kept.freeze());
                return;
            }
            Map<String, Integer> header = new HashMap<>();
            for (int i = 0; i < in.size(); i++) {
                header.putIfAbsent(in.get(i), i);
            }
            Row row = new Row(in, header, seen);
            while (in.next()) {
                row.reset();
                for (int i = 0; i < in.size(); i++) {
                    String v = in.get(i);
                    if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                        row.error = true;
                    }
                }
                rule.apply(row);
                if (row.error) {
                    errors++;
                } else {
                    warnings += row.warnings;
                    kept.add(row.key);
                }
            }
        }
        keys.put(file, kept.freeze());
    }

    private static boolean isDate(String v) {
        try {
            LocalDate.parse(v.trim());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The current record, with what the rules found wrong in it. */
    private final class Row {
        private final CsvRowReader in;
        private final Map<String, Integer> header;
        private final LongHashSet seen;
        boolean error;
        int warnings;
        long key;

        Row(CsvRowReader in, Map<String, Integer> header, LongHashSet seen) {
            this.in = in;
            this.header = header;
            this.seen = seen;
        }

        void reset() {
            error = false;
            warnings = 0;
        }

        String get(String col) {
            Integer i = header.get(col);
            return i == null || i >= in.size() ? "" : in.get(i);
        }

        void check(boolean ok) {
            if (!ok) {
                error = true;
            }
        }

        void warn() {
            warnings++;
        }

        void req(String col) {
            check(!get(col).isBlank());
        }

        String reqEnum(String col, String type) {
            String v = get(col);
            String c = v.isBlank() ? null : lov.canonical(type, v);
            check(c != null);
            return c;
        }

        void optEnum(String col, String type) {
            String v = get(col);
            if (!v.isBlank() && lov.canonical(type, v) == null) {
                warn();
            }
        }

        void reqRef(String col, KeySet target) {
            String v = get(col);
            check(!v.isBlank() && target.contains(KeySet.hash(v.trim())));
        }

        void optRef(String col, KeySet target) {
            String v = get(col);
            if (!v.isBlank() && !target.contains(KeySet.hash(v.trim()))) {
                warn();
            }
        }

        void optFormat(String col, Pattern p) {
            String v = get(col).trim();
            if (!v.isEmpty() && !p.matcher(v).matches()) {
                warn();
            }
        }

        void optDate(String col) {
            String v = get(col);
            if (!v.isBlank() && !isDate(v)) {
                warn();
            }
        }

        void optBoolean(String col) {
            String v = get(col).trim();
            if (!v.isEmpty() && !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                warn();
            }
        }

        /** The record's key; a key seen before in the file is a duplicate (error). True when the record is kept. */
        boolean key(String... parts) {
            for (int i = 0; i < parts.length; i++) {
                parts[i] = parts[i].trim();
            }
            key = KeySet.hash(parts);
            if (!error && !seen.add(key)) {
                error = true;
            }
            return !error;
        }
    }
}
