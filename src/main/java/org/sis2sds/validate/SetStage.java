package org.sis2sds.validate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The set half of a file's checks (V07 duplicates, V08 references), fed with chunks of precomputed 64-bit hashes and
 * copies of the hashed values. It runs inline for small files and on a second thread for large ones, so that the
 * reading thread (parse, V05/V06, hashing) and the random memory accesses of the hash sets overlap. The chunks are
 * processed in file order, so row numbers and samples come out exactly as in a single-threaded run.
 */
final class SetStage {
    static final int CHUNK_ROWS = 4096;
    private static final int CHUNK_BYTES = 1 << 18;
    private static final int IN_FLIGHT = 4;
    private static final Chunk END = new Chunk(0);

    /** Rows of hashes (0 = nothing to check) and the value bytes behind them. */
    static final class Chunk {
        final int width;
        long firstRow;
        int rows;
        final long[] hashes;
        final int[] starts;
        final int[] ends;
        byte[] bytes = new byte[CHUNK_BYTES];
        int used;

        Chunk(int width) {
            this.width = width;
            this.hashes = new long[CHUNK_ROWS * Math.max(1, width)];
            this.starts = new int[hashes.length];
            this.ends = new int[hashes.length];
        }

        boolean full() {
            return rows == CHUNK_ROWS || used > CHUNK_BYTES - 4096;
        }

        /** Records the hash and the value of one cell of the current row. */
        void put(int slot, long h, byte[] b, int from, int to) {
            int len = to - from;
            if (used + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + len));
            }
            System.arraycopy(b, from, bytes, used, len);
            hashes[slot] = h == 0 ? 1 : h;
            starts[slot] = used;
            used += len;
            ends[slot] = used;
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

    private void process(Chunk c) {
        int w = c.width;
        long[] hashes = c.hashes;
        for (int i = 0; i < c.rows; i++) {
            int base = i * w;
            for (int j = 0; j < w; j++) {
                long h = hashes[base + j];
                if (h == 0) {
                    continue;
                }
                hashes[base + j] = 0;
                Validator.Col col = cols[j];
                if (col.unique != null && !col.unique.add(h)) {
                    col.duplicates.hit(c.firstRow + i, value(c, base + j), options);
                }
                if (col.target != null && (h != col.lastFound || !col.hasLastFound)) {
                    // exports are usually sorted (all enrollments of one student together): remember the last hit
                    if (col.target.contains(h)) {
                        col.lastFound = h;
                        col.hasLastFound = true;
                    } else {
                        col.missingRef.hit(c.firstRow + i, value(c, base + j), options);
                    }
                }
            }
        }
    }

    private static String value(Chunk c, int slot) {
        return new String(c.bytes, c.starts[slot], c.ends[slot] - c.starts[slot], StandardCharsets.UTF_8);
    }
}
