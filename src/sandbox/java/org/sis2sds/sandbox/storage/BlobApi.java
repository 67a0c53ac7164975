package org.sis2sds.sandbox.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The Blob service face of the storage sandbox (Azure Storage REST: Put Blob, Put Block, Put Block List, Get Block
 * List, Get Blob, Get Blob Properties, Delete Blob, List Blobs, Get Container Properties) with the SAS permission
 * each needs, the size caps of the request's service version and the conditional headers.
 */
final class BlobApi {
    private final BlobStore store;
    private final boolean caps;

    BlobApi(BlobStore store, boolean caps) {
        this.store = store;
        this.caps = caps;
    }

    void handle(StorageRequest r, BlobStore.Container c) throws IOException {
        if (r.name.isEmpty()) {
            container(r, c);
            return;
        }
        String comp = r.q("comp");
        switch (r.method) {
            case "PUT" -> {
                if ("block".equals(comp)) {
                    putBlock(r, c);
                } else if ("blocklist".equals(comp)) {
                    putBlockList(r, c);
                } else if (comp == null) {
                    putBlob(r, c);
                } else {
                    throw StorageError.invalidQuery("comp", comp, "Not supported by the sandbox.");
                }
            }
            case "GET" -> {
                if ("blocklist".equals(comp)) {
                    getBlockList(r, c);
                } else {
                    read(r, c, true);
                }
            }
            case "HEAD" -> read(r, c, false);
            case "DELETE" -> delete(r, c);
            default -> throw StorageError.unsupportedVerb();
        }
    }

    // ------------------------------------------------------------------------------------------ writes

    private void putBlob(StorageRequest r, BlobStore.Container c) throws IOException {
        String type = r.header("x-ms-blob-type");
        if (type == null) {
            throw StorageError.missingHeader("x-ms-blob-type");
        }
        if (!type.equals("BlockBlob")) {
            throw new StorageError(400, "InvalidHeaderValue", "The value for one of the HTTP headers is not in the "
                    + "correct format: the sandbox stores block blobs only.", "<HeaderName>x-ms-blob-type</HeaderName>");
        }
        BlobStore.Blob existing = c.blobs.get(r.name);
        r.need(existing == null ? new char[] {'w', 'c'} : new char[] {'w'});
        limit(r, r.version.maxPutBlob());
        writeConditions(r, existing, "BlobAlreadyExists", "The specified blob already exists.");
        BlobStore.Blob b = store.putBlob(c, r.name, r.body(), r.contentType(r.header("Content-Type")));
        StorageReply.written(r, b);
        StorageReply.empty(r, 201);
    }

    private void putBlock(StorageRequest r, BlobStore.Container c) throws IOException {
        r.need('w');
        String id = r.q("blockid");
        byte[] raw = blockId(id);
        limit(r, r.version.maxBlock());
        store.putBlock(c, r.name, id, raw, r.body());
        r.ex.getResponseHeaders().set("x-ms-request-server-encrypted", "true");
        StorageReply.empty(r, 201);
    }

    private void putBlockList(StorageRequest r, BlobStore.Container c) throws IOException {
        BlobStore.Blob existing = c.blobs.get(r.name);
        r.need(existing == null ? new char[] {'w', 'c'} : new char[] {'w'});
        writeConditions(r, existing, "BlobAlreadyExists", "The specified blob already exists.");
        List<BlobStore.ListedBlock> list = parseBlockList(r.body().readNBytes(64 * 1024 * 1024));
        BlobStore.Blob b = store.putBlockList(c, r.name, list, r.contentType("application/octet-stream"));
        StorageReply.written(r, b);
        StorageReply.empty(r, 201);
    }

    private void delete(StorageRequest r, BlobStore.Container c) throws IOException {
        r.need('d');
        BlobStore.Blob b = c.blobs.get(r.name);
        if (b == null) {
            throw StorageError.blobNotFound();
        }
        readConditions(r, b);
        store.deletePrefix(c.name, r.name);
        StorageReply.empty(r, 202);
    }

    // ------------------------------------------------------------------------------------------ reads

    /** Get Blob (with {@code Range}/{@code x-ms-range}) or, without a body, Get Blob Properties. */
    void read(StorageRequest r, BlobStore.Container c, boolean withBody) throws IOException {
        r.need('r');
        BlobStore.Blob b = c.blobs.get(r.name);
        if (b == null) {
            throw StorageError.blobNotFound();
        }
        if (readConditions(r, b)) {
            StorageReply.common(r);
            r.ex.getResponseHeaders().set("ETag", b.etag);
            r.ex.sendResponseHeaders(304, -1);
            return;
        }
        StorageReply.common(r);
        StorageReply.properties(r, b);
        long from = 0;
        long to = b.length - 1;
        int status = 200;
        String range = r.header("x-ms-range") != null ? r.header("x-ms-range") : r.header("Range");
        if (withBody && range != null && range.startsWith("bytes=")) {
            String[] p = range.substring(6).split("-", -1);
            try {
                from = Long.parseLong(p[0].trim());
                to = p.length > 1 && !p[1].isBlank() ? Math.min(Long.parseLong(p[1].trim()), b.length - 1) : to;
            } catch (NumberFormatException e) {
                throw new StorageError(400, "InvalidHeaderValue", "The value for one of the HTTP headers is not in the "
                        + "correct format.", "<HeaderName>Range</HeaderName>");
            }
            if (from >= b.length || from > to) {
                throw new StorageError(416, "InvalidRange", "The range specified is invalid for the current size of "
                        + "the resource.");
            }
            status = 206;
            r.ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + b.length);
        }
        long n = b.length == 0 ? 0 : to - from + 1;
        r.ex.getResponseHeaders().set("Content-Length", String.valueOf(n));
        if (!withBody) {
            r.ex.sendResponseHeaders(200, -1);
            return;
        }
        if (n == 0) {
            r.ex.sendResponseHeaders(status, -1);
            return;
        }
        r.ex.sendResponseHeaders(status, n);
        try (FileChannel in = FileChannel.open(store.file(c.name, r.name)); OutputStream out = r.ex.getResponseBody()) {
            in.position(from);
            InputStream s = Channels.newInputStream(in);
            long left = n;
            byte[] buf = new byte[64 * 1024];
            while (left > 0) {
                int k = s.read(buf, 0, (int) Math.min(buf.length, left));
                if (k < 0) {
                    break;
                }
                out.write(buf, 0, k);
                left -= k;
            }
        }
    }

    private void getBlockList(StorageRequest r, BlobStore.Container c) throws IOException {
        r.need('r');
        String type = r.q("blocklisttype") == null ? "committed" : r.q("blocklisttype");
        Map<String, List<BlobStore.Block>> lists = store.blockList(c, r.name);
        StringBuilder x = new StringBuilder(StorageXml.PROLOG).append("<BlockList>");
        for (String kind : new String[] {"committed", "uncommitted"}) {
            if (!type.equals("all") && !type.equals(kind)) {
                continue;
            }
            x.append(kind.equals("committed") ? "<CommittedBlocks>" : "<UncommittedBlocks>");
            for (BlobStore.Block b : lists.get(kind)) {
                x.append("<Block><Name>").append(StorageXml.esc(b.id())).append("</Name><Size>").append(b.size())
                        .append("</Size></Block>");
            }
            x.append(kind.equals("committed") ? "</CommittedBlocks>" : "</UncommittedBlocks>");
        }
        x.append("</BlockList>");
        BlobStore.Blob b = c.blobs.get(r.name);
        if (b != null) {
            r.ex.getResponseHeaders().set("ETag", b.etag);
            r.ex.getResponseHeaders().set("Last-Modified", StorageXml.date(b.modified));
            r.ex.getResponseHeaders().set("x-ms-blob-content-length", String.valueOf(b.length));
        }
        StorageReply.body(r, 200, "application/xml", x.toString());
    }

    private void container(StorageRequest r, BlobStore.Container c) throws IOException {
        if (!"container".equals(r.q("restype"))) {
            throw StorageError.invalidQuery("restype", String.valueOf(r.q("restype")), "A container request needs "
                    + "restype=container.");
        }
        if ("list".equals(r.q("comp")) && r.method.equals("GET")) {
            r.need('l');
            list(r, c);
            return;
        }
        if (r.q("comp") == null && (r.method.equals("GET") || r.method.equals("HEAD"))) {
            r.ex.getResponseHeaders().set("ETag", c.etag);
            r.ex.getResponseHeaders().set("Last-Modified", StorageXml.date(c.created));
            r.ex.getResponseHeaders().set("x-ms-lease-status", "unlocked");
            r.ex.getResponseHeaders().set("x-ms-lease-state", "available");
            r.ex.getResponseHeaders().set("x-ms-has-immutability-policy", "false");
            r.ex.getResponseHeaders().set("x-ms-has-legal-hold", "false");
            StorageReply.empty(r, 200);
            return;
        }
        throw StorageError.permission();
    }

    private void list(StorageRequest r, BlobStore.Container c) throws IOException {
        String prefix = r.q("prefix") == null ? "" : r.q("prefix");
        String marker = r.q("marker");
        String delimiter = r.q("delimiter");
        int max = 5000;
        if (r.q("maxresults") != null) {
            try {
                max = Math.max(1, Math.min(5000, Integer.parseInt(r.q("maxresults"))));
            } catch (NumberFormatException e) {
                throw StorageError.invalidQuery("maxresults", r.q("maxresults"), "Not a number.");
            }
        }
        StringBuilder x = new StringBuilder(StorageXml.PROLOG).append("<EnumerationResults ServiceEndpoint=\"")
                .append(StorageXml.esc(r.endpoint)).append("\" ContainerName=\"")
                .append(StorageXml.esc(c.name)).append("\"><Prefix>").append(StorageXml.esc(prefix))
                .append("</Prefix>");
        if (marker != null) {
            x.append("<Marker>").append(StorageXml.esc(marker)).append("</Marker>");
        }
        x.append("<MaxResults>").append(max).append("</MaxResults>");
        if (delimiter != null) {
            x.append("<Delimiter>").append(StorageXml.esc(delimiter)).append("</Delimiter>");
        }
        x.append("<Blobs>");
        int n = 0;
        String next = null;
        String lastPrefix = null;
        for (BlobStore.Blob b : store.list(c.name, prefix)) {
            if (marker != null && b.name.compareTo(marker) < 0) {
                continue;
            }
            if (n == max) {
                next = b.name;
                break;
            }
            if (delimiter != null && !delimiter.isEmpty()) {
                int d = b.name.indexOf(delimiter, prefix.length());
                if (d >= 0) {
                    String p = b.name.substring(0, d + delimiter.length());
                    if (!p.equals(lastPrefix)) {
                        x.append("<BlobPrefix><Name>").append(StorageXml.esc(p)).append("</Name></BlobPrefix>");
                        lastPrefix = p;
                        n++;
                    }
                    continue;
                }
            }
            x.append("<Blob><Name>").append(StorageXml.esc(b.name)).append("</Name><Properties><Creation-Time>")
                    .append(StorageXml.date(b.created)).append("</Creation-Time><Last-Modified>")
                    .append(StorageXml.date(b.modified)).append("</Last-Modified><Etag>")
                    .append(b.etag.replace("\"", "")).append("</Etag><Content-Length>").append(b.length)
                    .append("</Content-Length><Content-Type>").append(StorageXml.esc(b.contentType))
                    .append("</Content-Type><BlobType>BlockBlob</BlobType><AccessTier>Hot</AccessTier>"
                            + "<AccessTierInferred>true</AccessTierInferred><LeaseStatus>unlocked</LeaseStatus>"
                            + "<LeaseState>available</LeaseState><ServerEncrypted>true</ServerEncrypted>"
                            + "</Properties></Blob>");
            n++;
        }
        x.append("</Blobs><NextMarker>").append(next == null ? "" : StorageXml.esc(next))
                .append("</NextMarker></EnumerationResults>");
        StorageReply.body(r, 200, "application/xml", x.toString());
    }

    // ------------------------------------------------------------------------------------------ rules

    /** 411 without a length; over the version's cap: the body is read and dropped, then 413 RequestBodyTooLarge. */
    void limit(StorageRequest r, long max) throws IOException {
        long len = r.contentLength();
        if (len < 0) {
            throw new StorageError(411, "MissingContentLengthHeader", "Content-Length HTTP header is missing.");
        }
        if (caps && len > max) {
            r.body().transferTo(OutputStream.nullOutputStream());
            throw new StorageError(413, "RequestBodyTooLarge", "The request body is too large and exceeds the "
                    + "maximum permissible limit.", "<MaxLimit>" + max + "</MaxLimit>");
        }
    }

    /** If-Match, If-None-Match (* = must not exist), If-(Un)Modified-Since on a write. */
    static void writeConditions(StorageRequest r, BlobStore.Blob existing, String existsCode, String existsMessage) {
        String ifMatch = r.header("If-Match");
        String ifNone = r.header("If-None-Match");
        if (ifNone != null && ifNone.trim().equals("*") && existing != null) {
            throw new StorageError(409, existsCode, existsMessage);
        }
        if (ifMatch != null && (existing == null || !(ifMatch.trim().equals("*") || etagIn(ifMatch, existing.etag)))) {
            throw StorageError.conditionNotMet();
        }
        if (ifNone != null && existing != null && etagIn(ifNone, existing.etag)) {
            throw StorageError.conditionNotMet();
        }
        if (existing != null && timeConditionFails(r, existing.modified)) {
            throw StorageError.conditionNotMet();
        }
    }

    /** Conditions on a read; true when the answer is 304 Not Modified. */
    static boolean readConditions(StorageRequest r, BlobStore.Blob b) {
        String ifMatch = r.header("If-Match");
        if (ifMatch != null && !(ifMatch.trim().equals("*") || etagIn(ifMatch, b.etag))) {
            throw StorageError.conditionNotMet();
        }
        Instant unmod = r.header("If-Unmodified-Since") == null ? null
                : StorageXml.parseDate(r.header("If-Unmodified-Since"));
        if (unmod != null && b.modified.getEpochSecond() > unmod.getEpochSecond()) {
            throw StorageError.conditionNotMet();
        }
        String ifNone = r.header("If-None-Match");
        if (ifNone != null && (ifNone.trim().equals("*") || etagIn(ifNone, b.etag))) {
            return true;
        }
        Instant mod = r.header("If-Modified-Since") == null ? null : StorageXml.parseDate(r.header("If-Modified-Since"));
        return mod != null && b.modified.getEpochSecond() <= mod.getEpochSecond();
    }

    private static boolean timeConditionFails(StorageRequest r, Instant modified) {
        Instant mod = r.header("If-Modified-Since") == null ? null : StorageXml.parseDate(r.header("If-Modified-Since"));
        Instant unmod = r.header("If-Unmodified-Since") == null ? null
                : StorageXml.parseDate(r.header("If-Unmodified-Since"));
        return (mod != null && modified.getEpochSecond() <= mod.getEpochSecond())
                || (unmod != null && modified.getEpochSecond() > unmod.getEpochSecond());
    }

    private static boolean etagIn(String header, String etag) {
        for (String e : header.split(",")) {
            if (e.trim().replace("W/", "").equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] blockId(String id) {
        if (id == null || id.isEmpty()) {
            throw StorageError.invalidQuery("blockid", "", "A block id is required.");
        }
        try {
            byte[] raw = Base64.getDecoder().decode(id);
            if (raw.length == 0 || raw.length > 64) {
                throw StorageError.invalidQuery("blockid", id, "A block id is at most 64 bytes before encoding.");
            }
            return raw;
        } catch (IllegalArgumentException e) {
            throw StorageError.invalidQuery("blockid", id, "Not valid Base64.");
        }
    }

    static List<BlobStore.ListedBlock> parseBlockList(byte[] xml) {
        List<BlobStore.ListedBlock> out = new ArrayList<>();
        try {
            XMLInputFactory f = XMLInputFactory.newFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XMLStreamReader x = f.createXMLStreamReader(new ByteArrayInputStream(xml));
            boolean inList = false;
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamReader.START_ELEMENT) {
                    String n = x.getLocalName();
                    if (n.equals("BlockList")) {
                        inList = true;
                    } else if (inList && (n.equals("Latest") || n.equals("Committed") || n.equals("Uncommitted"))) {
                        String id = x.getElementText().trim();
                        blockId(id);
                        out.add(new BlobStore.ListedBlock(n, id));
                    }
                }
            }
            if (!inList) {
                throw new StorageError(400, "InvalidXmlDocument", "XML specified is not syntactically valid.");
            }
        } catch (XMLStreamException e) {
            throw new StorageError(400, "InvalidXmlDocument", "XML specified is not syntactically valid.");
        }
        return out;
    }
}
