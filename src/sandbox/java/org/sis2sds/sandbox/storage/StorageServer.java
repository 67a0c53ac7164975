package org.sis2sds.sandbox.storage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.sis2sds.core.FileTrees;
import org.sis2sds.sandbox.FaultSettings;
import org.sis2sds.sandbox.Faults;
import org.sis2sds.sandbox.SandboxHttp;
import org.sis2sds.sandbox.SandboxTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Azure storage account on its own port (default 18083) that answers as Azure Blob storage AND as the Data Lake
 * Storage Gen2 ({@code dfs}) Path API over the same data, path-style as Azure's emulators are addressed:
 * {@code /{account}/{container}/{blob}} (Azure's SDKs read the first path segment as the account when the host has a
 * port); {@code /{container}/{blob}} without the account works too. Every request needs a service SAS signed with
 * this account's key; every error is Azure's XML (Blob) or JSON (Data Lake) body with {@code x-ms-error-code} and
 * {@code x-ms-request-id}; faults are 503 ServerBusy and 500 InternalError with {@code Retry-After}.
 *
 * <p>The Java API is for the Graph sandbox services: {@link #createContainer}, {@link #createDirectory},
 * {@link #sasUrl}, {@link #list}, {@link #open}, {@link #folder}, {@link #delete}.
 */
public final class StorageServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StorageServer.class);
    /** The signed version of the SAS URLs the sandbox issues unless told otherwise. */
    public static final String SAS_VERSION = "2021-08-06";
    private static final Pattern CONTAINER = Pattern.compile("^\\$?[a-z0-9](?!.*--)[-a-z0-9]{1,61}[a-z0-9]$");

    private final String account;
    private final Path root;
    private final BlobStore store;
    private final Sas sas;
    private final Faults faults;
    private final BlobApi blobs;
    private final DfsApi dfs;
    private HttpServer server;

    /**
     * @param account the account name (3-24 lower-case letters and digits)
     * @param faults  the faults to inject (may change while running)
     * @param caps    enforce the per-version size caps of Put Blob, Put Block and append
     */
    public StorageServer(String account, FaultSettings faults, boolean caps) {
        this.account = account;
        try {
            this.root = Files.createTempDirectory("storage-sandbox");
            this.store = new BlobStore(root);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the storage sandbox's folder: " + e.getMessage(), e);
        }
        byte[] key = new byte[64];
        new SecureRandom().nextBytes(key);
        this.sas = new Sas(account, key);
        this.faults = new Faults(faults);
        this.blobs = new BlobApi(store, caps);
        this.dfs = new DfsApi(store, blobs);
        this.accountKey = java.util.Base64.getEncoder().encodeToString(key);
    }

    private final String accountKey;

    public StorageServer start(int port, SandboxTls tls) throws IOException {
        server = SandboxHttp.create(port, tls, 16, "storage-sandbox");
        server.createContext("/", this::handle);
        server.start();
        LOG.info("Storage sandbox listening on {}", endpoint());
        return this;
    }

    /** {@code http(s)://127.0.0.1:PORT}. */
    public String baseUrl() {
        return SandboxHttp.baseUrl(server);
    }

    /** {@code http(s)://127.0.0.1:PORT/{account}}: the account's Blob (and Data Lake) endpoint. */
    public String endpoint() {
        return baseUrl() + "/" + account;
    }

    public String accountName() {
        return account;
    }

    /** The account key (Base64), for tests that sign their own SAS with an Azure SDK. */
    public String accountKey() {
        return accountKey;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public long faultsServed() {
        return faults.served();
    }

    @Override
    public void close() {
        if (server != null) {
            SandboxHttp.stop(server);
            server = null;
        }
        FileTrees.deleteQuietly(root);
    }

    // ------------------------------------------------------------------------------------------ Java API

    /** Creates a container (a Data Lake file system) when missing. */
    public void createContainer(String container) {
        if (!CONTAINER.matcher(container).matches()) {
            throw new IllegalArgumentException("Not a container name (3-63 lower-case letters, digits, hyphens): "
                    + container);
        }
        try {
            store.createContainer(container);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create container " + container + ": " + e.getMessage(), e);
        }
    }

    /** Creates a directory (and the container) when missing, e.g. {@code {connectorId}/{containerId}}. */
    public void createDirectory(String container, String directory) {
        createContainer(container);
        try {
            store.createDirectory(container, directory);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create directory " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * A SAS URL for a container ({@code directory} blank: {@code sr=c}) or a directory in it ({@code sr=d},
     * {@code sdd} its depth): {@code {endpoint}/{container}[/{directory}]?sv=...&se=...&sr=...&sp=...&sig=...}.
     *
     * @param permissions e.g. {@code w} (Classic's write-only SAS) or {@code racwl}
     * @param version     the signed version {@code sv}, which is also the service version of requests that send no
     *                    {@code x-ms-version}
     */
    public String sasUrl(String container, String directory, String permissions, Duration validity, String version) {
        String dir = directory == null ? "" : directory.replaceAll("^/+|/+$", "");
        String query = sas.issue(container, dir, permissions, Instant.now().plus(validity), version);
        return endpoint() + "/" + container + (dir.isEmpty() ? "" : "/" + dir) + "?" + query;
    }

    public String sasUrl(String container, String directory, String permissions, Duration validity) {
        return sasUrl(container, directory, permissions, validity, SAS_VERSION);
    }

    /** The committed files under {@code prefix} ("" = all) of a container, by name. */
    public List<StoredFile> list(String container, String prefix) {
        List<StoredFile> out = new ArrayList<>();
        for (BlobStore.Blob b : store.list(container, prefix == null ? "" : prefix)) {
            out.add(new StoredFile(b.name, b.length, b.etag, b.modified));
        }
        return out;
    }

    /** Streams a committed file. */
    public InputStream open(String container, String name) throws IOException {
        BlobStore.Container c = store.container(container);
        if (c == null || !c.blobs.containsKey(name)) {
            throw new java.io.FileNotFoundException(container + "/" + name);
        }
        return Files.newInputStream(store.file(container, name));
    }

    /** The on-disk folder of a container or of a directory in it: committed files only, names as uploaded. */
    public Path folder(String container, String prefix) {
        Path p = root.resolve(container);
        return prefix == null || prefix.isBlank() ? p : p.resolve(prefix.replaceAll("^/+|/+$", ""));
    }

    /** Deletes the files under {@code prefix} of a container ("" = every file; the container stays). */
    public void delete(String container, String prefix) {
        store.deletePrefix(container, prefix == null ? "" : prefix);
    }

    public void deleteContainer(String container) {
        store.deleteContainer(container);
    }

    // ------------------------------------------------------------------------------------------ HTTP

    private void handle(HttpExchange ex) {
        StorageRequest r = null;
        try {
            List<String> segs = new ArrayList<>();
            for (String s : ex.getRequestURI().getRawPath().split("/", -1)) {
                segs.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
            segs.remove(0);
            if (!segs.isEmpty() && segs.get(0).equals(account)) {
                segs.remove(0);
            }
            String container = segs.isEmpty() ? "" : segs.get(0);
            String name = segs.size() < 2 ? "" : String.join("/", segs.subList(1, segs.size()));
            r = new StorageRequest(ex, container, name, UUID.randomUUID().toString());
            r.endpoint = endpoint() + "/";
            serve(r);
        } catch (StorageError e) {
            error(ex, r, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Storage sandbox failed on {} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    e.toString());
            error(ex, r, new StorageError(500, "InternalError", "The server encountered an internal error. Please "
                    + "retry the request."));
        } finally {
            ex.close();
        }
    }

    private void serve(StorageRequest r) throws IOException, InterruptedException {
        String xv = r.header("x-ms-version");
        if (xv != null) {
            r.version = ServiceVersion.parse(xv);
            if (r.version == null) {
                throw new StorageError(400, "InvalidHeaderValue", "The value for one of the HTTP headers is not in "
                        + "the correct format.", "<HeaderName>x-ms-version</HeaderName><HeaderValue>"
                        + StorageXml.esc(xv) + "</HeaderValue>");
            }
        } else {
            ServiceVersion sv = ServiceVersion.parse(r.q("sv"));
            r.version = sv == null ? ServiceVersion.OLDEST : sv;
        }
        switch (faults.next()) {
            case THROTTLED, UNAVAILABLE -> throw new StorageError(503, "ServerBusy", "The server is currently unable "
                    + "to receive requests. Please retry your request.").retryAfter(faults.retryAfter());
            case INTERNAL_ERROR -> throw new StorageError(500, "InternalError", "The server encountered an internal "
                    + "error. Please retry the request.").retryAfter(faults.retryAfter());
            default -> {
            }
        }
        if (r.container.isEmpty()) {
            throw StorageError.permission();
        }
        String sasPath = !r.name.isEmpty() ? r.name : r.q("directory") != null ? r.q("directory")
                : r.q("prefix") != null ? r.q("prefix") : "";
        String ip = r.ex.getRemoteAddress().getAddress().getHostAddress();
        r.grant = sas.verify(r.query, r.container, sasPath, r.https(), ip);
        BlobStore.Container c = store.container(r.container);
        if (!CONTAINER.matcher(r.container).matches() || c == null) {
            throw StorageError.containerNotFound(r.dfs);
        }
        for (String part : r.name.split("/", -1)) {
            if (!r.name.isEmpty() && (part.isEmpty() || part.equals(".") || part.equals(".."))) {
                throw new StorageError(400, "InvalidResourceName", "The specified resource name contains invalid "
                        + "characters.");
            }
        }
        if (r.dfs) {
            dfs.handle(r, c);
        } else {
            blobs.handle(r, c);
        }
    }

    private void error(HttpExchange ex, StorageRequest r, StorageError e) {
        try {
            ex.getRequestBody().transferTo(OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the client went away; still try to answer
        }
        try {
            String requestId = r == null ? UUID.randomUUID().toString() : r.requestId;
            String time = Instant.now().toString();
            String message = e.getMessage() + "\nRequestId:" + requestId + "\nTime:" + time;
            ex.getResponseHeaders().set("x-ms-error-code", e.code);
            if (e.retryAfter != null) {
                ex.getResponseHeaders().set("Retry-After", e.retryAfter);
            }
            if (r != null) {
                StorageReply.common(r);
            } else {
                ex.getResponseHeaders().set("x-ms-request-id", requestId);
            }
            if (e.status == 401) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer authorization_uri=https://login.microsoftonline"
                        + ".com/common/oauth2/authorize resource_id=https://storage.azure.com");
            }
            boolean dfsError = r != null && r.dfs;
            String body = dfsError
                    ? "{\"error\":{\"code\":\"" + e.code + "\",\"message\":\"" + message.replace("\\", "\\\\")
                            .replace("\"", "\\\"").replace("\n", "\\n") + "\"}}"
                    : StorageXml.PROLOG + "<Error><Code>" + e.code + "</Code><Message>" + StorageXml.esc(message)
                            + "</Message>" + e.extraXml + "</Error>";
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", dfsError ? "application/json;charset=utf-8"
                    : "application/xml");
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(e.status, -1);
                return;
            }
            ex.sendResponseHeaders(e.status, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }
}
