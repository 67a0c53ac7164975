package org.sis2sds.sandbox.storage;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Writes storage answers with the headers Azure puts on every one, and a blob's property headers. */
final class StorageReply {
    private StorageReply() {
    }

    static void common(StorageRequest r) {
        Headers h = r.ex.getResponseHeaders();
        h.set("x-ms-request-id", r.requestId);
        h.set("x-ms-version", r.version == null ? ServiceVersion.OLDEST.value() : r.version.value());
        h.set("Server", r.dfs ? "Windows-Azure-HDFS/1.0 Microsoft-HTTPAPI/2.0" : "Windows-Azure-Blob/1.0 "
                + "Microsoft-HTTPAPI/2.0");
        h.set("Date", StorageXml.date(Instant.now()));
        String crid = r.header("x-ms-client-request-id");
        if (crid != null) {
            h.set("x-ms-client-request-id", crid);
        }
    }

    /** A bodiless answer ({@code Content-Length: 0}). */
    static void empty(StorageRequest r, int status) throws IOException {
        common(r);
        r.ex.getResponseHeaders().set("Content-Length", "0");
        r.ex.sendResponseHeaders(status, -1);
    }

    static void body(StorageRequest r, int status, String contentType, String text) throws IOException {
        common(r);
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        r.ex.getResponseHeaders().set("Content-Type", contentType);
        if (r.method.equals("HEAD")) {
            r.ex.getResponseHeaders().set("Content-Length", String.valueOf(b.length));
            r.ex.sendResponseHeaders(status, -1);
            return;
        }
        r.ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = r.ex.getResponseBody()) {
            out.write(b);
        }
    }

    /** ETag and Last-Modified of a write's result, plus the encryption flag Azure always sets. */
    static void written(StorageRequest r, BlobStore.Blob b) {
        Headers h = r.ex.getResponseHeaders();
        h.set("ETag", b.etag);
        h.set("Last-Modified", StorageXml.date(b.modified));
        h.set("x-ms-request-server-encrypted", "true");
    }

    /** The property headers of Get Blob and Get Blob Properties (and the Data Lake resource type). */
    static void properties(StorageRequest r, BlobStore.Blob b) {
        Headers h = r.ex.getResponseHeaders();
        written(r, b);
        h.remove("x-ms-request-server-encrypted");
        h.set("x-ms-server-encrypted", "true");
        h.set("x-ms-creation-time", StorageXml.date(b.created));
        h.set("x-ms-blob-type", "BlockBlob");
        h.set("x-ms-lease-status", "unlocked");
        h.set("x-ms-lease-state", "available");
        h.set("x-ms-access-tier", "Hot");
        h.set("x-ms-access-tier-inferred", "true");
        h.set("x-ms-resource-type", "file");
        h.set("Accept-Ranges", "bytes");
        h.set("Content-Type", b.contentType == null ? "application/octet-stream" : b.contentType);
    }
}
