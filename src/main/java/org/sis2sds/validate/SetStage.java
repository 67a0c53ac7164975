package org.sis2sds.validate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The second half of a file's checks (V06 formats, V07 duplicates, V08 references), fed with chunks holding copies of
 * the cells to check and the 64-bit hashes of the ID cells. It runs inline for small files and on a second thread for
 * large ones, so that the reading thread (parse, V05, V09, hashing) and the format checks and random memory accesses
 * of the hash sets overlap. The chunks are processed in file order, so row numbers and samples come out exactly as in
 * a single-threaded run.
 */
final class SetStage {
    static final int CHUNK_ROWS = 4096;
    private static final int CHUNK_BYTES = 1 << 18;
    private static final int IN_FLIGHT = 4;
    private static final Chunk END = new Chunk(0);

    /** Rows of cells (start -1 = blank, nothing to check) and the value bytes behind them. */
    static final class Chunk {
        final int width;
        long firstRow;
        int rows;
        final int[] starts;
        final int[] ends;
        byte[] bytes = new byte[CHUNK_BYTES];
        int used;

        Chunk(int width) {
            this.width = width;
            this.starts = new int[CHUNK_ROWS * Math.max(1, width)];
            this.ends = new int[starts.length];
        }

        boolean full() {
            return rows == CHUNK_ROWS || used > CHUNK_BYTES - 4096;
        }

        /** Records the hash and the value of one cell of the current row. */
        void put(int slot, byte[] b, int from, int to) {
            int len = to - from;
            if (used + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + len));
            }
            if (len <= 16) { // IDs are short: a plain loop beats arraycopy's set-up
                byte[] dst = bytes;
                int u = used;
                for (int i = 0; i < len; i++) {
                    dst[u + i] = b[from + i];
                }
            } else {
                System.arraycopy(b, from, bytes, used, len);
            }
            starts[slot] = used;
            used += len;
            ends[slot] = used;
        }

        /** A blank cell: nothing to check. */
        void skip(int slot) {
            starts[slot] = -1;
        }

        /** A row the first stage rejected (V09): nothing to check. */
        void skipRow(int base) {
            for (int j = 0; j < width; j++) {
                starts[base + j] = -1;
            }
        }

        void reset(long firstRow) {
            this.firstRow = firstRow;
            rows = 0;
            used = 0;
        }
    }

    private final Validator.Col[] cols;
    private final ValidationOptions options;
    private final BlockingQueue<Chunk> full;
    private final BlockingQueue<Chunk> free;
    private final Thread thread;
    private volatile Throwable failure;
    private Chunk current;
    private final byte[] scratch = new byte[256];
    private final long[] hashes = new long[CHUNK_ROWS];

    SetStage(Validator.Col[] cols, ValidationOptions options, boolean parallel) {
        this.cols = cols;
        this.options = options;
        if (parallel) {
            full = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
            free = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
            for (int i = 0; i < IN_FLIGHT; i++) {
                free.add(new Chunk(cols.length));
            }
            thread = new Thread(this::run, "sis2sds-validate-sets");
            thread.setDaemon(true);
            thread.start();
        } else {
            full = null;
            free = null;
            thread = null;
        }
        current = new Chunk(cols.length);
        current.reset(1);
    }

    /** The chunk to fill with the current row (slot = row index * width + column index). */
    Chunk chunk() {
        return current;
    }

    /** Ends the current row; hands the chunk over when it is full. */
    void rowDone(long row) throws InterruptedException {
        current.rows++;
        if (current.full()) {
            handOver(row + 1);
        }
    }

    private void handOver(long nextRow) throws InterruptedException {
        if (thread == null) {
            process(current);
            current.reset(nextRow);
        } else {
            full.put(current);
            Chunk next = free.take();
            next.reset(nextRow);
            current = next;
        }
    }

    /** Processes what is left and waits for the set thread to finish. */
    void finish() throws InterruptedException {
        if (current.rows > 0) {
            handOver(0);
        }
        close();
    }

    /** Stops the set thread (also after a failure of the reading thread). */
    void close() throws InterruptedException {
        if (thread != null && thread.isAlive()) {
            full.put(END);
            thread.join();
        }
        if (failure != null) {
            throw new IllegalStateException("validation failed: " + failure, failure);
        }
    }

    private void run() {
        try {
            while (true) {
                Chunk c = full.take();
                if (c == END) {
                    return;
                }
                try {
                    if (failure == null) {
                        process(c);
                    }
                } catch (Throwable t) {
                    failure = t;
                }
                free.put(c);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Checks a chunk column by column: first the formats and hashes of the whole column, then its set operations in
     * a tight loop, so that the processor overlaps the cache misses of the (large) hash sets.
     */
    private void process(Chunk c) {
        int w = c.width;
        int n = c.rows;
        int[] starts = c.starts;
        int[] ends = c.ends;
        byte[] bytes = c.bytes;
        long[] hs = hashes;
        for (int j = 0; j < w; j++) {
            Validator.Col col = cols[j];
            int format = col.format;
            boolean hashed = col.hashed;
            boolean ci = col.caseInsensitive;
            for (int i = 0, slot = j; i < n; i++, slot += w) {
                int s = starts[slot];
                if (s < 0) {
                    continue;
                }
                if (format != Formats.NONE && !Formats.valid(format, bytes, s, ends[slot])) {
                    col.invalid.hit(c.firstRow + i, value(c, slot), options);
                }
                if (hashed) {
                    hs[i] = ci ? Validator.lowerHash(bytes, s, ends[slot], scratch) : Hash64.hash(bytes, s, ends[slot]);
                }
            }
            if (!hashed) {
                continue;
            }
            LongHashSet unique = col.unique;
            if (unique != null) {
                for (int i = 0, slot = j; i < n; i++, slot += w) {
                    if (starts[slot] >= 0 && !unique.add(hs[i])) {
                        col.duplicates.hit(c.firstRow + i, value(c, slot), options);
                    }
                }
            }
            LongHashSet target = col.target;
            if (target != null) {
                long[] found = col.found;
                for (int i = 0, slot = j; i < n; i++, slot += w) {
                    if (starts[slot] < 0) {
                        continue;
                    }
                    long h = hs[i];
                    if (h == col.lastFound && col.hasLastFound) {
                        continue;
                    }
                    // exports are usually sorted (all enrollments of one student together): remember the last hit,
                    // and keep recent hits in a small cache (the sections of one school recur student after student)
                    int fi = (int) h & (found.length - 1);
                    if ((found[fi] == h && h != 0) || target.contains(h)) {
                        found[fi] = h;
                        col.lastFound = h;
                        col.hasLastFound = true;
                    } else {
                        col.missingRef.hit(c.firstRow + i, value(c, slot), options);
                    }
                }
            }
        }
    }

    private static String value(Chunk c, int slot) {
        return new String(c.bytes, c.starts[slot], c.ends[slot] - c.starts[slot], StandardCharsets.UTF_8);
    }
}
