package org.sis2sds.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sis2sds.batch.CsvRowReader;
import org.sis2sds.batch.SdsBatch;
import org.sis2sds.batch.SdsFile;

/**
 * Checks one SDS v1 batch folder exactly as SDS would (validation-rules.md, V01–V12), streaming: memory grows with
 * the number of distinct IDs, never with the number of rows.
 *
 * <p>The files are read once each, in SDS order (school, section, student, teacher, studentenrollment,
 * teacherroster), so every reference target is known before the file that refers to it. SIS IDs and usernames are
 * kept as 64-bit hashes in {@link LongHashSet}s (about 16 bytes per value); a set is dropped once no later file
 * refers to it.
 */
public final class Validator {
    static final String V01 = "V01";
    static final String V02 = "V02";
    static final String V03 = "V03";
    static final String V04 = "V04";
    static final String V05 = "V05";
    static final String V06 = "V06";
    static final String V07 = "V07";
    static final String V08 = "V08";
    static final String V09 = "V09";
    static final String V10 = "V10";
    static final String V11 = "V11";
    static final String V12 = "V12";
    static final String V13 = "V13";

    private final ValidationOptions options;
    /** Files at least this large (bytes) run their set checks on a second thread. */
    long parallelThreshold = 4L << 20;
    /** The reader's buffer size (tests make it tiny to exercise buffer hand-overs). */
    int bufferSize = 1 << 18;

    public Validator(ValidationOptions options) {
        this.options = options;
    }

    public Validator() {
        this(ValidationOptions.defaults());
    }

    public ValidationOptions options() {
        return options;
    }

    /** Validates the batch in {@code dir}. I/O problems (unreadable folder) are thrown; bad content is a message. */
    public ValidationResult validate(Path dir) throws IOException {
        SdsBatch batch = SdsBatch.locate(dir);
        List<Placed> out = new ArrayList<>();
        Map<String, Long> rowCounts = new LinkedHashMap<>();
        Map<SdsFile, LongHashSet> keys = new EnumMap<>(SdsFile.class);
        for (SdsFile f : SdsFile.values()) {
            Optional<Path> p = batch.file(f);
            if (p.isEmpty()) {
                out.add(new Placed(f.ordinal(), V01, -1, new Message(Message.ERROR, f.messageName(),
                        "File not found - " + f.messageName(), V01, null, null, null, null)));
                rowCounts.put(f.entity(), 0L);
            } else {
                rowCounts.put(f.entity(), checkFile(f, p.get(), keys, out));
            }
            // drop key sets no later file refers to
            if (f == SdsFile.TEACHER) {
                keys.remove(SdsFile.SCHOOL);
            } else if (f == SdsFile.STUDENT_ENROLLMENT) {
                keys.remove(SdsFile.STUDENT);
            }
        }
        out.sort(Placed.ORDER);
        return new ValidationResult(out.stream().map(Placed::message).toList(), rowCounts);
    }

    /** The key file and column a reference column of {@code f} points at, or null. */
    static SdsFile target(SdsFile f, String column) {
        switch (f) {
            case SECTION, STUDENT, TEACHER:
                return "School SIS ID".equals(column) ? SdsFile.SCHOOL : null;
            case STUDENT_ENROLLMENT:
                return "Section SIS ID".equals(column) ? SdsFile.SECTION
                        : "SIS ID".equals(column) ? SdsFile.STUDENT : null;
            case TEACHER_ROSTER:
                return "Section SIS ID".equals(column) ? SdsFile.SECTION
                        : "SIS ID".equals(column) ? SdsFile.TEACHER : null;
            default:
                return null;
        }
    }

    /** Whether {@code f}'s "SIS ID" is the key other files refer to. */
    static boolean isKeyFile(SdsFile f) {
        return f == SdsFile.SCHOOL || f == SdsFile.SECTION || f == SdsFile.STUDENT || f == SdsFile.TEACHER;
    }

    private long checkFile(SdsFile f, Path path, Map<SdsFile, LongHashSet> keys, List<Placed> out)
            throws IOException {
        String fn = f.messageName();
        int fo = f.ordinal();
        try (CsvRowReader r = CsvRowReader.open(path, bufferSize, options.maxRecordBytes())) {
            if (r.utf16() != null) { // nothing else can be read right: say only this
                out.add(new Placed(fo, V11, -1, new Message(Message.ERROR, fn, "File is not valid UTF-8 text", V11,
                        null, null, null, null)));
                return 0;
            }
            boolean hasHeader;
            try {
                hasHeader = r.next();
            } catch (CsvRowReader.RecordTooLongException e) {
                out.add(new Placed(fo, V13, -1, tooLong(fn, 0, V13)));
                return 0;
            }
            if (!hasHeader) {
                out.add(new Placed(fo, V02, -1, new Message(Message.ERROR, fn, "Header row missing", V02, null, null,
                        null, null)));
                return 0;
            }
            // ---- header
            Header header = new Header(r);
            int width = header.width();
            header.duplicated.forEach((name, prev) -> out.add(new Placed(fo, V04, prev, new Message(Message.ERROR, fn,
                    "Duplicate column found - " + name, V04, name, null, null, null))));
            Set<String> reportedUnknown = new HashSet<>();
            for (int k = 0; k < width; k++) {
                String name = header.names.get(k);
                if (!f.knows(name) && reportedUnknown.add(name)) {
                    out.add(new Placed(fo, V12, k, new Message(Message.WARNING, fn,
                            "Unknown column ignored - " + name, V12, name, null, null, null)));
                }
            }
            List<String> required = f.requiredColumns();
            for (int q = 0; q < required.size(); q++) {
                String name = required.get(q);
                if (!header.first.containsKey(name)) {
                    out.add(new Placed(fo, V03, q, new Message(Message.ERROR, fn,
                            "Required column missing - " + name, V03, name, null, null, null)));
                }
            }
            // ---- column checks (first occurrence of each known column)
            // presize the sets: rows are usually about as long as the header (at least 48 bytes assumed)
            int expectedRows = (int) Math.min(1 << 24, Files.size(path) / Math.max(48, header.bytes()));
            Set<String> synced = options.optionalPropertiesToSync().getOrDefault(f, Set.of());
            List<Column> cols = new ArrayList<>();
            for (Map.Entry<String, Integer> e : header.first.entrySet()) {
                String name = e.getKey();
                if (!f.knows(name)) {
                    continue;
                }
                Column c = new Column(name, e.getValue());
                c.required = required.contains(name);
                c.syncedOptional = !c.required && synced.contains(name);
                c.reportBlank = c.required || c.syncedOptional;
                c.format = Formats.of(name);
                if (f.uniqueColumns().contains(name)) {
                    c.unique = new LongHashSet(expectedRows);
                    c.caseInsensitive = "Username".equals(name);
                    c.uniqueType = f == SdsFile.STUDENT || f == SdsFile.TEACHER ? Message.WARNING : Message.ERROR;
                    if ("SIS ID".equals(name) && isKeyFile(f)) {
                        keys.put(f, c.unique);
                    }
                }
                SdsFile t = target(f, name);
                if (t != null) {
                    c.target = keys.get(t); // absent: target file missing, empty or without its key column
                }
                if (c.reportBlank || c.staged()) {
                    cols.add(c);
                }
            }
            Column[] checks = cols.toArray(Column[]::new);
            // ---- rows
            boolean parallel = Files.size(path) >= parallelThreshold;
            RowScan scan = RowScan.run(r, checks, width, options, parallel, null);
            long rows = scan.rows;
            // ---- messages
            for (Column c : checks) {
                if (c.missing.count > 0) {
                    out.add(new Placed(fo, V05, c.pos, c.missing.message(c.required ? Message.ERROR : Message.WARNING,
                            fn, c.missing.count + " row(s) have missing data for the field - " + c.name, V05,
                            c.name)));
                }
                if (c.invalid.count > 0) {
                    out.add(new Placed(fo, V06, c.pos, c.invalid.message(Message.ERROR, fn,
                            c.invalid.count + " row(s) have an invalid format for the field - " + c.name, V06,
                            c.name)));
                }
                if (c.duplicates.count > 0) {
                    out.add(new Placed(fo, V07, c.pos, c.duplicates.message(c.uniqueType, fn, c.duplicates.count
                            + " duplicates found in column " + c.name + " which requires values to be Unique.", V07,
                            c.name)));
                }
                if (c.missingRef.count > 0) {
                    out.add(new Placed(fo, V08, c.pos, c.missingRef.message(Message.ERROR, fn, c.missingRef.count
                            + " row(s) have referenced data not found in source. Field - " + c.name, V08, c.name)));
                }
            }
            Tally fieldCount = scan.fieldCount;
            if (fieldCount.count > 0) {
                out.add(new Placed(fo, V09, -1, fieldCount.message(Message.ERROR, fn,
                        fieldCount.count + " row(s) have a different number of fields than the header", V09, null)));
            }
            if (rows > options.maxRows()) {
                out.add(new Placed(fo, V10, -1, new Message(Message.ERROR, fn, "File exceeds the maximum of "
                        + options.maxRows() + " rows", V10, null, rows, null, null)));
            }
            if (r.malformed()) {
                long rec = r.firstMalformedRecord();
                out.add(new Placed(fo, V11, -1, new Message(Message.ERROR, fn, "File is not valid UTF-8 text", V11,
                        null, null, rec > 1 ? List.of(rec - 1) : null, null)));
            }
            if (scan.tooLongRow > 0) {
                out.add(new Placed(fo, V13, -1, tooLong(fn, scan.tooLongRow, V13)));
                keys.remove(f); // its keys are incomplete: references into it are not checked
            }
            return rows;
        }
    }

    /**
     * The message for a record longer than the cap: where it starts, and that the file was not read further (its
     * end cannot be found without holding the rest of the file in memory).
     *
     * @param row the data row (0: the header)
     */
    Message tooLong(String fileName, long row, String rule) {
        String where = row == 0 ? "The header row" : "Row " + row;
        return new Message(Message.ERROR, fileName, where + " is longer than " + human(options.maxRecordBytes())
                + " (sis2sds.validation.max-record-size): a line break is missing or a quote is not closed; the "
                + "file was not read past it", rule, null, null, row == 0 ? null : List.of(row), null);
    }

    static String human(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KB";
        }
        return bytes + " bytes";
    }

    /** The hash of a username, compared case-insensitively. */
    static long lowerHash(byte[] b, int s, int e, byte[] scratch) {
        int len = e - s;
        if (len > scratch.length) {
            return lowerHashSlow(b, s, e);
        }
        for (int i = 0; i < len; i++) {
            byte c = b[s + i];
            if (c < 0) {
                return lowerHashSlow(b, s, e);
            }
            scratch[i] = c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
        }
        return Hash64.hash(scratch, 0, len);
    }

    private static long lowerHashSlow(byte[] b, int s, int e) {
        byte[] v = new String(b, s, e - s, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT)
                .getBytes(StandardCharsets.UTF_8);
        return Hash64.hash(v, 0, v.length);
    }

}
