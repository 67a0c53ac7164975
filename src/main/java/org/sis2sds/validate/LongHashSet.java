package org.sis2sds.validate;

/**
 * An open-addressing set of 64-bit hashes (8 bytes a slot, kept at most half full, so about 16 bytes per value).
 * The validator keeps IDs and usernames here instead of strings: a 1,000,000-student district's key sets take tens of
 * megabytes. Two distinct values share a 64-bit hash with a probability of about n²/2⁶⁵ (≈ 3·10⁻⁸ for 10⁶ values).
 */
public final class LongHashSet {
    private static final long EMPTY = 0L;
    private long[] table;
    private int size;
    private int mask;
    private int threshold;

    public LongHashSet() {
        this(1024);
    }

    public LongHashSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        allocate(cap);
    }

    private void allocate(int cap) {
        table = new long[cap];
        mask = cap - 1;
        threshold = cap / 2;
    }

    /** Adds a hash; false when it was already there. */
    public boolean add(long h) {
        h = stored(h);
        int i = slot(h);
        if (table[i] == h) {
            return false;
        }
        table[i] = h;
        if (++size > threshold) {
            grow();
        }
        return true;
    }

    public boolean contains(long h) {
        h = stored(h);
        return table[slot(h)] == h;
    }

    /** The value kept for a hash: {@link #EMPTY} marks a free slot, so that one hash is kept as another. */
    private static long stored(long h) {
        return h == EMPTY ? 0x9E3779B97F4A7C15L : h;
    }

    /** The slot holding {@code h}, or else the free slot where it goes (linear probing). */
    private int slot(long h) {
        long[] t = table;
        int m = mask;
        int i = (int) (h ^ (h >>> 32)) & m;
        while (t[i] != EMPTY && t[i] != h) {
            i = (i + 1) & m;
        }
        return i;
    }

    public int size() {
        return size;
    }

    private void grow() {
        long[] old = table;
        allocate(old.length * 2);
        for (long h : old) {
            if (h != EMPTY) {
                table[slot(h)] = h;
            }
        }
    }
}
