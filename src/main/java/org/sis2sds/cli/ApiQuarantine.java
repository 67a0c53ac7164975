package org.sis2sds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sis2sds.core.Settings;
import org.sis2sds.sync.Run;

/**
 * The {@code quarantine} commands through a running daemon's management API ({@code camel.server.host:port}, token
 * {@code SIS2SDS_API_TOKEN}).
 */
final class ApiQuarantine implements QuarantineBackend {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final String token;
    private final Duration timeout;

    private ApiQuarantine(String base, String token, Duration timeout) {
        this.base = base;
        this.token = token;
        this.timeout = timeout;
    }

    static Optional<QuarantineBackend> connect(Settings s) {
        if (!s.getBool("camel.server.enabled", false)) {
            return Optional.empty();
        }
        String host = s.get("camel.server.host", "127.0.0.1");
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        ApiQuarantine b = new ApiQuarantine("http://" + host + ":" + s.getInt("camel.server.port", 8080) + "/api/v1",
                s.secret("sis2sds.api.token"), s.getDuration("sis2sds.syncs.once-timeout", Duration.ofHours(2)));
        try {
            JsonNode n = b.send("GET", "/quarantine");
            return n == null ? Optional.empty() : Optional.of(b);
        } catch (ConnectException | HttpTimeoutException e) {
            return Optional.empty();
        } catch (CliException e) {
            throw e;
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The envelope of a successful answer; a refusal becomes a CliException with the API's message. */
    JsonNode send(String method, String path) throws IOException, InterruptedException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (!token.isEmpty()) {
            rb.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode n;
        try {
            n = JSON.readTree(r.body());
        } catch (IOException e) {
            return null; // not our API
        }
        if (r.statusCode() == 401) {
            throw new CliException(Sis2sds.USAGE, "The running daemon refused the API token; set SIS2SDS_API_TOKEN "
                    + "to the token the daemon uses.");
        }
        if (!n.path("success").asBoolean(false)) {
            throw new CliException(1, n.path("message").asText("The daemon refused the request."));
        }
        return n;
    }

    @Override
    public List<String[]> list() {
        try {
            JsonNode n = send("GET", "/quarantine");
            List<String[]> rows = new ArrayList<>();
            for (JsonNode q : n.path("data")) {
                JsonNode a = q.path("attributes");
                rows.add(new String[] {q.path("id").asText(), a.path("status").asText(),
                        a.path("sync_id").asText("-"), a.path("run_id").asText("-"), a.path("reason").asText("")});
            }
            return rows;
        } catch (IOException | InterruptedException e) {
            throw noAnswer(e);
        }
    }

    @Override
    public String[] release(String id) throws Exception {
        try {
            JsonNode run = send("POST", "/quarantine/" + id + "/release").path("data");
            String runId = run.path("id").asText();
            String syncId = run.path("attributes").path("sync_id").asText();
            long end = System.nanoTime() + timeout.toNanos();
            while (true) {
                JsonNode a = send("GET", "/syncs/" + syncId + "/runs/" + runId).path("data").path("attributes");
                String st = a.path("status").asText();
                if (!st.equals(Run.PENDING) && !st.equals(Run.RUNNING) || System.nanoTime() > end) {
                    return new String[] {st, runId, a.path("reason").asText("")};
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            throw noAnswer(e);
        }
    }

    @Override
    public String discard(String id) {
        try {
            return send("POST", "/quarantine/" + id + "/discard").path("message").asText();
        } catch (IOException | InterruptedException e) {
            throw noAnswer(e);
        }
    }

    /** The daemon went away mid-command: one sentence, also when the exception has no message. */
    private static CliException noAnswer(Exception e) {
        return new CliException(1, "The daemon did not answer ("
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                + "); check that it is still running and try again.", e);
    }

    @Override
    public void close() {
    }
}
