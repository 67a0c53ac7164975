package org.sis2sds.azure;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads one file as an Azure block blob through a container SAS URL, as Azure's rules want: a file up to
 * {@link UploadOptions#blockThreshold()} as one Put Blob, a larger one as blocks (Put Block, several in flight on
 * the given pool, each retried alone) committed by one Put Block List. Streams from disk; never holds a block in
 * memory.
 */
public final class BlockUploader {
    private static final Logger LOG = LoggerFactory.getLogger(BlockUploader.class);
    private static final int MAX_BLOCKS = 50_000;
    private final AzureHttp http;
    private final ExecutorService pool;

    /** @param pool where blocks are sent; at most {@link UploadOptions#concurrency()} of one file at a time */
    public BlockUploader(AzureHttp http, ExecutorService pool) {
        this.http = http;
        this.pool = pool;
    }

    /** Uploads {@code file} as blob {@code name} (replacing it) with the given content type. */
    public void upload(SasSource sas, String name, Path file, String contentType)
            throws IOException, InterruptedException {
        UploadOptions o = http.options();
        long size = Files.size(file);
        if (size <= o.blockThreshold()) {
            http.send(name, "Put Blob", sas, url -> HttpRequest.newBuilder(url.file(name))
                    .header("x-ms-blob-type", "BlockBlob").header("Content-Type", contentType)
                    .PUT(AzureHttp.fileRange(file, 0, size)), 201);
            return;
        }
        long blocks = (size + o.blockSize() - 1) / o.blockSize();
        if (blocks > MAX_BLOCKS) {
            throw new UploadException(name, 0, "BlockCountExceedsLimit", name + " would need " + blocks + " blocks, more "
                    + "than Azure's 50,000: raise sis2sds.sds.upload.block-size.");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            ids.add(Base64.getEncoder().encodeToString(String.format("sis2sds-%08d", i)
                    .getBytes(StandardCharsets.US_ASCII)));
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<Void>> workers = new ArrayList<>();
        int lanes = (int) Math.min(o.concurrency(), blocks);
        for (int w = 0; w < lanes; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < blocks; i = next.getAndIncrement()) {
                    putBlock(sas, name, file, size, ids.get(i), i, blocks);
                }
                return null;
            }));
        }
        await(workers);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        ids.forEach(id -> xml.append("<Latest>").append(id).append("</Latest>"));
        xml.append("</BlockList>");
        byte[] body = xml.toString().getBytes(StandardCharsets.UTF_8);
        http.send(name, "Put Block List", sas, url -> HttpRequest.newBuilder(url.file(name, "comp=blocklist"))
                .header("x-ms-blob-content-type", contentType).header("Content-Type", "application/xml")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)), 201);
        LOG.debug("Uploaded {} ({} bytes) in {} blocks", name, size, blocks);
    }

    private void putBlock(SasSource sas, String name, Path file, long size, String id, int i, long blocks)
            throws IOException, InterruptedException {
        long block = http.options().blockSize();
        long offset = i * block;
        long length = Math.min(block, size - offset);
        String what = "Put Block " + (i + 1) + " of " + blocks;
        http.send(name, what, sas, url -> HttpRequest.newBuilder(url.file(name, "comp=block&blockid="
                + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8)))
                .PUT(AzureHttp.fileRange(file, offset, length)), 201);
    }

    /** Waits for every worker; the first failure cancels the rest and is thrown as it was. */
    private static void await(List<Future<Void>> workers) throws IOException, InterruptedException {
        try {
            for (Future<Void> f : workers) {
                f.get();
            }
        } catch (ExecutionException e) {
            workers.forEach(f -> f.cancel(true));
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
        } catch (InterruptedException e) {
            workers.forEach(f -> f.cancel(true));
            throw e;
        }
    }
}
