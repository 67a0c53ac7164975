package org.sis2sds.sandbox.industrydata;

import java.util.Arrays;

/**
 * A set of 64-bit key hashes, built by adding and then frozen into a sorted array: the record keys of one snapshot
 * (memory grows with keys: 8 bytes each, 16 while building). Two frozen sets are compared by merging.
 */
final class KeySet {
    static final KeySet EMPTY = new KeySet().freeze();

    private long[] keys = new long[16];
    private int size;
    private boolean frozen;

    /** Adds a hash (duplicates are removed by {@link #freeze()}). */
    void add(long h) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        keys[size++] = h;
    }

    KeySet freeze() {
        if (!frozen) {
            Arrays.sort(keys, 0, size);
            int w = 0;
            for (int i = 0; i < size; i++) {
                if (w == 0 || keys[w - 1] != keys[i]) {
                    keys[w++] = keys[i];
                }
            }
            size = w;
            keys = Arrays.copyOf(keys, size);
            frozen = true;
        }
        return this;
    }

    int size() {
        return size;
    }

    boolean contains(long h) {
        return Arrays.binarySearch(keys, 0, size, h) >= 0;
    }

    /** How many keys of this set are not in {@code other} (both frozen). */
    int countNotIn(KeySet other) {
        int n = 0;
        int j = 0;
        for (int i = 0; i < size; i++) {
            while (j < other.size && other.keys[j] < keys[i]) {
                j++;
            }
            if (j >= other.size || other.keys[j] != keys[i]) {
                n++;
            }
        }
        return n;
    }

    /** The union of two frozen sets, frozen. */
    KeySet union(KeySet other) {
        KeySet u = new KeySet();
        u.keys = new long[size + other.size];
        System.arraycopy(keys, 0, u.keys, 0, size);
        System.arraycopy(other.keys, 0, u.keys, size, other.size);
        u.size = size + other.size;
        return u.freeze();
    }

    /** A well-mixed 64-bit hash of a key made of one or more strings. */
    static long hash(String... parts) {
        long h = 0xcbf29ce484222325L;
        for (String p : parts) {
            for (int i = 0; i < p.length(); i++) {
                h ^= p.charAt(i);
                h *= 0x100000001b3L;
            }
            h ^= 0x1F;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
