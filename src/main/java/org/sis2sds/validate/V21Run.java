package org.sis2sds.validate;

import static org.sis2sds.validate.V21Rules.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sis2sds.batch.CsvRowReader;
import org.sis2sds.batch.V21Column;
import org.sis2sds.batch.V21Enum;
import org.sis2sds.batch.V21File;

/**
 * One validation of an SDS v2.1 batch: the state the files share (the key sets, references into absent files, the
 * users a contact cannot be) and the checks of one file ({@link #check}). Files are checked in {@link V21File} order,
 * so every reference target is known before the file that refers to it; IDs are kept as 64-bit hashes.
 */
final class V21Run {
    private static final Set<V21File> KEY_FILES = Set.of(V21File.ORGS, V21File.ACADEMIC_SESSIONS, V21File.COURSES,
            V21File.USERS, V21File.CLASSES);

    private final ValidationOptions options;
    private final int bufferSize;
    private final long parallelThreshold;
    private final Map<V21File, Path> files;
    private final Map<V21File, LongHashSet> keys = new EnumMap<>(V21File.class);
    private final Map<V21Enum, LongHashSet> codes = new EnumMap<>(V21Enum.class);
    /** Per absent file: the columns that refer to it, with what they found. */
    final Map<V21File, Map<String, Tally>> absentRefs = new EnumMap<>(V21File.class);
    /** Whether relationships.csv is present (then the users that cannot be contacts are collected). */
    private final boolean contacts;
    /** The users without givenName, familyName or email (only when relationships.csv is present). */
    private LongHashSet incompleteContacts;
    final List<Placed> out = new ArrayList<>();

    V21Run(ValidationOptions options, int bufferSize, long parallelThreshold, Map<V21File, Path> files) {
        this.options = options;
        this.bufferSize = bufferSize;
        this.parallelThreshold = parallelThreshold;
        this.files = files;
        this.contacts = files.containsKey(V21File.RELATIONSHIPS);
    }

    void add(V21File f, String rule, int pos, String type, String description, String column, List<Long> rows) {
        out.add(new Placed(f.ordinal(), rule, pos, new Message(type, f.messageName(), description, rule, column,
                null, rows, null)));
    }

    private void add(V21File f, String rule, Column c, String type, Tally t, String description) {
        out.add(new Placed(f.ordinal(), rule, c == null ? -1 : c.pos, t.message(type, f.messageName(), description,
                rule, c == null ? null : c.name)));
    }

    /** Checks one file; returns its data rows. */
    long check(V21File f, Path path) throws IOException {
        String fn = f.messageName();
        try (CsvRowReader r = CsvRowReader.open(path, bufferSize, options.maxRecordBytes())) {
            if (r.utf16() != null) {
                add(f, NOT_UTF8, -1, Message.ERROR, "File is not valid UTF-8 text: it is " + r.utf16() + " text. Save "
                        + "it as UTF-8 (in Excel: CSV UTF-8) and send the batch again.", null, null);
                return 0;
            }
            boolean hasHeader;
            try {
                hasHeader = r.next();
            } catch (CsvRowReader.RecordTooLongException e) {
                add(f, RECORD_TOO_LONG, -1, Message.ERROR, tooLong(0), null, null);
                return 0;
            }
            if (!hasHeader) {
                add(f, EMPTY_FILE, -1, Message.ERROR, fn + " is empty: it has no header row. Export it again with "
                        + "its header row (" + String.join(",", f.requiredColumns()) + "...) and its data.", null,
                        null);
                return 0;
            }
            Header header = new Header(r);
            checkHeader(f, header);
            int expectedRows = (int) Math.min(1 << 24, Files.size(path) / Math.max(32, header.bytes()));
            List<Column> cols = new ArrayList<>();
            Map<String, Column> byName = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : header.first.entrySet()) {
                f.column(e.getKey()).ifPresent(spec -> {
                    Column c = column(f, spec, e.getValue(), expectedRows);
                    cols.add(c);
                    byName.put(spec.name(), c);
                });
            }
            Column role = byName.get("role");
            if (f == V21File.ROLES && role != null && byName.containsKey("userSourcedId")
                    && byName.containsKey("orgSourcedId")) {
                role.compositeOf = new Column[] {byName.get("userSourcedId"), byName.get("orgSourcedId")};
                role.composite = new LongHashSet(expectedRows);
                for (Column part : role.compositeOf) {
                    part.keyPart = true;
                }
            }
            if (f == V21File.USERS && contacts && byName.containsKey("sourcedId")) {
                incompleteContacts = new LongHashSet(expectedRows / 2);
                byName.get("sourcedId").collectInto = incompleteContacts;
            }
            Column contact = byName.get("relationshipUserSourcedId");
            if (f == V21File.RELATIONSHIPS && contact != null && incompleteContacts != null) {
                contact.flagIfIn = incompleteContacts;
            }
            FileHooks hooks = new FileHooks(f, byName);
            RowScan scan = RowScan.run(r, cols.toArray(Column[]::new), header.width(), options,
                    Files.size(path) >= parallelThreshold, hooks.hook());
            for (Column c : cols) {
                columnMessages(f, c);
            }
            hooks.messages();
            if (scan.fieldCount.count > 0) {
                add(f, FIELD_COUNT, null, Message.ERROR, scan.fieldCount, scan.fieldCount.count
                        + " row(s) have a different number of fields than the header");
            }
            if (r.malformed()) {
                long rec = r.firstMalformedRecord();
                add(f, NOT_UTF8, -1, Message.ERROR, "File is not valid UTF-8 text: save it as UTF-8 (in Excel: CSV "
                        + "UTF-8) and send the batch again.", null, rec > 1 ? List.of(rec - 1) : null);
            }
            if (scan.tooLongRow > 0) {
                add(f, RECORD_TOO_LONG, -1, Message.ERROR, tooLong(scan.tooLongRow), null,
                        List.of(scan.tooLongRow));
                keys.remove(f); // incomplete: references into it are not checked
            } else if (scan.rows == 0) {
                add(f, NO_DATA_ROWS, -1, f.isRequired() ? Message.ERROR : Message.WARNING, fn + " has a header but no "
                        + "data rows" + (f.isRequired() ? ", and SDS needs " + f.entity() + ". Export it with its "
                        + "data and send the batch again." : ": SDS marks every record of this kind inactive. If "
                        + "that is not intended, export it with its data."), null, null);
            }
            return scan.rows;
        }
    }

    private String tooLong(long row) {
        return (row == 0 ? "The header row" : "Row " + row) + " is longer than " + Validator.human(
                options.maxRecordBytes()) + " (sis2sds.validation.max-record-size): a line break is missing or a "
                + "quote is not closed; the file was not read past it. Fix the file and send the batch again.";
    }

    private void checkHeader(V21File f, Header header) {
        String fn = f.messageName();
        header.duplicated.forEach((name, pos) -> add(f, DUPLICATE_COLUMN, pos, Message.ERROR, "Two or more " + name
                + " found in " + fn + ". Correct the extract, upload the corrected file, and rerun the sync.", name,
                null));
        Set<String> seen = new java.util.HashSet<>();
        for (int k = 0; k < header.width(); k++) {
            String name = header.names.get(k);
            if (!f.knows(name) && seen.add(name)) {
                String meant = f.columnNames().stream().filter(c -> c.equalsIgnoreCase(name)).findFirst()
                        .orElse(null);
                add(f, UNKNOWN_COLUMN, k, Message.WARNING, "Unknown column ignored - " + name + (meant == null ? ""
                        : " (headers are case-sensitive: SDS expects " + meant + ")"), name, null);
            }
        }
        List<String> required = f.requiredColumns();
        for (int q = 0; q < required.size(); q++) {
            String name = required.get(q);
            if (!header.first.containsKey(name)) {
                add(f, HEADER_NOT_PRESENT, q, Message.ERROR, name + " not found in " + fn + ". Correct the extract to "
                        + "add or ensure it reads as " + name + ". Upload the corrected file and rerun the sync.",
                        name, null);
            }
        }
    }

    /** The checks of one known column of {@code f}. */
    private Column column(V21File f, V21Column spec, int pos, int expectedRows) {
        Column c = new Column(spec.name(), pos);
        c.v21 = spec;
        c.required = spec.isRequired();
        c.reportBlank = spec.requirement() != V21Column.Requirement.OPTIONAL;
        c.lineBreaks = true;
        c.secret = spec.secret();
        switch (spec.type()) {
            // a reference is looked up in its target (V21-14), whose own file checks the ID's format
            case ID -> c.format = spec.references() == null ? Formats.V21_ID : Formats.NONE;
            case ID_LIST -> c.list = true;
            case ENUM, ENUM_LIST -> {
                c.format = Formats.ENUM;
                c.codes = codes.computeIfAbsent(spec.vocabulary(), this::codeSet);
                c.list = spec.type() == org.sis2sds.batch.V21Type.ENUM_LIST;
            }
            case EMAIL -> c.format = Formats.EMAIL;
            case PHONE -> c.format = Formats.PHONE;
            case DATE -> c.format = Formats.ISO_DATE;
            case BOOLEAN -> c.format = Formats.BOOLEAN;
            case YEAR -> c.format = Formats.YEAR;
            default -> c.format = Formats.NONE;
        }
        boolean key = KEY_FILES.contains(f) && spec.name().equals("sourcedId");
        if (key || (f == V21File.USERS && spec.name().equals("username"))
                || (f == V21File.DEMOGRAPHICS && spec.name().equals("userSourcedId"))) {
            c.unique = new LongHashSet(expectedRows);
            c.caseInsensitive = f == V21File.USERS && spec.name().equals("username");
            c.uniqueType = c.caseInsensitive ? Message.WARNING : Message.ERROR;
            if (key) {
                keys.put(f, c.unique);
            }
        }
        spec.target().filter(t -> t != f).ifPresent(t -> {
            if (files.containsKey(t)) {
                c.target = keys.get(t); // null: the target has no usable key column; its own messages say why
            } else {
                c.target = new LongHashSet(16); // absent: every value counts towards "needed file not found"
                absentRefs.computeIfAbsent(t, k -> new LinkedHashMap<>()).put(f.messageName() + "/" + c.name,
                        c.missingRef);
            }
        });
        return c;
    }

    /** The hashes of a list's codes, lower-cased (and the grades 1-9 without their leading zero). */
    private LongHashSet codeSet(V21Enum e) {
        LongHashSet set = new LongHashSet(64);
        List<String> all = new ArrayList<>(e.codes());
        all.addAll(options.extraCodes().getOrDefault(e, Set.of()));
        if (e == V21Enum.GRADE) {
            for (int d = 1; d <= 9; d++) {
                all.add(String.valueOf(d));
            }
        }
        for (String code : all) {
            byte[] b = code.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
            set.add(Hash64.hash(b, 0, b.length));
        }
        return set;
    }

    private void columnMessages(V21File f, Column c) {
        String type = c.required ? Message.ERROR : Message.WARNING;
        String n = c.name;
        if (c.missing.count > 0) {
            add(f, MISSING_VALUE, c, type, c.missing, c.missing.count + " row(s) have missing data for the field - "
                    + n);
        }
        if (c.invalid.count > 0) {
            add(f, INVALID_FORMAT, c, type, c.invalid, c.invalid.count + " row(s) have an invalid format for the "
                    + "field - " + n + expected(c.v21));
        }
        if (c.unknownCode.count > 0) {
            add(f, UNKNOWN_CODE, c, type, c.unknownCode, c.unknownCode.count + " row(s) have a value that isn't found "
                    + "in " + c.v21.vocabulary().referenceName() + ". Field - " + n);
        }
        if (c.lineBreak.count > 0) {
            add(f, LINE_BREAK, c, type, c.lineBreak, c.lineBreak.count + " row(s) have a line break in the field - "
                    + n + " (SDS does not accept line breaks in values)");
        }
        if (c.duplicates.count > 0 && c.compositeOf != null) {
            add(f, DUPLICATE_ROLE, c, Message.WARNING, c.duplicates, c.duplicates.count + " row(s) repeat a role "
                    + "already given (the same userSourcedId, orgSourcedId and role); SDS keeps one.");
        } else if (c.duplicates.count > 0) {
            add(f, c.caseInsensitive ? DUPLICATE_USERNAME : DUPLICATE_ID, c, c.uniqueType, c.duplicates,
                    c.duplicates.count + " duplicates found in column " + n + " which requires values to be Unique.");
        }
        boolean intoAbsent = c.v21.target().map(t -> !files.containsKey(t)).orElse(false);
        if (c.missingRef.count > 0 && !intoAbsent) {
            add(f, REFERENCE_NOT_FOUND, c, type, c.missingRef, c.missingRef.count + " row(s) have referenced data "
                    + "not found in source. Field - " + n);
        }
    }

    private static String expected(V21Column spec) {
        return switch (spec.type()) {
            case ID, ID_LIST -> " (no control characters, no spaces at either end)";
            case EMAIL -> " (an e-mail address such as name@school.org)";
            case PHONE -> " (E.164: + and up to 15 digits, such as +11234567890)";
            case DATE -> " (ISO 8601, such as 2025-08-18)";
            case BOOLEAN -> " (true or false)";
            case YEAR -> " (four digits, such as 2026)";
            default -> "";
        };
    }

    /** The per-row work of some files on the reading thread: orgs' parents, and the users that cannot be contacts. */
    private final class FileHooks {
        private final V21File f;
        private final Map<String, Column> cols;
        private final OrgTree tree;
        private final Tally missingParent = new Tally();
        private final Tally cycles = new Tally();

        FileHooks(V21File f, Map<String, Column> cols) {
            this.f = f;
            this.cols = cols;
            this.tree = f == V21File.ORGS ? new OrgTree() : null;
        }

        private int pos(String column) {
            Column c = cols.get(column);
            return c == null ? -1 : c.pos;
        }

        RowScan.RowHook hook() {
            switch (f) {
                case ORGS: {
                    int id = pos("sourcedId");
                    int parent = pos("parentSourcedId");
                    return id < 0 ? null : (r, row) -> {
                        if (!r.isBlank(id)) {
                            tree.add(r.get(id), parent < 0 || r.isBlank(parent) ? null : r.get(parent), row);
                        }
                        return false;
                    };
                }
                case USERS: {
                    Column id = cols.get("sourcedId");
                    Column[] needed = {cols.get("givenName"), cols.get("familyName"), cols.get("email")};
                    boolean absent = needed[0] == null || needed[1] == null || needed[2] == null;
                    // marks the users that cannot be contacts; the second stage collects their IDs. The reading
                    // stage has just tested these cells: its verdict is reused
                    return id == null || id.collectInto == null ? null : (r, row) -> absent
                            || needed[0].blankRow == row || needed[1].blankRow == row || needed[2].blankRow == row;
                }
                default:
                    return null;
            }
        }

        void messages() {
            if (tree != null) {
                tree.check(missingParent, cycles, options);
                Column parent = cols.get("parentSourcedId");
                if (missingParent.count > 0) {
                    add(f, REFERENCE_NOT_FOUND, parent, Message.WARNING, missingParent, missingParent.count
                            + " row(s) have referenced data not found in source. Field - parentSourcedId");
                }
                if (cycles.count > 0) {
                    add(f, PARENT_CYCLE, parent, Message.ERROR, cycles, cycles.count + " org(s) are their own "
                            + "ancestor: their parentSourcedId chain loops back to them. Give each org a parent "
                            + "higher up (or none) and send the batch again.");
                }
            }
            Column contact = cols.get("relationshipUserSourcedId");
            if (contact != null && contact.flagged.count > 0) {
                add(f, INCOMPLETE_CONTACT, contact, Message.ERROR, contact.flagged, contact.flagged.count + " row(s) "
                        + "name a contact whose users.csv row lacks givenName, familyName or email, which SDS "
                        + "requires for contacts. Field - relationshipUserSourcedId");
            }
        }
    }
}
