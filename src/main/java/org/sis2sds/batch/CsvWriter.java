package org.sis2sds.batch;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes one RFC 4180 CSV file (UTF-8, no BOM, CRLF), row by row: nothing is held in memory. */
public final class CsvWriter implements Closeable {
    private final BufferedWriter out;
    private final int columns;
    private long rows;

    public CsvWriter(Path file, List<String> header) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.columns = header.size();
        write(header.toArray(String[]::new));
        rows = 0;
    }

    /** Writes a row; a null cell is written empty. */
    public void write(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        try {
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(quote(cells[i]));
            }
            out.write("\r\n");
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Data rows written so far (the header excluded). */
    public long rows() {
        return rows;
    }

    static String quote(String v) {
        if (v == null) {
            return "";
        }
        boolean needs = false;
        for (int i = 0; i < v.length() && !needs; i++) {
            char c = v.charAt(i);
            needs = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return needs ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
