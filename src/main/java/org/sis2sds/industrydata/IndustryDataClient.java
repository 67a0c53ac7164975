package org.sis2sds.industrydata;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.sis2sds.azure.SasUrl;
import org.sis2sds.http.Resilient;
import org.sis2sds.sds.SdsClientConfig;
import org.sis2sds.sds.SdsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live SDS: Microsoft Graph beta {@code /external/industryData} (research industrydata.md §1, §2). Plain HTTP
 * through {@link Resilient} (the SDK has no getUploadSession, and the product already has one HTTP stack, with one
 * retry policy). Every refusal is an {@link SdsException} of one sentence; a 403 names the missing permission.
 * {@code validate} and {@code runs/start} are sent once: when their outcome is unknown (a 5xx or a time-out) this
 * throws {@link OutcomeUnknown} and the caller asks the service what happened.
 */
public final class IndustryDataClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndustryDataClient.class);
    static final String UPLOAD = "IndustryData-DataConnector.Upload";
    static final String START = "IndustryData-Run.Start";
    private final GraphApi api;

    /** A non-idempotent call whose outcome is unknown (5xx, time-out, connection lost): ask before calling again. */
    public static final class OutcomeUnknown extends IOException {
        public OutcomeUnknown(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public IndustryDataClient(SdsClientConfig cfg) {
        this.api = new GraphApi(cfg);
    }

    public String describe() {
        return "SDS (Graph industryData) at " + api.config().graphUrl();
    }

    /** The retrying HTTP sender (also used for the Data Lake uploads, without a token). */
    public Resilient http() {
        return api.http();
    }

    public void signIn() throws IOException, InterruptedException {
        api.signIn();
    }

    // ------------------------------------------------------------------------------------------ collections

    public List<JsonNode> list(Graph.Collection c) throws IOException, InterruptedException {
        return api.list(api.base() + "/" + c.path, "list the " + c.noun + "s", c.permission);
    }

    public JsonNode get(Graph.Collection c, String id) throws IOException, InterruptedException {
        return api.call("GET", item(c, id), null, "read " + c.noun + " " + id, c.permission);
    }

    public JsonNode create(Graph.Collection c, JsonNode body) throws IOException, InterruptedException {
        return api.call("POST", api.base() + "/" + c.path, body, "create the " + c.noun, c.permission);
    }

    public JsonNode patch(Graph.Collection c, String id, JsonNode body) throws IOException, InterruptedException {
        return api.call("PATCH", item(c, id), body, "change " + c.noun + " " + id, c.permission);
    }

    public void delete(Graph.Collection c, String id) throws IOException, InterruptedException {
        api.call("DELETE", item(c, id), null, "delete " + c.noun + " " + id, c.permission);
    }

    /** The URL other resources bind to ({@code x@odata.bind}). */
    public String bindUrl(Graph.Collection c, String id) {
        return item(c, id);
    }

    private String item(Graph.Collection c, String id) {
        return api.base() + "/" + c.path + "/" + enc(id);
    }

    // ------------------------------------------------------------------------------------------ flow

    /** The inbound flow and its data connector. */
    public Graph.Flow flow(String flowId) throws IOException, InterruptedException {
        String what = "read inbound flow " + flowId;
        JsonNode n = api.call("GET", item(Graph.Collection.INBOUND_FLOWS, flowId) + "?$expand=dataConnector", null,
                what, Graph.Collection.INBOUND_FLOWS.permission);
        String connector = n.path("dataConnector").path("id").asText("");
        if (connector.isEmpty()) { // $expand not honoured: read the navigation
            connector = api.call("GET", item(Graph.Collection.INBOUND_FLOWS, flowId) + "/dataConnector", null, what,
                    Graph.Collection.INBOUND_FLOWS.permission).path("id").asText("");
        }
        if (connector.isEmpty()) {
            throw new SdsException(0, "noConnector", "Inbound flow " + flowId + " has no data connector in SDS; run "
                    + "bin/sis2sds flow setup again.");
        }
        return Graph.Flow.of(n, connector);
    }

    // ------------------------------------------------------------------------------------------ upload, validate

    /** The connector's current upload session; {@code reset} asks for a new one with an empty container. */
    public Graph.UploadSession uploadSession(String connectorId, boolean reset) throws IOException, InterruptedException {
        String url = item(Graph.Collection.DATA_CONNECTORS, connectorId)
                + "/microsoft.graph.industryData.azureDataLakeConnector/microsoft.graph.industryData.getUploadSession("
                + (reset ? "resetSession=true" : "") + ")";
        JsonNode n = api.call("GET", url, null, "open an upload session on data connector " + connectorId, UPLOAD);
        SasUrl sas;
        try {
            sas = SasUrl.parse(n.path("sessionUrl").asText(null));
        } catch (IllegalArgumentException e) {
            throw new SdsException(200, "sessionUrl", "SDS gave data connector " + connectorId + " an upload session "
                    + "whose URL cannot be used: " + e.getMessage() + ".");
        }
        return new Graph.UploadSession(sas, n.path("containerId").asText(""), Graph.time(n, "sessionExpirationDateTime"),
                Graph.time(n, "containerExpirationDateTime"));
    }

    /**
     * {@code POST validate}, sent once (a 429 is waited out and sent again: it was not taken). Returns the
     * operation's URL ({@code Location}), or empty when SDS gave none (then {@link #latestOperation} finds it).
     */
    public Optional<String> validate(String connectorId) throws IOException, InterruptedException {
        String url = item(Graph.Collection.DATA_CONNECTORS, connectorId) + "/validate";
        GraphApi.Answer a = sendOnce("POST", url, "validate the upload of data connector " + connectorId, UPLOAD);
        return a.raw().headers().firstValue("Location");
    }

    /** The validate operation at {@code location} (a URL on the Graph host, or an operation id). */
    public Graph.Operation operation(String location) throws IOException, InterruptedException {
        String url = location.startsWith("http") ? location : item(Graph.Collection.OPERATIONS, location);
        if (!api.sameOrigin(url)) { // never send the token elsewhere: read it by its id on the Graph host
            url = item(Graph.Collection.OPERATIONS, url.substring(url.lastIndexOf('/') + 1));
        }
        return Graph.Operation.of(api.call("GET", url, null, "read the validation operation",
                Graph.Collection.OPERATIONS.permission));
    }

    /** The newest validation operation created at or after {@code since} (minus a minute of clock skew). */
    public Optional<Graph.Operation> latestOperation(Instant since) throws IOException, InterruptedException {
        Instant from = since.minus(Duration.ofMinutes(1));
        return list(Graph.Collection.OPERATIONS).stream().map(Graph.Operation::of)
                .filter(o -> o.created() != null && !o.created().isBefore(from))
                .max(Comparator.comparing(Graph.Operation::created));
    }

    // ------------------------------------------------------------------------------------------ runs

    /** Every run, newest first (sorted here: whether the service honours $orderby is not documented). */
    public List<Graph.Run> runs() throws IOException, InterruptedException {
        List<Graph.Run> out = new ArrayList<>();
        for (JsonNode n : list(Graph.Collection.RUNS)) {
            out.add(Graph.Run.of(n));
        }
        out.sort(Comparator.comparing(Graph.Run::start, Comparator.nullsFirst(Comparator.naturalOrder())).reversed());
        return out;
    }

    public Graph.Run run(String runId) throws IOException, InterruptedException {
        return Graph.Run.of(get(Graph.Collection.RUNS, runId));
    }

    /** The run's activities (one per flow), each with its status and blockingError. */
    public List<JsonNode> activities(String runId) throws IOException, InterruptedException {
        return api.list(item(Graph.Collection.RUNS, runId) + "/activities", "read the activities of run " + runId,
                Graph.Collection.RUNS.permission);
    }

    public JsonNode statistics(String runId) throws IOException, InterruptedException {
        return api.call("GET", item(Graph.Collection.RUNS, runId) + "/getStatistics", null,
                "give the statistics of run " + runId, Graph.Collection.RUNS.permission);
    }

    /**
     * {@code POST runs/start}, sent once. STARTED on 202; REFUSED when SDS says no (the on-demand quota of five
     * runs in 12 hours, a missing permission): the scheduled run will pick the upload up; UNKNOWN after a 5xx or
     * a lost connection (the caller looks for the run instead of asking again).
     */
    public Graph.Start startRun() throws IOException, InterruptedException {
        String url = api.base() + "/runs/start";
        GraphApi.Answer a;
        try {
            a = api.once("POST", url, null);
        } catch (IOException e) {
            LOG.warn("runs/start got no answer ({}); looking for the run instead of asking again", e.getMessage());
            return Graph.Start.UNKNOWN;
        }
        if (a.ok()) {
            return Graph.Start.STARTED;
        }
        if (a.status() >= 500) {
            return Graph.Start.UNKNOWN;
        }
        SdsException why = api.refusal(a, "start an on-demand run", START);
        LOG.warn("{} The upload waits for the next scheduled run.", why.getMessage());
        return Graph.Start.REFUSED;
    }

    /** Sends once; waits out 429s (not taken); 5xx or no answer → {@link OutcomeUnknown}; 4xx → refusal. */
    private GraphApi.Answer sendOnce(String method, String url, String what, String permission)
            throws IOException, InterruptedException {
        int max = Math.max(1, api.config().retry().maxAttempts());
        for (int attempt = 1; ; attempt++) {
            GraphApi.Answer a;
            try {
                a = api.once(method, url, null);
            } catch (IOException e) {
                throw new OutcomeUnknown("SDS did not answer when asked to " + what + " (" + e.getMessage() + ").", e);
            }
            if (a.ok()) {
                return a;
            }
            if (a.status() == 429 && attempt < max) {
                Duration wait = Resilient.retryAfter(a.raw()).orElse(api.config().retry().baseDelay()
                        .multipliedBy(1L << Math.min(attempt, 10)));
                if (wait.compareTo(api.config().retry().maxDelay()) > 0) {
                    wait = api.config().retry().maxDelay();
                }
                Resilient.RETRIES_THROTTLED.incrementAndGet();
                Thread.sleep(wait.toMillis());
                continue;
            }
            if (a.status() >= 500) {
                throw new OutcomeUnknown("SDS answered HTTP " + a.status() + " when asked to " + what
                        + "; whether it was done is unknown.", null);
            }
            throw api.refusal(a, what, permission);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
    }
}
