package org.sis2sds.sds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.sis2sds.azure.AzureHttp;
import org.sis2sds.azure.BlockUploader;
import org.sis2sds.azure.SasSource;
import org.sis2sds.azure.UploadException;
import org.sis2sds.batch.SdsFile;
import org.sis2sds.http.Resilient;
import org.sis2sds.validate.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SDS Classic: the Graph beta {@code /education/synchronizationProfiles} API (research sds-api.md §3, §10).
 * OAuth2 client credentials with a cached token renewed before it expires and when refused; retries of 429, 5xx
 * and I/O failures through {@link Resilient} (honouring {@code Retry-After}); a bounded wait while
 * {@code uploadUrl} answers 409. Files go to the SAS URL with Azure's rules ({@link BlockUploader}: an explicit
 * {@code x-ms-version}, blocks above a threshold, several in flight). Neither the secret, nor a token, nor a SAS
 * URL's query is ever logged or put in an exception.
 */
public final class ClassicSdsClient implements SdsDestination {
    private static final Logger LOG = LoggerFactory.getLogger(ClassicSdsClient.class);
    private static final String PROFILES = "/education/synchronizationProfiles";

    private final SdsClientConfig cfg;
    private final Resilient http;
    private final BlockUploader uploader;
    /** The pool this client made itself (no Camel pool given), closed with it. */
    private final ExecutorService ownPool;
    private final ObjectMapper json = new ObjectMapper();
    private final GraphToken tokens;

    /** A client with a small pool of its own for block uploads (the command line; closed by {@link #close()}). */
    public ClassicSdsClient(SdsClientConfig cfg) {
        this(cfg, null);
    }

    /**
     * @param uploadPool where blocks of large files are sent (a Camel-managed pool in the daemon); null: a pool of
     *                   {@code upload.concurrency} daemon threads owned by this client
     */
    public ClassicSdsClient(SdsClientConfig cfg, ExecutorService uploadPool) {
        this.cfg = cfg;
        HttpClient client = HttpClient.newBuilder().connectTimeout(cfg.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.http = new Resilient(client, cfg.retry(), "SDS");
        this.tokens = new GraphToken(cfg, http);
        this.ownPool = uploadPool == null ? Executors.newFixedThreadPool(cfg.upload().concurrency(), r -> {
            Thread t = new Thread(r, "sds-upload");
            t.setDaemon(true);
            return t;
        }) : null;
        Resilient storage = new Resilient(client, cfg.retry(), "Azure storage");
        this.uploader = new BlockUploader(new AzureHttp(storage, cfg.upload()), uploadPool == null ? ownPool : uploadPool);
    }

    @Override
    public void close() {
        if (ownPool != null) {
            ownPool.shutdownNow();
        }
    }

    @Override
    public String describe() {
        return "SDS Classic at " + cfg.graphUrl();
    }

    public SdsClientConfig config() {
        return cfg;
    }

    // ------------------------------------------------------------------------------------------ token

    /** The cached access token, fetched again shortly before it expires or when {@code renew} is asked. */
    String token(boolean renew) throws IOException, InterruptedException {
        return tokens.token(renew);
    }

    // ------------------------------------------------------------------------------------------ profiles

    @Override
    public List<JsonNode> listProfiles() throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        String url = cfg.graphUrl() + PROFILES;
        while (url != null) {
            JsonNode page = call("GET", url, null, "list the synchronization profiles");
            page.path("value").forEach(out::add);
            url = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }
        return out;
    }

    @Override
    public JsonNode getProfile(String id) throws IOException, InterruptedException {
        return call("GET", item(id, null), null, "read profile " + id);
    }

    @Override
    public JsonNode createProfile(JsonNode profile) throws IOException, InterruptedException {
        return call("POST", cfg.graphUrl() + PROFILES, profile, "create the profile");
    }

    @Override
    public JsonNode updateProfile(String id, JsonNode profile) throws IOException, InterruptedException {
        JsonNode r = call("PATCH", item(id, null), profile, "update profile " + id);
        return r.isEmpty() ? getProfile(id) : r; // 204 No Content: read it back
    }

    @Override
    public void deleteProfile(String id) throws IOException, InterruptedException {
        call("DELETE", item(id, null), null, "delete profile " + id);
    }

    @Override
    public JsonNode awaitProvisioned(String id, Duration timeout) throws IOException, InterruptedException {
        Instant until = Instant.now().plus(timeout);
        long wait = 100;
        while (true) {
            JsonNode p = getProfile(id);
            String state = p.path("state").asText("");
            if (state.equalsIgnoreCase("provisioned")) {
                return p;
            }
            if (state.equalsIgnoreCase("provisioningFailed") || state.equalsIgnoreCase("deletionFailed")
                    || state.equalsIgnoreCase("deleting")) {
                throw new SdsException(0, state, "Profile " + id + " is " + state + " in SDS; it cannot be used.");
            }
            if (Instant.now().isAfter(until)) {
                throw new SdsException(0, "timeout", "Profile " + id + " was still " + state + " after "
                        + timeout.toSeconds() + " s; try again later.");
            }
            Thread.sleep(wait);
            wait = Math.min(wait * 2, Math.max(100, cfg.pollInterval().toMillis()));
        }
    }

    // ------------------------------------------------------------------------------------------ runs

    @Override
    public void uploadBatch(String id, Path dir) throws IOException, InterruptedException {
        List<Path> files = new ArrayList<>();
        for (SdsFile f : SdsFile.values()) {
            find(dir, f).ifPresentOrElse(files::add,
                    () -> LOG.warn("{} has no {}; SDS will report it missing", dir.getFileName(), f.canonicalName()));
        }
        SasSource sas = new ProfileUploadUrl(id, cfg, () -> call("GET", item(id, "uploadUrl"), null,
                "give an upload URL for profile " + id));
        for (Path file : files) {
            String name = SdsFile.byFileName(file.getFileName().toString()).orElseThrow().canonicalName();
            try {
                uploader.upload(sas, name, file, "text/csv; charset=utf-8");
            } catch (UploadException e) {
                throw new SdsException(e.status(), e.code().isEmpty() ? "blob" : e.code(), stripDot(e.getMessage())
                        + " (SDS profile " + id + ").");
            }
        }
        LOG.debug("Uploaded {} file(s) from {} to SDS profile {}", files.size(), dir.getFileName(), id);
    }

    @Override
    public List<Message> start(String id) throws IOException, InterruptedException {
        HttpResponse<String> r = raw("POST", item(id, "start"), null);
        JsonNode b = parse(r.body());
        if ((r.statusCode() == 200 || r.statusCode() == 400) && b.has("value") && b.get("value").isArray()) {
            List<Message> out = new ArrayList<>();
            for (JsonNode m : b.get("value")) {
                out.add(Message.of(normalType(m.path("type").asText("")), m.path("fileName").asText(
                        m.path("filename").asText("")), m.path("description").asText("")));
            }
            return out;
        }
        if (r.statusCode() / 100 == 2) {
            return List.of();
        }
        throw refusal(r.statusCode(), b, "start profile " + id);
    }

    /** Verification message types compared case-insensitively, emitted capitalised. */
    static String normalType(String t) {
        String l = t.toLowerCase(Locale.ROOT);
        return l.isEmpty() ? t : Character.toUpperCase(l.charAt(0)) + l.substring(1);
    }

    @Override
    public ProfileStatus status(String id) throws IOException, InterruptedException {
        JsonNode b = call("GET", item(id, "profileStatus"), null, "give the status of profile " + id);
        String raw = b.path("status").asText(null);
        return new ProfileStatus(SyncStatus.parse(raw), raw, time(b, "lastSynchronizationDateTime"),
                time(b, "lastActivityDateTime"), b.path("errorCount").asLong(0),
                b.hasNonNull("statusMessage") ? b.get("statusMessage").asText() : null);
    }

    @Override
    public ErrorPage errors(String id, int limit) throws IOException, InterruptedException {
        List<SdsError> out = new ArrayList<>();
        int top = Math.max(1, Math.min(limit, 999));
        String url = item(id, "errors") + "?$count=true&$top=" + top;
        long total = -1;
        while (url != null && out.size() < limit) {
            JsonNode page = call("GET", url, null, "list the errors of profile " + id);
            if (total < 0 && page.has("@odata.count")) {
                total = page.get("@odata.count").asLong();
            }
            for (JsonNode e : page.path("value")) {
                if (out.size() >= limit) {
                    break;
                }
                out.add(new SdsError(e.path("id").asText(null), e.path("entryType").asText(null),
                        e.path("errorCode").asText(null), e.path("errorMessage").asText(null),
                        e.path("joiningValue").asText(null), e.path("recordedDateTime").asText(null),
                        e.path("reportableIdentifier").asText(null)));
            }
            url = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }
        return new ErrorPage(total < 0 ? out.size() : total, out);
    }

    @Override
    public void pause(String id) throws IOException, InterruptedException {
        call("POST", item(id, "pause"), null, "pause profile " + id);
    }

    @Override
    public void resume(String id) throws IOException, InterruptedException {
        call("POST", item(id, "resume"), null, "resume profile " + id);
    }

    @Override
    public void reset(String id) throws IOException, InterruptedException {
        call("POST", item(id, "reset"), null, "reset profile " + id);
    }

    // ------------------------------------------------------------------------------------------ HTTP

    private String item(String id, String op) {
        String u = cfg.graphUrl() + PROFILES + "/" + enc(id);
        return op == null ? u : u + "/" + op;
    }

    /** Sends a Graph call; a 2xx answer's JSON (empty object when none), else an {@link SdsException}. */
    private JsonNode call(String method, String url, JsonNode body, String what)
            throws IOException, InterruptedException {
        HttpResponse<String> r = raw(method, url, body);
        JsonNode b = parse(r.body());
        if (r.statusCode() / 100 == 2) {
            return b;
        }
        throw refusal(r.statusCode(), b, what);
    }

    private HttpResponse<String> raw(String method, String url, JsonNode body) throws IOException, InterruptedException {
        URI uri = URI.create(url);
        byte[] payload = body == null ? null : json.writeValueAsBytes(body);
        return http.send(GraphRequests.json(method, uri, payload, cfg.requestTimeout(), "Prefer",
                "include-unknown-enum-members"), HttpResponse.BodyHandlers.ofString(), tokens);
    }

    private SdsException refusal(int status, JsonNode b, String what) {
        String code = b.path("error").path("code").asText("");
        String msg = b.path("error").path("message").asText("");
        if (status == 401 || status == 403) {
            msg = (msg.isEmpty() ? "access denied" : stripDot(msg)) + "; check that the app registration has "
                    + "EduAdministration.ReadWrite.All with admin consent (create, update and delete need a "
                    + "delegated sign-in)";
        }
        String text = "SDS refused to " + what + ": " + (msg.isEmpty() ? "HTTP " + status : stripDot(msg))
                + " (" + (code.isEmpty() ? "" : code + ", ") + "HTTP " + status + ").";
        return new SdsException(status, code.isEmpty() ? null : code, text);
    }

    private static String stripDot(String s) {
        String t = s.trim();
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    private JsonNode parse(String body) {
        return GraphRequests.parse(json, body);
    }

    private static Instant time(JsonNode b, String key) {
        if (!b.hasNonNull(key)) {
            return null;
        }
        try {
            return Instant.parse(b.get(key).asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Optional<Path> find(Path dir, SdsFile f) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> Files.isRegularFile(p)
                    && p.getFileName().toString().equalsIgnoreCase(f.canonicalName())).findFirst();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
