package org.sis2sds.powerschool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.sis2sds.http.Resilient;

/**
 * Talks to PowerSchool's {@code /ws/v1} API: an OAuth client-credentials token, cached and renewed when the server
 * refuses it; every call through {@link Resilient} (retries of 429/5xx/I-O honouring Retry-After); and helpers that
 * read PowerSchool's JSON whatever its quirks (an object where an array was expected, a wrapper without its item key,
 * {@code ""} for an empty expansion, numbers where strings were expected and back).
 */
public final class PowerSchoolClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PowerSchoolOptions options;
    private final Resilient http;
    private final AtomicLong requests = new AtomicLong();
    private final Object tokenLock = new Object();
    private volatile String token;
    private volatile Instant tokenExpiry = Instant.EPOCH;

    public PowerSchoolClient(PowerSchoolOptions options) {
        this.options = options;
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.http = new Resilient(client, options.retry(), "PowerSchool");
    }

    /** HTTP requests sent so far (retries and token requests included). */
    public long requests() {
        return requests.get();
    }

    // ------------------------------------------------------------------ token

    private String token(boolean renew) throws IOException, InterruptedException {
        String t = token;
        if (!renew && t != null && Instant.now().isBefore(tokenExpiry)) {
            return t;
        }
        synchronized (tokenLock) {
            // another thread may have fetched one while this one waited for the lock
            if (!renew && token != null && Instant.now().isBefore(tokenExpiry)) {
                return token;
            }
            // a renewal always asks the server: it hands back the same token while that is valid, a new one after
            fetchToken();
            return token;
        }
    }

    private void fetchToken() throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString(
                (options.clientId() + ":" + options.clientSecret()).getBytes(StandardCharsets.UTF_8));
        URI uri = options.baseUrl().resolve("/oauth/access_token");
        HttpResponse<String> resp = http.send(() -> {
            requests.incrementAndGet();
            return HttpRequest.newBuilder(uri)
                    .timeout(options.requestTimeout())
                    .header("Authorization", "Basic " + basic)
                    .header("Accept", "application/json")
                    .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"));
        }, HttpResponse.BodyHandlers.ofString(), null);
        int status = resp.statusCode();
        JsonNode body = parseOrNull(resp.body());
        if (status == 401 || status == 400 || status == 403 || (body != null && body.hasNonNull("error"))) {
            throw new RefusedException("PowerSchool refused the client id and secret (" + status
                    + "): check sis2sds.powerschool.client-id and sis2sds.powerschool.client-secret, and that the "
                    + "plugin is enabled.");
        }
        if (status != 200 || body == null || text(body, "access_token") == null) {
            throw new RefusedException("PowerSchool answered " + status + " " + kind(resp) + " to the token request at "
                    + uri + (status >= 500 || status == 429 ? " after " + options.retry().maxAttempts() + " attempts"
                    : "") + "; check sis2sds.powerschool.base-url and that the server is up.");
        }
        long seconds = 3600;
        String exp = text(body, "expires_in"); // a JSON string in PowerSchool, a number elsewhere
        if (exp != null) {
            try {
                seconds = Long.parseLong(exp.trim());
            } catch (NumberFormatException ignored) {
                // keep the default
            }
        }
        token = text(body, "access_token");
        tokenExpiry = Instant.now().plusSeconds(Math.max(1, seconds));
    }

    /** The token request failed for good (credentials refused, or no usable answer); the message says why. */
    public static final class RefusedException extends IOException {
        RefusedException(String m) {
            super(m);
        }
    }

    /** PowerSchool answered with an error status (after the retries, for the retryable ones). */
    public static final class StatusException extends ExtractionException {
        private final int status;

        StatusException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    // ------------------------------------------------------------------ calls

    /**
     * GETs {@code path} with {@code params} and returns the parsed JSON, or throws an {@link ExtractionException}
     * naming the call when PowerSchool still refuses after the retries.
     */
    public JsonNode get(String path, Map<String, String> params) throws ExtractionException, InterruptedException {
        URI uri = uri(path, params);
        HttpResponse<String> resp;
        try {
            resp = http.send(() -> {
                requests.incrementAndGet();
                return HttpRequest.newBuilder(uri)
                        .timeout(options.requestTimeout())
                        .header("Accept", "application/json")
                        .header("Content-Type", "application/json")
                        .GET();
            }, HttpResponse.BodyHandlers.ofString(), this::token);
        } catch (RefusedException e) {
            throw new ExtractionException(e.getMessage(), e);
        } catch (IOException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            throw new ExtractionException("PowerSchool could not be reached at " + options.baseUrl() + " after "
                    + options.retry().maxAttempts() + " attempts (" + why + "); check sis2sds.powerschool.base-url "
                    + "and that the server is up.", e);
        }
        int status = resp.statusCode();
        String where = "GET " + path;
        if (status == 401 || status == 403) {
            throw new StatusException(status, "PowerSchool refused " + where + " with " + status + " even with a fresh "
                    + "token: check that the plugin is enabled and has access to this resource.");
        }
        if (status != 200) {
            String msg = null;
            JsonNode body = parseOrNull(resp.body());
            if (body != null) {
                msg = text(body, "message");
            }
            throw new StatusException(status, "PowerSchool answered " + status + " " + kind(resp) + " to " + where
                    + (status >= 500 || status == 429 ? " after " + options.retry().maxAttempts() + " attempts" : "")
                    + (msg == null ? "" : " (" + msg + ")") + "; try again later or check the server.");
        }
        JsonNode body = parseOrNull(resp.body());
        if (body == null || !body.isObject()) {
            throw new ExtractionException("PowerSchool answered " + where + " with " + kind(resp)
                    + " instead of JSON; a proxy in front of it may be failing.");
        }
        return body;
    }

    /** The {@code /count} of a list: {@code {"resource":{"count":N}}} (or {@code {"count":N}}). */
    public long count(String path, Map<String, String> params) throws ExtractionException, InterruptedException {
        JsonNode body = get(path + "/count", params);
        JsonNode c = body.path("resource").path("count");
        if (c.isMissingNode()) {
            c = body.path("count");
        }
        String v = c.isValueNode() ? c.asText() : null;
        try {
            return Long.parseLong(v == null ? "" : v.trim());
        } catch (NumberFormatException e) {
            throw new ExtractionException("PowerSchool answered GET " + path + "/count without a count.");
        }
    }

    /** The per-resource maximum page sizes from {@code /ws/v1/metadata} (empty when unavailable). */
    public Map<String, Integer> maxPageSizes() throws ExtractionException, InterruptedException {
        Map<String, Integer> m = new LinkedHashMap<>();
        try {
            JsonNode md = get("/ws/v1/metadata", Map.of()).path("metadata");
            md.fields().forEachRemaining(e -> {
                if (e.getKey().endsWith("_max_page_size")) {
                    try {
                        m.put(e.getKey().substring(0, e.getKey().length() - "_max_page_size".length()),
                                Integer.parseInt(e.getValue().asText().trim()));
                    } catch (NumberFormatException ignored) {
                        // not a number: skip
                    }
                }
            });
        } catch (StatusException e) {
            if (e.status() >= 500 || e.status() == 429) {
                throw e; // the server is failing: no point going on
            }
            // a server that does not offer metadata to this plugin: fall back on the default page size
        }
        return m;
    }

    private URI uri(String path, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(path);
        char sep = '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return options.baseUrl().resolve(sb.toString());
    }

    private static String kind(HttpResponse<String> resp) {
        String type = resp.headers().firstValue("Content-Type").orElse("");
        String b = resp.body() == null ? "" : resp.body().stripLeading();
        return type.contains("html") || b.startsWith("<") ? "(an HTML page)" : type.contains("json") ? "(JSON)"
                : "(" + (type.isEmpty() ? "no content type" : type) + ")";
    }

    private static JsonNode parseOrNull(String s) {
        if (s == null || s.isBlank() || s.stripLeading().startsWith("<")) {
            return null;
        }
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ quirk-tolerant reading

    /**
     * The items of a list page: {@code {"students":{"student":[...]}}}, with one item as an object, no item key when
     * there are none, or {@code ""} in place of the wrapper.
     */
    public static List<JsonNode> items(JsonNode page, String plural, String singular) {
        JsonNode wrapper = page.get(plural);
        List<JsonNode> out = new ArrayList<>();
        if (wrapper == null) {
            return out;
        }
        JsonNode item = wrapper.isObject() ? wrapper.get(singular) : null;
        return many(item);
    }

    /** An array, a single object, or nothing ({@code ""}, null, absent) as a list. */
    public static List<JsonNode> many(JsonNode item) {
        List<JsonNode> out = new ArrayList<>();
        if (item == null) {
            return out;
        }
        if (item.isArray()) {
            item.forEach(n -> {
                if (n.isObject()) {
                    out.add(n);
                }
            });
        } else if (item.isObject()) {
            out.add(item);
        }
        return out;
    }

    /**
     * The text at a dotted path ({@code name.first_name}), numbers and booleans as their plain text, or null when
     * absent, empty, or not a value (an empty expansion {@code ""} anywhere on the path gives null).
     */
    public static String text(JsonNode node, String path) {
        JsonNode cur = node;
        for (String part : path.split("\\.")) {
            if (cur == null || !cur.isObject()) {
                return null;
            }
            cur = cur.get(part);
        }
        if (cur == null || cur.isNull() || !cur.isValueNode()) {
            return null;
        }
        String v = cur.isIntegralNumber() ? cur.bigIntegerValue().toString() : cur.asText();
        v = v.trim();
        return v.isEmpty() ? null : v;
    }
}
