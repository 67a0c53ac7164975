package org.sis2sds.powerschool;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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

    private static CSVParser parse(Path file) throws IOException {
        Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r);
    }

    static void sort(Path file, List<String> header, int chunk) throws IOException {
        List<Path> runs = new ArrayList<>();
        try (CSVParser p = parse(file)) {
            List<String[]> buf = new ArrayList<>();
            for (CSVRecord rec : p) {
                buf.add(rec.values());
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
        List<CSVParser> parsers = new ArrayList<>();
        try (CsvWriter w = new CsvWriter(merged, header)) {
            record Head(String[] row, Iterator<CSVRecord> rest) {
            }
            PriorityQueue<Head> q = new PriorityQueue<>((x, y) -> ROWS.compare(x.row(), y.row()));
            for (Path run : runs) {
                CSVParser p = parse(run);
                parsers.add(p);
                Iterator<CSVRecord> it = p.iterator();
                if (it.hasNext()) {
                    q.add(new Head(it.next().values(), it));
                }
            }
            while (!q.isEmpty()) {
                Head h = q.poll();
                w.write(h.row());
                if (h.rest().hasNext()) {
                    q.add(new Head(h.rest().next().values(), h.rest()));
                }
            }
        } finally {
            for (CSVParser p : parsers) {
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
