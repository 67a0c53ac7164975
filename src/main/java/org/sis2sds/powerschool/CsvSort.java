package org.sis2sds.powerschool;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.sis2sds.batch.CsvRowReader;
import org.sis2sds.batch.CsvWriter;

/**
 * Sorts the data rows of a CSV file in place, with bounded memory (sorted runs of {@code chunk} rows, then a k-way
 * merge), so an extraction whose pages arrived in any order still gives byte-identical files for identical data.
 * Rows compare cell by cell: whole numbers (no leading zero) first, by value, then other text.
 */
final class CsvSort {
    static final Comparator<String[]> ROWS = (a, b) -> {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c = cell(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    };

    private CsvSort() {
    }

    /** Whole numbers first, by value; then everything else, as text (a total order). */
    static int cell(String a, String b) {
        boolean na = isNumber(a);
        boolean nb = isNumber(b);
        if (na && nb) {
            int c = Integer.compare(a.length(), b.length());
            return c != 0 ? c : a.compareTo(b);
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 18 || (s.length() > 1 && s.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The data rows of a file (its header skipped), read with the validator's reader. */
    private static final class Rows implements Iterator<String[]>, Closeable {
        private final CsvRowReader r;
        private boolean ready;
        private boolean more;

        Rows(Path file) throws IOException {
            r = CsvRowReader.open(file);
            r.next(); // the header
        }

        @Override
        public boolean hasNext() {
            if (!ready) {
                try {
                    more = r.next();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                ready = true;
            }
            return more;
        }

        @Override
        public String[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ready = false;
            return r.fields().toArray(String[]::new);
        }

        @Override
        public void close() throws IOException {
            r.close();
        }
    }

    static void sort(Path file, List<String> header, int chunk) throws IOException {
        List<Path> runs = new ArrayList<>();
        try (Rows p = new Rows(file)) {
            List<String[]> buf = new ArrayList<>();
            while (p.hasNext()) {
                buf.add(p.next());
                if (buf.size() >= chunk) {
                    runs.add(run(file, runs.size(), header, buf));
                    buf.clear();
                }
            }
            if (!buf.isEmpty() || runs.isEmpty()) {
                runs.add(run(file, runs.size(), header, buf));
            }
        }
        if (runs.size() == 1) {
            Files.move(runs.get(0), file, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        Path merged = file.resolveSibling(file.getFileName() + ".merged");
        List<Rows> parsers = new ArrayList<>();
        try (CsvWriter w = new CsvWriter(merged, header)) {
            record Head(String[] row, Iterator<String[]> rest) {
            }
            PriorityQueue<Head> q = new PriorityQueue<>((x, y) -> ROWS.compare(x.row(), y.row()));
            for (Path run : runs) {
                Rows it = new Rows(run);
                parsers.add(it);
                if (it.hasNext()) {
                    q.add(new Head(it.next(), it));
                }
            }
            while (!q.isEmpty()) {
                Head h = q.poll();
                w.write(h.row());
                if (h.rest().hasNext()) {
                    q.add(new Head(h.rest().next(), h.rest()));
                }
            }
        } finally {
            for (Rows p : parsers) {
                p.close();
            }
        }
        for (Path run : runs) {
            Files.deleteIfExists(run);
        }
        Files.move(merged, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path run(Path file, int n, List<String> header, List<String[]> rows) throws IOException {
        String[][] a = rows.toArray(String[][]::new);
        Arrays.sort(a, ROWS);
        Path run = file.resolveSibling(file.getFileName() + ".run" + n);
        try (CsvWriter w = new CsvWriter(run, header)) {
            for (String[] r : a) {
                w.write(r);
            }
        }
        return run;
    }
}
