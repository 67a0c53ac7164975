package org.sis2sds.validate;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import org.sis2sds.batch.CsvRowReader;

/**
 * Reads the data rows of one file in two stages: the reading thread parses each row and checks its width, blank cells
 * and line breaks (and calls the file's {@link RowHook}); the cells the other rules need go to a {@link SetStage}
 * (inline for small files, a second thread for large ones). Shared by the v1 and v2.1 validators.
 */
final class RowScan {
    /**
     * Per-row work of one file on the reading thread (rows whose width matches the header only). Returns whether to
     * mark the row for the second stage ({@link Column#collectInto}).
     */
    @FunctionalInterface
    interface RowHook {
        boolean row(CsvRowReader r, long row);
    }

    /** Data rows read (a row cut by a too-long record not counted). */
    long rows;
    /** Rows with another width than the header. */
    final Tally fieldCount = new Tally();
    /** The data row that exceeded the record cap (the file was not read past it), or 0. */
    long tooLongRow;

    private RowScan() {
    }

    /**
     * Scans the rest of {@code r} (its header already read) with the checks of {@code checks}.
     *
     * @param parallel whether the second stage runs on a thread of its own
     */
    static RowScan run(CsvRowReader r, Column[] checks, int width, ValidationOptions options, boolean parallel,
                       RowHook hook) throws IOException {
        List<Column> staged = new ArrayList<>();
        for (Column c : checks) {
            c.hashed = c.unique != null || c.target != null || c.collectInto != null || c.flagIfIn != null;
            if (c.staged()) {
                c.slot = staged.size();
                staged.add(c);
            }
        }
        List<Column> every = new ArrayList<>();
        List<Column> lineBreakOnly = new ArrayList<>();
        for (Column c : checks) {
            (c.lineBreakOnly() ? lineBreakOnly : every).add(c);
        }
        RowScan scan = new RowScan();
        SetStage sets = new SetStage(staged.toArray(Column[]::new), options, parallel && !staged.isEmpty());
        r.setBufferHandoff(sets); // the second stage reads the cells where the reader left them
        try {
            scan.rows(r, every.toArray(Column[]::new), lineBreakOnly.toArray(Column[]::new), width, options, sets,
                    hook);
            sets.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("validation interrupted");
        } finally {
            try {
                sets.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return scan;
    }

    /** The row loop, kept small so that the JIT compiles it well. */
    private void rows(CsvRowReader r, Column[] checks, Column[] lineBreakOnly, int width, ValidationOptions o,
                      SetStage sets, RowHook hook) throws IOException, InterruptedException {
        long row = 0;
        while (true) {
            try {
                if (!r.next()) {
                    break;
                }
            } catch (CsvRowReader.RecordTooLongException e) {
                tooLongRow = e.record() - 1;
                break;
            }
            row++;
            SetStage.Chunk chunk = sets.chunk();
            int base = chunk.rows * chunk.width;
            if (r.size() != width) {
                fieldCount.hit(row, null, o);
                chunk.skipRow(base);
            } else {
                byte[] b = r.buffer();
                chunk.bytes = b;
                for (Column c : checks) {
                    check(c, r, b, row, chunk, base, o);
                }
                if (lineBreakOnly.length > 0 && r.hasLineBreak()) {
                    for (Column c : lineBreakOnly) {
                        if (r.hasLineBreak(c.pos)) {
                            c.lineBreak.hit(row, c.secret ? null : r.get(c.pos), o);
                        }
                    }
                }
                if (hook != null) {
                    chunk.marks[chunk.rows] = hook.row(r, row);
                }
            }
            sets.rowDone(row);
        }
        rows = row;
    }

    private static void check(Column c, CsvRowReader r, byte[] b, long row, SetStage.Chunk chunk, int base,
                              ValidationOptions o) {
        int k = c.pos;
        int s = r.start(k);
        int e = r.end(k);
        // a cell that starts with a visible ASCII character is not blank: the common case, decided at once
        if (s == e || (b[s] <= ' ' && r.isBlank(k))) {
            c.blankRow = row;
            if (c.reportBlank) {
                c.missing.hit(row, null, o);
            }
            if (c.slot >= 0) {
                chunk.skip(base + c.slot);
            }
            return;
        }
        if (c.lineBreaks && r.hasLineBreak() && r.hasLineBreak(k)) {
            c.lineBreak.hit(row, c.secret ? null : r.get(k), o);
            if (c.slot >= 0) {
                chunk.skip(base + c.slot);
            }
            return;
        }
        if (c.slot >= 0) {
            chunk.put(base + c.slot, s, e);
        }
    }
}
