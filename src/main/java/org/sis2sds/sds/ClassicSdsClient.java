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
import org.sis2sds.batch.SdsFile;
import org.sis2sds.http.Resilient;
import org.sis2sds.validate.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SDS Classic: the Graph beta {@code /education/synchronizationProfiles} API (research sds-api.md §3, §10).
 * OAuth2 client credentials with a cached token renewed before it expires and when refused; retries of 429, 5xx
 * and I/O failures through {@link Resilient} (honouring {@code Retry-After}); a bounded wait while
 * {@code uploadUrl} answers 409. Neither the secret, nor a token, nor a SAS URL's query is ever logged or put in
 * an exception.
 */
public final class ClassicSdsClient implements SdsDestination {
    private static final Logger LOG = LoggerFactory.getLogger(ClassicSdsClient.class);
    private static final String PROFILES = "/education/synchronizationProfiles";
    /** Get a fresh SAS URL when the one held is older than this (SDS: valid for 1 h). */
    private static final Duration SAS_REFRESH = Duration.ofMinutes(50);

    private final SdsClientConfig cfg;
    private final Resilient http;
    private final ObjectMapper json = new ObjectMapper();
    private final GraphToken tokens;

    public ClassicSdsClient(SdsClientConfig cfg) {
        this.cfg = cfg;
        HttpClient client = HttpClient.newBuilder().connectTimeout(cfg.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.http = new Resilient(client, cfg.retry(), "SDS");
        this.tokens = new GraphToken(cfg, http);
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
        Sas sas = uploadUrl(id);
        for (Path file : files) {
            String name = SdsFile.byFileName(file.getFileName().toString()).orElseThrow().canonicalName();
            if (Duration.between(sas.at, Instant.now()).compareTo(SAS_REFRESH) > 0) {
                sas = uploadUrl(id);
            }
            int status = putBlob(sas, name, file);
            if (status == 403) { // the SAS expired or was revoked: one fresh URL
                sas = uploadUrl(id);
                status = putBlob(sas, name, file);
            }
            if (status != 201 && status != 200) {
                throw new SdsException(status, "blob", "The SDS blob store refused " + name + " (HTTP " + status
                        + ") for profile " + id + ".");
            }
        }
        LOG.debug("Uploaded {} file(s) from {} to SDS profile {}", files.size(), dir.getFileName(), id);
    }

    private record Sas(String base, String query, Instant at) {
    }

    /** The profile's SAS upload URL; waits with backoff (bounded by conflict-timeout) while SDS answers 409. */
    private Sas uploadUrl(String id) throws IOException, InterruptedException {
        Instant until = Instant.now().plus(cfg.conflictTimeout());
        long wait = Math.max(50, cfg.retry().baseDelay().toMillis());
        while (true) {
            try {
                JsonNode r = call("GET", item(id, "uploadUrl"), null, "give an upload URL for profile " + id);
                String url = r.path("value").asText("");
                int q = url.indexOf('?');
                if (q < 0) {
                    throw new SdsException(200, "uploadUrl", "SDS gave profile " + id + " an upload URL without a "
                            + "signature.");
                }
                return new Sas(url.substring(0, q), url.substring(q + 1), Instant.now());
            } catch (SdsException e) {
                if (e.status() != 409 || Instant.now().isAfter(until)) {
                    throw e;
                }
                LOG.info("SDS profile {} is still processing a previous request; waiting {} ms", id, wait);
                Thread.sleep(wait);
                wait = Math.min(wait * 2, Math.max(wait, cfg.retry().maxDelay().toMillis()));
            }
        }
    }

    private int putBlob(Sas sas, String name, Path file) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = URI.create(sas.base + "/" + enc(name).replace("+", "%20") + "?" + sas.query);
        } catch (IllegalArgumentException e) { // never show the URL: its query is the signature
            throw new SdsException(0, "uploadUrl", "SDS gave an upload URL that is not a valid URL.");
        }
        HttpResponse<Void> r;
        try {
            r = http.send(() -> {
                try {
                    return HttpRequest.newBuilder(uri).timeout(cfg.requestTimeout().multipliedBy(5))
                            .header("x-ms-blob-type", "BlockBlob").header("x-ms-version", "2020-04-08")
                            .header("Content-Type", "text/csv; charset=utf-8")
                            .PUT(HttpRequest.BodyPublishers.ofFile(file));
                } catch (java.io.FileNotFoundException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, HttpResponse.BodyHandlers.discarding(), null);
        } catch (java.io.UncheckedIOException e) {
            throw new IOException("Cannot read " + file + ": " + e.getCause().getMessage(), e.getCause());
        }
        return r.statusCode();
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
