package org.sis2sds.sync;

import java.nio.ByteBuffer;

/**
 * A compact open-addressing map from a 64-bit key hash to a 64-bit row hash: 16 bytes per ID, no objects per row.
 * Serialised as 16 bytes per entry for the snapshots table.
 */
final class LongLongMap {
    private static final long EMPTY = 0L;
    private static final long ZERO_KEY = 0x9E3779B97F4A7C15L;
    private long[] keys;
    private long[] values;
    private int size;

    LongLongMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new long[cap];
    }

    private static long fix(long k) {
        return k == EMPTY ? ZERO_KEY : k;
    }

    private static int mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        return (int) k;
    }

    /** Puts a value; returns the previous value, or null when the key is new. */
    Long put(long key, long value) {
        key = fix(key);
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != EMPTY) {
            if (keys[i] == key) {
                long old = values[i];
                values[i] = value;
                return old;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
        return null;
    }

    boolean containsKey(long key) {
        return indexOf(fix(key)) >= 0;
    }

    /** The value, or {@code def} when absent. */
    long get(long key, long def) {
        int i = indexOf(fix(key));
        return i < 0 ? def : values[i];
    }

    private int indexOf(long key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != EMPTY) {
            if (keys[i] == key) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    private void grow() {
        long[] ok = keys;
        long[] ov = values;
        keys = new long[ok.length * 2];
        values = new long[ok.length * 2];
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != EMPTY) {
                put(ok[i], ov[i]);
            }
        }
    }

    int size() {
        return size;
    }

    /** Calls the visitor for each key. */
    void forEachKey(java.util.function.LongConsumer c) {
        for (long k : keys) {
            if (k != EMPTY) {
                c.accept(k);
            }
        }
    }

    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(size * 16);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                b.putLong(keys[i]).putLong(values[i]);
            }
        }
        return b.array();
    }

    static LongLongMap fromBytes(byte[] bytes) {
        if (bytes == null) {
            return new LongLongMap(16);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        LongLongMap m = new LongLongMap(bytes.length / 16);
        while (b.remaining() >= 16) {
            m.put(b.getLong(), b.getLong());
        }
        return m;
    }

    @Override
    public String toString() {
        return "LongLongMap[" + size + "]";
    }
}
