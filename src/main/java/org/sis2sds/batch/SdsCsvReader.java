package org.sis2sds.batch;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one SDS v1 CSV file: the header row (names trimmed), then data rows addressed by column name. Streaming,
 * built on {@link CsvRowReader}. Data rows are numbered from 1 (the header excluded).
 */
public final class SdsCsvReader implements Closeable {
    private final CsvRowReader rows;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private long rowNumber;

    private SdsCsvReader(CsvRowReader rows) throws IOException {
        this.rows = rows;
        if (rows.next()) {
            List<String> h = new ArrayList<>(rows.size());
            for (int k = 0; k < rows.size(); k++) {
                String name = rows.get(k).strip();
                h.add(name);
                index.putIfAbsent(name, k);
            }
            header = Collections.unmodifiableList(h);
        } else {
            header = null;
        }
    }

    public static SdsCsvReader open(Path file) throws IOException {
        CsvRowReader r = CsvRowReader.open(file);
        try {
            return new SdsCsvReader(r);
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** False for an empty file (no header row). */
    public boolean hasHeader() {
        return header != null;
    }

    /** The header's column names, trimmed; empty for an empty file. */
    public List<String> header() {
        return header == null ? List.of() : header;
    }

    /** The position of the first column with this name, or -1. */
    public int column(String name) {
        Integer k = index.get(name);
        return k == null ? -1 : k;
    }

    /** Advances to the next data row; false at the end. */
    public boolean next() throws IOException {
        if (header == null || !rows.next()) {
            return false;
        }
        rowNumber++;
        return true;
    }

    /** The current data row's number, 1-based, header excluded. */
    public long rowNumber() {
        return rowNumber;
    }

    /** The cell at a position, or "" when the row is shorter. */
    public String get(int column) {
        return column >= 0 && column < rows.size() ? rows.get(column) : "";
    }

    /** The cell of the named column, or "" when the file has no such column or the row is shorter. */
    public String get(String column) {
        return get(column(column));
    }

    /** The number of fields of the current row. */
    public int size() {
        return rows.size();
    }

    /** The underlying record reader (byte-level access to the current row). */
    public CsvRowReader rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
