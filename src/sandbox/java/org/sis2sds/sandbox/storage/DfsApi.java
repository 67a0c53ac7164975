package org.sis2sds.sandbox.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The Data Lake Storage Gen2 face ({@code dfs} Path API) of the storage sandbox, on the same data as the Blob face:
 * Path Create (file, directory), Path Update append/flush with the documented position rules (appends may come in
 * any order; a flush takes the contiguous data from the file's length exactly up to {@code position}), Get
 * Properties, List (file system), Delete. Reads (Read, Get Properties without an action) are the Blob face's.
 */
final class DfsApi {
    private final ObjectMapper json = new ObjectMapper();
    private final BlobStore store;
    private final BlobApi blob;

    DfsApi(BlobStore store, BlobApi blob) {
        this.store = store;
        this.blob = blob;
    }

    void handle(StorageRequest r, BlobStore.Container c) throws IOException {
        String resource = r.q("resource");
        String action = r.q("action");
        if (r.name.isEmpty()) {
            if ("filesystem".equals(resource) && r.method.equals("GET")) {
                r.need('l');
                list(r, c);
                return;
            }
            throw StorageError.permission();
        }
        switch (r.method) {
            case "PUT" -> create(r, c, resource);
            case "PATCH" -> update(r, c, action);
            case "HEAD" -> blob.read(r, c, false);
            case "GET" -> blob.read(r, c, true);
            case "DELETE" -> {
                r.need('d');
                if (!c.blobs.containsKey(r.name) && !java.nio.file.Files.exists(store.file(c.name, r.name))) {
                    throw notFound();
                }
                store.deletePrefix(c.name, r.name);
                StorageReply.empty(r, 200);
            }
            default -> throw StorageError.unsupportedVerb();
        }
    }

    private void create(StorageRequest r, BlobStore.Container c, String resource) throws IOException {
        BlobStore.Blob existing = c.blobs.get(r.name);
        r.need(existing == null ? new char[] {'c', 'w'} : new char[] {'w'});
        BlobApi.writeConditions(r, existing, "PathAlreadyExists", "The specified path already exists.");
        if ("directory".equals(resource)) {
            store.createDirectory(c.name, r.name);
            r.ex.getResponseHeaders().set("ETag", store.newEtag());
            StorageReply.empty(r, 201);
            return;
        }
        if (!"file".equals(resource)) {
            throw StorageError.invalidQuery("resource", String.valueOf(resource), "Path Create takes resource=file or "
                    + "resource=directory.");
        }
        BlobStore.Blob b = store.createFile(c, r.name, r.contentType("application/octet-stream"));
        StorageReply.written(r, b);
        StorageReply.empty(r, 201);
    }

    private void update(StorageRequest r, BlobStore.Container c, String action) throws IOException {
        switch (action == null ? "" : action) {
            case "append" -> {
                r.need('a', 'w');
                long position = position(r);
                blob.limit(r, r.version.maxBlock());
                store.append(c, r.name, position, r.body());
                r.ex.getResponseHeaders().set("x-ms-request-server-encrypted", "true");
                StorageReply.empty(r, 202);
            }
            case "flush" -> {
                r.need('w');
                long position = position(r);
                if (r.contentLength() > 0) {
                    throw new StorageError(400, "ContentLengthMustBeZero", "The Content-Length request header must "
                            + "be zero.");
                }
                BlobStore.Blob existing = c.blobs.get(r.name);
                if (existing == null) {
                    throw notFound();
                }
                BlobApi.writeConditions(r, existing, "PathAlreadyExists", "The specified path already exists.");
                BlobStore.Blob b = store.flush(c, r.name, position, "true".equalsIgnoreCase(r.q(
                        "retainUncommittedData")), r.header("x-ms-content-type"));
                StorageReply.written(r, b);
                StorageReply.empty(r, 200);
            }
            case "setProperties", "setAccessControl" -> {
                r.need('w');
                BlobStore.Blob b = c.blobs.get(r.name);
                if (b == null) {
                    throw notFound();
                }
                StorageReply.written(r, b);
                StorageReply.empty(r, 200);
            }
            default -> throw StorageError.invalidQuery("action", String.valueOf(action), "Not supported by the "
                    + "sandbox.");
        }
    }

    private void list(StorageRequest r, BlobStore.Container c) throws IOException {
        String dir = r.q("directory") == null ? "" : r.q("directory").replaceAll("^/+|/+$", "");
        boolean recursive = "true".equalsIgnoreCase(r.q("recursive"));
        String prefix = dir.isEmpty() ? "" : dir + "/";
        ObjectNode body = json.createObjectNode();
        ArrayNode paths = body.putArray("paths");
        for (BlobStore.Blob b : store.list(c.name, prefix)) {
            if (!recursive && b.name.indexOf('/', prefix.length()) >= 0) {
                continue;
            }
            paths.addObject().put("name", b.name).put("contentLength", String.valueOf(b.length))
                    .put("lastModified", StorageXml.date(b.modified)).put("etag", b.etag.replace("\"", ""))
                    .put("creationTime", String.valueOf(b.created.toEpochMilli()))
                    .put("owner", "$superuser").put("group", "$superuser").put("permissions", "rw-r-----");
        }
        StorageReply.body(r, 200, "application/json;charset=utf-8", json.writeValueAsString(body));
    }

    private static long position(StorageRequest r) {
        String p = r.q("position");
        try {
            long v = Long.parseLong(p);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw StorageError.invalidQuery("position", String.valueOf(p), "position is required: a byte offset.");
        }
    }

    private static StorageError notFound() {
        return new StorageError(404, "PathNotFound", "The specified path does not exist.");
    }
}
