package org.sis2sds.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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

    private static final int MAX_SAMPLE_CHARS = 100;

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
        List<Sorted> out = new ArrayList<>();
        Map<String, Long> rowCounts = new LinkedHashMap<>();
        Map<SdsFile, LongHashSet> keys = new EnumMap<>(SdsFile.class);
        for (SdsFile f : SdsFile.values()) {
            Optional<Path> p = batch.file(f);
            if (p.isEmpty()) {
                out.add(new Sorted(f.ordinal(), V01, -1, new Message(Message.ERROR, f.messageName(),
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
        out.sort(Comparator.comparingInt(Sorted::file).thenComparing(Sorted::rule).thenComparingInt(Sorted::pos));
        return new ValidationResult(out.stream().map(Sorted::message).toList(), rowCounts);
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

    private long checkFile(SdsFile f, Path path, Map<SdsFile, LongHashSet> keys, List<Sorted> out)
            throws IOException {
        String fn = f.messageName();
        int fo = f.ordinal();
        try (CsvRowReader r = CsvRowReader.open(path, bufferSize)) {
            if (!r.next()) {
                out.add(new Sorted(fo, V02, -1, new Message(Message.ERROR, fn, "Header row missing", V02, null, null,
                        null, null)));
                return 0;
            }
            // ---- header
            int width = r.size();
            List<String> header = new ArrayList<>(width);
            for (int k = 0; k < width; k++) {
                header.add(r.get(k).strip());
            }
            Map<String, Integer> first = new LinkedHashMap<>();
            Set<String> reportedDup = new HashSet<>();
            Set<String> reportedUnknown = new HashSet<>();
            for (int k = 0; k < width; k++) {
                String name = header.get(k);
                Integer prev = first.putIfAbsent(name, k);
                if (prev != null && !name.isEmpty() && reportedDup.add(name)) {
                    out.add(new Sorted(fo, V04, prev, new Message(Message.ERROR, fn,
                            "Duplicate column found - " + name, V04, name, null, null, null)));
                }
                if (!f.knows(name) && reportedUnknown.add(name)) {
                    out.add(new Sorted(fo, V12, k, new Message(Message.WARNING, fn,
                            "Unknown column ignored - " + name, V12, name, null, null, null)));
                }
            }
            List<String> required = f.requiredColumns();
            for (int q = 0; q < required.size(); q++) {
                String name = required.get(q);
                if (!first.containsKey(name)) {
                    out.add(new Sorted(fo, V03, q, new Message(Message.ERROR, fn,
                            "Required column missing - " + name, V03, name, null, null, null)));
                }
            }
            // ---- column checks (first occurrence of each known column)
            // presize the sets: rows are usually about as long as the header (at least 48 bytes assumed)
            int headerBytes = header.stream().mapToInt(String::length).sum() + width;
            int expectedRows = (int) Math.min(1 << 24, Files.size(path) / Math.max(48, headerBytes));
            Set<String> synced = options.optionalPropertiesToSync().getOrDefault(f, Set.of());
            List<Col> cols = new ArrayList<>();
            for (Map.Entry<String, Integer> e : first.entrySet()) {
                String name = e.getKey();
                if (!f.knows(name)) {
                    continue;
                }
                Col c = new Col(name, e.getValue());
                c.required = required.contains(name);
                c.syncedOptional = !c.required && synced.contains(name);
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
                if (c.required || c.syncedOptional || c.format != Formats.NONE || c.unique != null
                        || c.target != null) {
                    cols.add(c);
                }
            }
            Col[] checks = cols.toArray(Col[]::new);
            List<Col> staged = new ArrayList<>(); // columns the second stage checks (V06, V07, V08)
            for (Col c : checks) {
                c.hashed = c.unique != null || c.target != null;
                if (c.hashed || c.format != Formats.NONE) {
                    c.slot = staged.size();
                    staged.add(c);
                }
            }
            // ---- rows
            Tally fieldCount = new Tally();
            boolean parallel = !staged.isEmpty() && Files.size(path) >= parallelThreshold;
            SetStage sets = new SetStage(staged.toArray(Col[]::new), options, parallel);
            r.setBufferHandoff(sets); // the second stage reads the cells where the reader left them
            long rows;
            try {
                rows = checkRows(r, checks, width, fieldCount, sets);
                sets.finish();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("validation interrupted");
            } finally {
                try {
                    sets.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // ---- messages
            for (Col c : checks) {
                if (c.missing.count > 0) {
                    out.add(new Sorted(fo, V05, c.pos, c.missing.message(c.required ? Message.ERROR : Message.WARNING,
                            fn, c.missing.count + " row(s) have missing data for the field - " + c.name, V05,
                            c.name)));
                }
                if (c.invalid.count > 0) {
                    out.add(new Sorted(fo, V06, c.pos, c.invalid.message(Message.ERROR, fn,
                            c.invalid.count + " row(s) have an invalid format for the field - " + c.name, V06,
                            c.name)));
                }
                if (c.duplicates.count > 0) {
                    out.add(new Sorted(fo, V07, c.pos, c.duplicates.message(c.uniqueType, fn, c.duplicates.count
                            + " duplicates found in column " + c.name + " which requires values to be Unique.", V07,
                            c.name)));
                }
                if (c.missingRef.count > 0) {
                    out.add(new Sorted(fo, V08, c.pos, c.missingRef.message(Message.ERROR, fn, c.missingRef.count
                            + " row(s) have referenced data not found in source. Field - " + c.name, V08, c.name)));
                }
            }
            if (fieldCount.count > 0) {
                out.add(new Sorted(fo, V09, -1, fieldCount.message(Message.ERROR, fn,
                        fieldCount.count + " row(s) have a different number of fields than the header", V09, null)));
            }
            if (rows > options.maxRows()) {
                out.add(new Sorted(fo, V10, -1, new Message(Message.ERROR, fn, "File exceeds the maximum of "
                        + options.maxRows() + " rows", V10, null, rows, null, null)));
            }
            if (r.malformed()) {
                long rec = r.firstMalformedRecord();
                out.add(new Sorted(fo, V11, -1, new Message(Message.ERROR, fn, "File is not valid UTF-8 text", V11,
                        null, null, rec > 1 ? List.of(rec - 1) : null, null)));
            }
            return rows;
        }
    }

    /**
     * Reads every data row: V09 and V05 here; the cells the second stage checks (V06, V07, V08) go into its chunk. Returns the number of data rows. Kept small so that the JIT compiles it well.
     */
    private long checkRows(CsvRowReader r, Col[] checks, int width, Tally fieldCount, SetStage sets)
            throws IOException, InterruptedException {
        long rows = 0;
        while (r.next()) {
            long row = ++rows;
            SetStage.Chunk chunk = sets.chunk();
            int base = chunk.rows * chunk.width;
            if (r.size() != width) {
                fieldCount.hit(row, null, options);
                chunk.skipRow(base);
            } else {
                for (Col c : checks) {
                    check(c, r, row, chunk, base);
                }
            }
            sets.rowDone(row);
        }
        return rows;
    }

    private void check(Col c, CsvRowReader r, long row, SetStage.Chunk chunk, int base) {
        int k = c.pos;
        if (r.isBlank(k)) {
            if (c.required || c.syncedOptional) {
                c.missing.hit(row, null, options);
            }
            if (c.slot >= 0) {
                chunk.skip(base + c.slot);
            }
            return;
        }
        if (c.slot >= 0) {
            chunk.put(base + c.slot, r.buffer(), r.start(k), r.end(k));
        }
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

    private record Sorted(int file, String rule, int pos, Message message) {
    }

    /** The checks of one column. */
    static final class Col {
        int slot = -1;
        boolean hashed;
        final String name;
        final int pos;
        boolean required;
        boolean syncedOptional;
        int format;
        LongHashSet unique;
        boolean caseInsensitive;
        String uniqueType;
        LongHashSet target;
        long lastFound;
        boolean hasLastFound;
        /** A direct-mapped cache of hashes found in {@link #target} (hot sections and schools). */
        final long[] found = new long[4096];
        final Tally missing = new Tally();
        final Tally invalid = new Tally();
        final Tally duplicates = new Tally();
        final Tally missingRef = new Tally();

        Col(String name, int pos) {
            this.name = name;
            this.pos = pos;
        }
    }

    /** The count, first row numbers and sample values of one (column, rule). */
    static final class Tally {
        long count;
        List<Long> rows;
        LinkedHashSet<String> samples;

        void hit(long row, String value, ValidationOptions o) {
            count++;
            if (rows == null) {
                rows = new ArrayList<>();
            }
            if (rows.size() < o.maxRowNumbers()) {
                rows.add(row);
            }
            if (value != null) {
                if (samples == null) {
                    samples = new LinkedHashSet<>();
                }
                if (samples.size() < o.maxSamples()) {
                    samples.add(value.length() > MAX_SAMPLE_CHARS ? value.substring(0, MAX_SAMPLE_CHARS) + "…" : value);
                }
            }
        }

        Message message(String type, String fileName, String description, String rule, String column) {
            return new Message(type, fileName, description, rule, column, count, List.copyOf(rows),
                    samples == null ? null : List.copyOf(samples));
        }
    }
}
