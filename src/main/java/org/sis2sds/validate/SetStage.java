package org.sis2sds.validate;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sis2sds.batch.CsvRowReader;

/**
 * The second half of a file's checks (V06 formats, V07 duplicates, V08 references), fed with chunks of up to 4,096
 * rows that locate the cells to check in the reader's buffers (no copy: the reader hands each full buffer over, see
 * {@link CsvRowReader.BufferHandoff}, and gets it back once its rows are checked). It runs inline for small files and
 * on a second thread for large ones, so that the reading thread (parse, V05, V09) and the format checks, hashing and
 * random memory accesses of the hash sets overlap. The chunks are processed in file order, so row numbers and samples
 * come out exactly as in a single-threaded run.
 */
final class SetStage implements CsvRowReader.BufferHandoff {
    static final int CHUNK_ROWS = 4096;
    private static final int IN_FLIGHT = 4;
    private static final int MAX_BUFFERS = IN_FLIGHT + 4;
    private static final Chunk END = new Chunk(0);

    /** Rows of cells (start -1 = blank, nothing to check) and the value bytes behind them. */
    static final class Chunk {
        final int width;
        long firstRow;
        int rows;
        final int[] starts;
        final int[] ends;
        /** Per row: whether the reading stage marked it (see {@link Column#collectInto}). */
        final boolean[] marks = new boolean[CHUNK_ROWS];
        /** The reader buffer the cells of this chunk lie in. */
        byte[] bytes;
        /** A reader buffer to give back once this chunk is processed. */
        byte[] release;

        Chunk(int width) {
            this.width = width;
            this.starts = new int[CHUNK_ROWS * Math.max(1, width)];
            this.ends = new int[starts.length];
        }

        boolean full() {
            return rows == CHUNK_ROWS;
        }

        /** Records where one cell of the current row lies in the reader's buffer, {@link #bytes} (no copy). */
        void put(int slot, int from, int to) {
            starts[slot] = from;
            ends[slot] = to;
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
            bytes = null;
            release = null;
        }
    }

    private final Column[] cols;
    private final ValidationOptions options;
    private final BlockingQueue<Chunk> full;
    private final BlockingQueue<Chunk> free;
    private final BlockingQueue<byte[]> freeBuffers;
    private int buffersMade;
    private long nextRow = 1;
    private final Thread thread;
    private volatile Throwable failure;
    private Chunk current;
    private final byte[] scratch = new byte[256];
    private final long[] hashes = new long[CHUNK_ROWS];
    private final boolean[] present = new boolean[CHUNK_ROWS];
    private final int[] pending = new int[CHUNK_ROWS];
    private final int[] pendingOf = new int[CHUNK_ROWS];
    private final boolean[] ok = new boolean[CHUNK_ROWS];

    SetStage(Column[] cols, ValidationOptions options, boolean parallel) {
        this.cols = cols;
        this.options = options;
        if (parallel) {
            full = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
            free = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
            for (int i = 0; i < IN_FLIGHT; i++) {
                free.add(new Chunk(cols.length));
            }
            freeBuffers = new ArrayBlockingQueue<>(MAX_BUFFERS + 1);
            thread = new Thread(this::run, "sis2sds-validate-sets");
            thread.setDaemon(true);
            thread.start();
        } else {
            full = null;
            free = null;
            freeBuffers = null;
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
        nextRow = row + 1;
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

    /**
     * The reader leaves a buffer: the rows read from it go to the second stage with it, and the reader continues in
     * a free buffer (inline: in the same one, its rows being already checked).
     */
    @Override
    public byte[] handOff(byte[] fullBuffer, int keep) throws IOException {
        try {
            current.release = fullBuffer;
            handOver(nextRow);
            if (thread == null) {
                return fullBuffer;
            }
            byte[] b = freeBuffers.poll();
            if (b == null) {
                if (buffersMade < MAX_BUFFERS) {
                    buffersMade++;
                    return new byte[fullBuffer.length];
                }
                b = freeBuffers.take();
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("validation interrupted");
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
            if (Thread.currentThread().isInterrupted() || !full.offer(END, 30, TimeUnit.SECONDS)) {
                thread.interrupt(); // never leave the second thread waiting
            } else {
                thread.join();
            }
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
                if (c.release != null) {
                    freeBuffers.offer(c.release);
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
            Column col = cols[j];
            if (col.list) {
                processList(c, col, j);
                continue;
            }
            int format = col.format;
            boolean hashed = col.hashed;
            boolean ci = col.caseInsensitive;
            for (int i = 0, slot = j; i < n; i++, slot += w) {
                int s = starts[slot];
                if (s < 0) {
                    continue;
                }
                if (format == Formats.ENUM) {
                    code(c, col, slot, c.firstRow + i);
                } else if (format != Formats.NONE && !Formats.valid(format, bytes, s, ends[slot])) {
                    col.invalid.hit(c.firstRow + i, sample(c, col, slot), options);
                }
                if (hashed) {
                    hs[i] = ci ? Validator.lowerHash(bytes, s, ends[slot], scratch) : Hash64.hash(bytes, s, ends[slot]);
                }
            }
            if (col.compositeOf != null) {
                composite(c, col);
            }
            if (!hashed) {
                continue;
            }
            LongHashSet unique = col.unique;
            if (unique != null) {
                for (int i = 0, slot = j; i < n; i++, slot += w) {
                    if (starts[slot] >= 0 && !unique.add(hs[i])) {
                        col.duplicates.hit(c.firstRow + i, sample(c, col, slot), options);
                    }
                }
            }
            if (col.collectInto != null) { // the rows the reading stage marked go into the set
                for (int i = 0, slot = j; i < n; i++, slot += w) {
                    if (starts[slot] >= 0 && c.marks[i]) {
                        col.collectInto.add(hs[i]);
                    }
                }
            }
            if (col.flagIfIn != null) {
                for (int i = 0, slot = j; i < n; i++, slot += w) {
                    if (starts[slot] >= 0 && col.flagIfIn.contains(hs[i])) {
                        col.flagged.hit(c.firstRow + i, sample(c, col, slot), options);
                    }
                }
            }
            if (col.target != null) {
                references(c, col, j);
            }
        }
    }

    /**
     * Looks the cells of a reference column up in its target, in three passes: skip the values known to be there (the
     * last one found: exports list a student's enrollments together; a small cache of recent hits: the sections of
     * one school recur student after student), then look the others up in a tight loop, so that the processor
     * overlaps the cache misses of the large set, then count the rows not found, in row order.
     */
    private void references(Chunk c, Column col, int j) {
        int[] starts = c.starts;
        long[] hs = hashes;
        long[] found = col.found;
        int w = c.width;
        int m = 0;
        for (int i = 0, slot = j; i < c.rows; i++, slot += w) {
            pendingOf[i] = -1;
            if (starts[slot] < 0) {
                continue;
            }
            long h = hs[i];
            if (col.hasLastFound && h == col.lastFound) {
                continue;
            }
            int fi = (int) h & (found.length - 1);
            if (found[fi] == h && h != 0) {
                col.lastFound = h;
                col.hasLastFound = true;
                continue;
            }
            if (m > 0 && h == hs[pending[m - 1]]) {
                pendingOf[i] = m - 1; // the same value as the row before: one look-up for both
                continue;
            }
            pendingOf[i] = m;
            pending[m++] = i;
        }
        LongHashSet target = col.target;
        for (int k = 0; k < m; k++) {
            ok[k] = target.contains(hs[pending[k]]);
        }
        for (int i = 0, slot = j; i < c.rows; i++, slot += w) {
            int k = pendingOf[i];
            if (k < 0) {
                continue;
            }
            long h = hs[i];
            if (ok[k]) {
                found[(int) h & (found.length - 1)] = h;
                col.lastFound = h;
                col.hasLastFound = true;
            } else {
                col.missingRef.hit(c.firstRow + i, sample(c, col, slot), options);
            }
        }
    }

    /** Checks a code against the column's list; the last valid code is remembered, as most cells repeat it. */
    private void code(Chunk c, Column col, int slot, long row) {
        byte[] b = c.bytes;
        int s = c.starts[slot];
        int e = c.ends[slot];
        int len = e - s;
        if (len == col.lastCodeLength && same(b, s, col.lastCode, len)) {
            return;
        }
        if (col.codes.contains(Validator.lowerHash(b, s, e, scratch))) {
            if (len <= col.lastCode.length) {
                System.arraycopy(b, s, col.lastCode, 0, len);
                col.lastCodeLength = len;
            }
        } else {
            col.unknownCode.hit(row, sample(c, col, slot), options);
        }
    }

    private static boolean same(byte[] a, int from, byte[] b, int len) {
        for (int k = 0; k < len; k++) {
            if (a[from + k] != b[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The key of a role (user, org and role, the role in any case) for each row of the chunk; a key seen before is
     * a duplicate of the role column.
     */
    private void composite(Chunk c, Column col) {
        Column user = col.compositeOf[0];
        Column org = col.compositeOf[1];
        byte[] b = c.bytes;
        long[] hs = hashes;
        boolean[] some = present;
        for (int i = 0, base = 0; i < c.rows; i++, base += c.width) {
            int r = base + col.slot;
            int u = base + user.slot;
            int o = base + org.slot;
            some[i] = c.starts[r] >= 0 && c.starts[u] >= 0 && c.starts[o] >= 0;
            if (some[i]) {
                long h = Hash64.hash(b, c.starts[u], c.ends[u]) * 0x9E3779B97F4A7C15L
                        + Hash64.hash(b, c.starts[o], c.ends[o]);
                hs[i] = h * 0xC2B2AE3D27D4EB4FL + Validator.lowerHash(b, c.starts[r], c.ends[r], scratch);
            }
        }
        LongHashSet keys = col.composite;
        for (int i = 0, base = 0; i < c.rows; i++, base += c.width) { // a tight loop: the cache misses overlap
            if (some[i] && !keys.add(hs[i])) {
                col.duplicates.hit(c.firstRow + i, sample(c, user, base + user.slot) + " / "
                        + sample(c, org, base + org.slot) + " / " + sample(c, col, base + col.slot), options);
            }
        }
    }

    /**
     * A list column (comma-separated values): each value is checked as a single cell would be (its code, or its
     * format and reference); a row counts once per tally however many of its values fail.
     */
    private void processList(Chunk c, Column col, int j) {
        byte[] bytes = c.bytes;
        for (int i = 0, slot = j; i < c.rows; i++, slot += c.width) {
            int s = c.starts[slot];
            if (s < 0) {
                continue;
            }
            int e = c.ends[slot];
            boolean badCode = false;
            boolean bad = false;
            boolean missing = false;
            for (int from = s; from <= e; ) {
                int to = from;
                while (to < e && bytes[to] != ',') {
                    to++;
                }
                int a = from;
                int z = to;
                while (a < z && bytes[a] == ' ') {
                    a++;
                }
                while (z > a && bytes[z - 1] == ' ') {
                    z--;
                }
                if (a == z) {
                    bad = true; // an empty item ("a,,b")
                } else if (col.format == Formats.ENUM) {
                    badCode |= !col.codes.contains(Validator.lowerHash(bytes, a, z, scratch));
                } else {
                    bad |= col.format != Formats.NONE && !Formats.valid(col.format, bytes, a, z);
                    missing |= col.target != null && !col.target.contains(Hash64.hash(bytes, a, z));
                }
                from = to + 1;
            }
            long row = c.firstRow + i;
            if (badCode) {
                col.unknownCode.hit(row, sample(c, col, slot), options);
            }
            if (bad) {
                col.invalid.hit(row, sample(c, col, slot), options);
            }
            if (missing) {
                col.missingRef.hit(row, sample(c, col, slot), options);
            }
        }
    }

    /** The cell's value as a sample, or null for a secret column. */
    private static String sample(Chunk c, Column col, int slot) {
        if (col.secret) {
            return null;
        }
        return new String(c.bytes, c.starts[slot], c.ends[slot] - c.starts[slot], StandardCharsets.UTF_8);
    }
}
