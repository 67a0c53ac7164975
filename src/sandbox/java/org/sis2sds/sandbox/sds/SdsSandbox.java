package org.sis2sds.sandbox.sds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.sis2sds.core.Settings;
import org.sis2sds.sandbox.SandboxTls;
import org.sis2sds.sandbox.entra.EntraLogin;
import org.sis2sds.sandbox.graph.GraphServer;
import org.sis2sds.sandbox.graph.GraphService;
import org.sis2sds.sandbox.storage.StorageServer;

/**
 * A faithful stand-in for SDS on 127.0.0.1: the Entra login ({@link EntraLogin}) and the Graph services
 * ({@link GraphServer}: the Classic {@code /beta/education/synchronizationProfiles} API, and every
 * {@link SdsServiceProvider} on the class path) on one port, and the Azure storage account the upload URLs point at
 * ({@link StorageServer}) on another; HTTPS for all when asked. Never needed in production.
 */
public final class SdsSandbox implements AutoCloseable {
    private final SdsSandboxOptions o;
    private final EntraLogin login;
    private final GraphServer graph;
    private final StorageServer storage;
    private final ClassicProfileService classic;
    private SandboxTls tls;
    private Path tlsDir;

    public SdsSandbox(SdsSandboxOptions options) {
        this.o = options;
        this.login = new EntraLogin(options.tenant, options.tokenLifetime)
                .client(options.clientId, options.clientSecret, options.roles);
        this.graph = new GraphServer(login, options.graphFaults);
        this.storage = new StorageServer(options.storageAccount, options.storageFaults, options.storageCaps);
        this.classic = new ClassicProfileService(options, storage);
        graph.register(ClassicProfileService.PATH, classic);
    }

    /** Runs the sandbox alone until stopped: {@code java ... org.sis2sds.sandbox.sds.SdsSandbox}. */
    public static void main(String[] args) throws Exception {
        SdsSandbox s = new SdsSandbox(SdsSandboxOptions.fromSettings(Settings.load())).start();
        System.out.println("SDS sandbox at " + s.baseUrl() + ", storage at " + s.storage.endpoint());
        Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        Thread.currentThread().join();
    }

    /** Starts over HTTPS with a new certificate when the options say {@code tls}, else over HTTP. */
    public SdsSandbox start() throws IOException {
        if (o.tls && tls == null) {
            tlsDir = Files.createTempDirectory("sds-sandbox-tls");
            tls = SandboxTls.generate(tlsDir.resolve("sandbox-ca.pem"), Duration.ofDays(30));
        }
        return start(tls);
    }

    /** Starts with this certificate ({@code null}: plain HTTP), shared with the other sandboxes of the process. */
    public SdsSandbox start(SandboxTls certificate) throws IOException {
        this.tls = certificate;
        for (SdsServiceProvider p : ServiceLoader.load(SdsServiceProvider.class)) {
            graph.register(p.path(), p.create(this));
        }
        storage.start(o.storagePort(), certificate);
        graph.start(o.port, certificate);
        return this;
    }

    /** Adds a Graph service under {@code path} (tests; providers use {@link SdsServiceProvider}). */
    public SdsSandbox register(String path, GraphService service) {
        graph.register(path, service);
        return this;
    }

    /** {@code http(s)://127.0.0.1:PORT}: the login URL; the Graph base URL is this plus {@code /beta}. */
    public String baseUrl() {
        return graph.baseUrl();
    }

    public String graphUrl() {
        return baseUrl() + "/beta";
    }

    public EntraLogin login() {
        return login;
    }

    public StorageServer storage() {
        return storage;
    }

    /** The certificate the sandbox serves HTTPS with, or null over HTTP. */
    public SandboxTls tls() {
        return tls;
    }

    /** How many injected faults (Graph 429/503/500 and storage 503/500) the sandbox has answered so far. */
    public long faultsServed() {
        return graph.faultsServed() + storage.faultsServed();
    }

    public int port() {
        return graph.port();
    }

    /** How many upload URLs the Classic profile API handed out (one per upload of a batch). */
    public long uploadUrlsServed() {
        return classic.uploadUrls();
    }

    /** Each start the Classic profile API took, in order, as the {@link #contentDigest} of the files it syncs. */
    public List<String> starts() {
        return classic.starts();
    }

    /**
     * SHA-256 over the CSV files of a folder (name lower-cased, then content, in name order): the same for a batch
     * folder and for a profile's container after that batch was uploaded, so tests can tell which batch a start was.
     */
    public static String contentDigest(Path dir) throws IOException {
        java.security.MessageDigest d;
        try {
            d = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : files.filter(x -> x.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv"))
                    .sorted(java.util.Comparator.comparing(x -> x.getFileName().toString().toLowerCase(java.util.Locale.ROOT)))
                    .toList()) {
                d.update(f.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                d.update(java.nio.file.Files.readAllBytes(f));
            }
        }
        return java.util.HexFormat.of().formatHex(d.digest());
    }

    public SdsSandboxOptions options() {
        return o;
    }

    /** Settings that point the daemon and the CLI at this sandbox (the secret included: test use only). */
    public Map<String, String> clientSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sis2sds.sds.graph-url", graphUrl());
        m.put("sis2sds.sds.login-url", baseUrl());
        m.put("sis2sds.sds.tenant", o.tenant);
        m.put("sis2sds.sds.client-id", o.clientId);
        m.put("sis2sds.sds.client-secret", o.clientSecret);
        return m;
    }

    /** Every token issued so far is refused from now on (tests: the next API call gets 401). */
    public void revokeTokens() {
        login.revokeAll();
    }

    /** Where the committed blobs of a profile's container are (the upload URL's container is the profile id). */
    public Path containerDir(String profileId) {
        return storage.folder(profileId, null);
    }

    @Override
    public void close() {
        graph.close();
        storage.close();
        if (tlsDir != null) {
            org.sis2sds.core.FileTrees.deleteQuietly(tlsDir);
        }
    }
}
