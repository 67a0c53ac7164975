package org.sis2sds.validate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** A fast, well-mixed 64-bit hash of a byte range (a murmur3-style mix of 8-byte words). */
public final class Hash64 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private Hash64() {
    }

    /** The hash of a string's UTF-8 bytes (as {@link #hash(byte[], int, int)} of those bytes). */
    public static long hash(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return hash(b, 0, b.length);
    }

    public static long hash(byte[] b, int from, int to) {
        long h = 0x1b873593L ^ (to - from);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long k = (long) LONGS.get(b, i);
            h ^= mixK(k);
            h = Long.rotateLeft(h, 27) * 5 + 0x52dce729;
        }
        if (i < to) {
            long k = 0;
            for (int s = 0; i < to; i++, s += 8) {
                k |= (b[i] & 0xFFL) << s;
            }
            h ^= mixK(k);
        }
        return fmix(h);
    }

    private static long mixK(long k) {
        k *= C1;
        k = Long.rotateLeft(k, 31);
        return k * C2;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
