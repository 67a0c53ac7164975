package org.sis2sds.azure;

import java.time.Duration;
import org.sis2sds.core.Settings;

/**
 * How files go to Azure storage.
 *
 * @param version        the {@code x-ms-version} every request sends (without it Azure runs a SAS request at the
 *                       SAS's own, often old, version, and a single Put Blob is capped at 64 MiB)
 * @param blockThreshold files larger than this go as blocks (Put Block + Put Block List), smaller ones as one Put Blob
 * @param blockSize      the size of one block (and of one Data Lake append)
 * @param concurrency    blocks in flight at once per file
 * @param requestTimeout the time one block (or one small file) may take
 */
public record UploadOptions(String version, long blockThreshold, long blockSize, int concurrency,
                            Duration requestTimeout) {
    /** A recent service version: 5000 MiB single Put Blob, 4000 MiB blocks. */
    public static final String VERSION = "2024-11-04";
    static final long MIB = 1024L * 1024;
    /** Azure's limits at {@link #VERSION} (Put Block: 4000 MiB; Put Blob: 5000 MiB). */
    static final long MAX_BLOCK = 4000 * MIB;

    public static UploadOptions defaults() {
        return new UploadOptions(VERSION, 8 * MIB, 8 * MIB, 4, Duration.ofMinutes(5));
    }

    /** {@code PREFIX.block-threshold}, {@code .block-size}, {@code .concurrency}, {@code .request-timeout}. */
    public static UploadOptions from(Settings s, String prefix) {
        UploadOptions d = defaults();
        long threshold = s.getSize(prefix + "block-threshold", d.blockThreshold());
        long block = s.getSize(prefix + "block-size", d.blockSize());
        int concurrency = s.getInt(prefix + "concurrency", d.concurrency());
        if (block < 1 || block > MAX_BLOCK) {
            throw s.invalid(prefix + "block-size", String.valueOf(block), "between 1 byte and 4000MB");
        }
        if (threshold < 0 || threshold > 5000 * MIB) {
            throw s.invalid(prefix + "block-threshold", String.valueOf(threshold), "at most 5000MB");
        }
        if (concurrency < 1 || concurrency > 64) {
            throw s.invalid(prefix + "concurrency", String.valueOf(concurrency), "between 1 and 64");
        }
        return new UploadOptions(d.version(), threshold, block, concurrency,
                s.getDuration(prefix + "request-timeout", d.requestTimeout()));
    }
}
