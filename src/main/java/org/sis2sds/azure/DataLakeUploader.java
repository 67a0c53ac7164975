package org.sis2sds.azure;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.sis2sds.http.Resilient;

/**
 * Writes a file into an Azure Data Lake Storage Gen2 folder granted by a SAS URL, with the "Path" REST API:
 * {@code PUT ?resource=file} (create, empty), {@code PATCH ?action=append&position=N} (the bytes, in chunks) and
 * {@code PATCH ?action=flush&position=LENGTH} (commit). A file larger than one chunk has its chunks appended in
 * parallel, at most {@code concurrency} at once on the given executor (the daemon passes a Camel-managed thread
 * pool), so memory stays at {@code chunkSize × concurrency} whatever the file's size. Requests go through
 * {@link AzureHttp}, the plumbing Blob uploads share: {@code x-ms-version}, each request retried alone (429, 5xx,
 * I/O: an append at a position is idempotent until the flush). A refusal is an {@link UploadException}; a 403 means
 * the session's signature expired or was revoked ({@link UploadException#isSignatureRefused()}): the caller takes a
 * new session, whose container is empty, and uploads every file again.
 */
public final class DataLakeUploader {
    /** Bytes written by every uploader in this JVM (exported as a metric). */
    public static final AtomicLong BYTES_UPLOADED = new AtomicLong();

    /**
     * @param chunkSize      bytes per append request
     * @param concurrency    appends in flight at once for one file (1 = one after the other)
     * @param requestTimeout time allowed for one request
     */
    public record Options(int chunkSize, int concurrency, Duration requestTimeout) {
        public Options {
            if (chunkSize < 1 || concurrency < 1) {
                throw new IllegalArgumentException("chunk size and concurrency must be at least 1");
            }
        }
    }

    private final AzureHttp http;
    private final Options options;
    private final ExecutorService pool;

    /**
     * @param http the HTTP client (retries through {@link Resilient}) every request goes through
     * @param pool where parallel appends run; may be null when {@code concurrency} is 1
     */
    public DataLakeUploader(Resilient http, Options options, ExecutorService pool) {
        this.http = new AzureHttp(http, new UploadOptions(UploadOptions.VERSION, options.chunkSize(),
                options.chunkSize(), options.concurrency(), options.requestTimeout()));
        this.options = options;
        this.pool = pool;
    }

    /** Creates (or replaces) {@code name} in the folder, writes {@code file} into it and commits it; returns its size. */
    public long upload(SasUrl folder, String name, Path file) throws IOException, InterruptedException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            send(folder, "PUT", "resource=file", new byte[0], 0, name, "the creation");
            if (size > 0) {
                if (options.concurrency() == 1 || size <= options.chunkSize() || pool == null) {
                    byte[] buf = new byte[(int) Math.min(size, options.chunkSize())];
                    for (long pos = 0; pos < size; pos += buf.length) {
                        int n = read(ch, buf, pos, size);
                        append(folder, name, buf, n, pos);
                    }
                } else {
                    appendInParallel(folder, name, ch, size);
                }
            }
            send(folder, "PATCH", "action=flush&position=" + size, new byte[0], 0, name, "the commit");
            return size;
        }
    }

    private void appendInParallel(SasUrl folder, String name, FileChannel ch, long size)
            throws IOException, InterruptedException {
        // as many chunk buffers as appends in flight, reused: they bound both the requests and the memory
        java.util.concurrent.BlockingQueue<byte[]> buffers = new java.util.concurrent.ArrayBlockingQueue<>(
                options.concurrency());
        for (int i = 0; i < options.concurrency(); i++) {
            buffers.add(new byte[(int) Math.min(options.chunkSize(), size)]);
        }
        List<Future<?>> parts = new ArrayList<>();
        try {
            for (long pos = 0; pos < size; pos += options.chunkSize()) {
                byte[] buf = buffers.take();
                int n;
                try {
                    n = read(ch, buf, pos, size);
                } catch (IOException | RuntimeException e) {
                    buffers.add(buf);
                    throw e;
                }
                long at = pos;
                parts.add(pool.submit(() -> {
                    try {
                        append(folder, name, buf, n, at);
                        return null;
                    } finally {
                        buffers.add(buf);
                    }
                }));
                failFast(parts);
            }
            for (Future<?> f : parts) {
                await(f);
            }
        } finally {
            parts.forEach(f -> f.cancel(true));
        }
    }

    /** Throws the failure of an append that has already ended badly, so no more chunks are read for nothing. */
    private static void failFast(List<Future<?>> parts) throws IOException, InterruptedException {
        for (Future<?> f : parts) {
            if (f.isDone()) {
                await(f);
            }
        }
    }

    private static void await(Future<?> f) throws IOException, InterruptedException {
        try {
            f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof InterruptedException ie) {
                throw ie;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(c);
        }
    }

    private void append(SasUrl folder, String name, byte[] buf, int n, long pos) throws IOException, InterruptedException {
        send(folder, "PATCH", "action=append&position=" + pos, buf, n, name, "an append");
        BYTES_UPLOADED.addAndGet(n);
    }

    private static int read(FileChannel ch, byte[] buf, long pos, long size) throws IOException {
        int want = (int) Math.min(buf.length, size - pos);
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, want);
        while (bb.hasRemaining()) {
            if (ch.read(bb, pos + bb.position()) < 0) {
                throw new IOException("the file became shorter while it was being uploaded");
            }
        }
        return want;
    }

    private void send(SasUrl folder, String method, String query, byte[] body, int n, String name, String what)
            throws IOException, InterruptedException {
        http.send(name, what, SasSource.of(folder), url -> HttpRequest.newBuilder(url.file(name, query))
                .header("Content-Type", "application/octet-stream")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body, 0, n)), 200, 201, 202);
    }
}
