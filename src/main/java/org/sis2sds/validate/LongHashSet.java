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
        if (h == EMPTY) {
            h = 0x9E3779B97F4A7C15L;
        }
        long[] t = table;
        int m = mask;
        int i = (int) (h ^ (h >>> 32)) & m;
        while (true) {
            long v = t[i];
            if (v == EMPTY) {
                t[i] = h;
                if (++size > threshold) {
                    grow();
                }
                return true;
            }
            if (v == h) {
                return false;
            }
            i = (i + 1) & m;
        }
    }

    public boolean contains(long h) {
        if (h == EMPTY) {
            h = 0x9E3779B97F4A7C15L;
        }
        long[] t = table;
        int m = mask;
        int i = (int) (h ^ (h >>> 32)) & m;
        while (true) {
            long v = t[i];
            if (v == h) {
                return true;
            }
            if (v == EMPTY) {
                return false;
            }
            i = (i + 1) & m;
        }
    }

    public int size() {
        return size;
    }

    private void grow() {
        long[] old = table;
        allocate(old.length * 2);
        long[] t = table;
        int m = mask;
        for (long h : old) {
            if (h != EMPTY) {
                int i = (int) (h ^ (h >>> 32)) & m;
                while (t[i] != EMPTY) {
                    i = (i + 1) & m;
                }
                t[i] = h;
            }
        }
    }
}
