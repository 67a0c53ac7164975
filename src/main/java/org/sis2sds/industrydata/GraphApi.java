package org.sis2sds.industrydata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.sis2sds.http.Resilient;
import org.sis2sds.sds.GraphRequests;
import org.sis2sds.sds.GraphToken;
import org.sis2sds.sds.SdsClientConfig;
import org.sis2sds.sds.SdsException;

/**
 * HTTP to Microsoft Graph {@code /external/industryData}: bearer token ({@link GraphToken}), JSON in and out, paging,
 * and refusals turned into {@link SdsException}s of one sentence that name the Graph permission a 403 lacks
 * (research industrydata.md §1.12). Idempotent calls are retried by {@link Resilient}; {@link #once} sends a
 * non-idempotent one exactly once (a 5xx or a time-out then leaves its outcome unknown, and the caller asks the
 * service what happened instead of calling again).
 */
final class GraphApi {
    static final String ROOT = "/external/industryData";
    private final SdsClientConfig cfg;
    private final Resilient http;
    private final Resilient single;
    private final GraphToken tokens;
    private final ObjectMapper json = new ObjectMapper();
    private final String base;

    GraphApi(SdsClientConfig cfg) {
        this.cfg = cfg;
        HttpClient client = HttpClient.newBuilder().connectTimeout(cfg.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.http = new Resilient(client, cfg.retry(), "SDS");
        this.single = new Resilient(client, new Resilient.Policy(1, cfg.retry().baseDelay(), cfg.retry().maxDelay()),
                "SDS");
        this.tokens = new GraphToken(cfg, http);
        this.base = cfg.graphUrl() + ROOT;
    }

    String base() {
        return base;
    }

    SdsClientConfig config() {
        return cfg;
    }

    Resilient http() {
        return http;
    }

    ObjectMapper json() {
        return json;
    }

    /** Signs in now (checks tenant, client id and secret). */
    void signIn() throws IOException, InterruptedException {
        tokens.token(false);
    }

    /** An answer: status, headers and the parsed body (an empty object when none). */
    record Answer(int status, HttpResponse<String> raw, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    /** GETs every page of a collection ({@code @odata.nextLink}). */
    List<JsonNode> list(String url, String what, String permission) throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        String next = url;
        while (next != null) {
            JsonNode page = call("GET", next, null, what, permission);
            page.path("value").forEach(out::add);
            next = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
            if (next != null && !sameOrigin(next)) {
                throw new SdsException(0, "nextLink", "SDS answered with a next page on another host; refusing to "
                        + "send the access token there.");
            }
        }
        return out;
    }

    /** A 2xx answer's JSON, else an {@link SdsException}. Retried (for idempotent calls). */
    JsonNode call(String method, String url, JsonNode body, String what, String permission)
            throws IOException, InterruptedException {
        Answer a = send(http, method, url, body);
        if (a.ok()) {
            return a.body();
        }
        throw refusal(a, what, permission);
    }

    /** Sends with retries; the caller judges the answer. */
    Answer send(String method, String url, JsonNode body) throws IOException, InterruptedException {
        return send(http, method, url, body);
    }

    /** Sends exactly once (no retry of 429, 5xx or I/O failures); the caller judges the answer. */
    Answer once(String method, String url, JsonNode body) throws IOException, InterruptedException {
        return send(single, method, url, body);
    }

    private Answer send(Resilient via, String method, String url, JsonNode body) throws IOException, InterruptedException {
        URI uri = URI.create(url);
        byte[] payload = body == null ? null : json.writeValueAsBytes(body);
        HttpResponse<String> r = via.send(GraphRequests.json(method, uri, payload, cfg.requestTimeout()),
                HttpResponse.BodyHandlers.ofString(), tokens);
        return new Answer(r.statusCode(), r, parse(r.body()));
    }

    /** True when {@code url} is on the Graph host itself (only there may the bearer token go). */
    boolean sameOrigin(String url) {
        try {
            return Resilient.origin(URI.create(url)).equalsIgnoreCase(Resilient.origin(URI.create(cfg.graphUrl())));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** One sentence: what was refused, SDS's own words, and for 401/403 which permission to grant. */
    SdsException refusal(Answer a, String what, String permission) {
        JsonNode err = a.body().path("error");
        String code = err.path("code").asText("");
        String msg = stripDot(err.path("message").asText(""));
        String requestId = err.path("innerError").path("request-id").asText(
                a.raw().headers().firstValue("request-id").orElse(""));
        String text;
        if (a.status() == 403) {
            text = "SDS refused to " + what + ": the app registration lacks the Microsoft Graph application permission "
                    + permission + "; grant it (with admin consent) under App registrations > API permissions";
        } else if (a.status() == 401) {
            text = "SDS refused the access token when asked to " + what + "; check sis2sds.sds.tenant and that the "
                    + "app registration has " + permission;
        } else {
            text = "SDS refused to " + what + ": " + (msg.isEmpty() ? "HTTP " + a.status() : msg);
        }
        text += " (" + (code.isEmpty() ? "" : code + ", ") + "HTTP " + a.status()
                + (requestId.isEmpty() ? "" : ", request-id " + requestId) + ").";
        return new SdsException(a.status(), code.isEmpty() ? null : code, text);
    }

    private static String stripDot(String s) {
        String t = s.trim();
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    JsonNode parse(String body) {
        return GraphRequests.parse(json, body);
    }
}
