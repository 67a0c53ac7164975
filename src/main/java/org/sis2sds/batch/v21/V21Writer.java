package org.sis2sds.batch.v21;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sis2sds.batch.CsvWriter;
import org.sis2sds.batch.V21File;

/**
 * Writes an SDS v2.1 batch row by row (UTF-8, CRLF, RFC 4180 quoting; nothing held in memory). The files to write
 * are named up front and each gets its header at once, so a file without rows is still written (SDS wants the same
 * file set every time: a file left out deactivates all its records). Line breaks inside values, which SDS does not
 * accept, are written as one space each.
 *
 * <pre>{@code
 * try (V21Writer w = V21Writer.open(dir, V21Writer.ROSTER)) {
 *     w.write(new OrgRow("SCH1", "Lincoln High", "school", "DIST"));
 *     ...
 * }
 * }</pre>
 */
public final class V21Writer implements Closeable {
    /** The files of a roster without demographics, flags or contacts. */
    public static final Set<V21File> ROSTER = Set.of(V21File.ORGS, V21File.ACADEMIC_SESSIONS, V21File.COURSES,
            V21File.USERS, V21File.CLASSES, V21File.ROLES, V21File.ENROLLMENTS);
    /** Every v2.1 file. */
    public static final Set<V21File> ALL = Set.of(V21File.values());

    private final Map<V21File, CsvWriter> writers = new EnumMap<>(V21File.class);

    private V21Writer() {
    }

    /** Creates {@code dir} if needed and starts each of {@code files} (replacing files of the same name). */
    public static V21Writer open(Path dir, Collection<V21File> files) throws IOException {
        Files.createDirectories(dir);
        V21Writer w = new V21Writer();
        try {
            for (V21File f : V21File.values()) {
                if (files.contains(f)) {
                    w.writers.put(f, new CsvWriter(dir.resolve(f.canonicalName()), header(f)));
                }
            }
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
        return w;
    }

    /**
     * The header written for a file: its columns in the order of Microsoft's samples, without the columns whose use
     * the research could not confirm (users.csv userNumber, classes.csv code), which the validator still accepts.
     */
    public static List<String> header(V21File f) {
        return f.columnNames().stream().filter(c -> !(f == V21File.USERS && c.equals("userNumber"))
                && !(f == V21File.CLASSES && c.equals("code"))).toList();
    }

    /** Writes one row into its file, which must be one of the files this writer was opened with. */
    public void write(V21Row row) {
        CsvWriter w = writers.get(row.file());
        if (w == null) {
            throw new IllegalArgumentException(row.file().canonicalName() + " is not one of the files being written");
        }
        String[] cells = row.cells();
        for (int i = 0; i < cells.length; i++) {
            cells[i] = oneLine(cells[i]);
        }
        w.write(cells);
    }

    /** The data rows written so far into {@code f} (0 for a file not written). */
    public long rows(V21File f) {
        CsvWriter w = writers.get(f);
        return w == null ? 0 : w.rows();
    }

    /** Data rows written per file, for the files being written. */
    public Map<V21File, Long> counts() {
        Map<V21File, Long> m = new LinkedHashMap<>();
        writers.forEach((f, w) -> m.put(f, w.rows()));
        return m;
    }

    static String oneLine(String v) {
        if (v == null || (v.indexOf('\n') < 0 && v.indexOf('\r') < 0)) {
            return v;
        }
        return v.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (CsvWriter w : writers.values()) {
            try {
                w.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
