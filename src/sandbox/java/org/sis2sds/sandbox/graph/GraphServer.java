package org.sis2sds.sandbox.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sis2sds.sandbox.FaultSettings;
import org.sis2sds.sandbox.Faults;
import org.sis2sds.sandbox.SandboxHttp;
import org.sis2sds.sandbox.SandboxTls;
import org.sis2sds.sandbox.entra.AccessToken;
import org.sis2sds.sandbox.entra.EntraLogin;
import org.sis2sds.sandbox.entra.TokenRejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP layer every Graph sandbox service shares, on one port (default 18082): the Entra login endpoints, then
 * for every other path the fault injection (latency; 429, 503 and 500 with a whole-second {@code Retry-After},
 * deterministic for the seed), bearer-token verification (401 with {@code WWW-Authenticate}), OData path folding
 * ({@link ODataPath}) and dispatch to the {@link GraphService} registered under the longest matching path. Every
 * answer carries {@code request-id} and {@code client-request-id}; every error is Graph's OData error body.
 */
public final class GraphServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GraphServer.class);
    private static final String JSON_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;"
            + "IEEE754Compatible=false;charset=utf-8";
    private final ObjectMapper json = new ObjectMapper();
    private final EntraLogin login;
    private final Faults faults;
    private final List<Registration> services = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private record Registration(String path, List<ODataPath.Segment> prefix, GraphService service) {
    }

    public GraphServer(EntraLogin login, FaultSettings faults) {
        this.login = login;
        this.faults = new Faults(faults);
    }

    /**
     * Serves {@code service} under {@code path} (e.g. {@code /beta/external/industryData}); the longest registered
     * path that matches a request wins. May be called before or after {@link #start}.
     */
    public GraphServer register(String path, GraphService service) {
        services.add(new Registration(path, ODataPath.parse(path), service));
        services.sort((a, b) -> Integer.compare(b.prefix.size(), a.prefix.size()));
        return this;
    }

    public GraphServer start(int port, SandboxTls tls) throws IOException {
        server = SandboxHttp.create(port, tls, 16, "graph-sandbox");
        server.createContext("/", this::handle);
        server.start();
        LOG.info("Graph sandbox listening on {}", baseUrl());
        return this;
    }

    /** {@code http(s)://127.0.0.1:PORT}: the login base URL; Graph is under {@code /beta}. */
    public String baseUrl() {
        return SandboxHttp.baseUrl(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public EntraLogin login() {
        return login;
    }

    /** How many faults (429, 503, 500) were answered so far. */
    public long faultsServed() {
        return faults.served();
    }

    @Override
    public void close() {
        if (server != null) {
            SandboxHttp.stop(server);
            server = null;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String clientRequestId = ex.getRequestHeaders().getFirst("client-request-id");
        ex.getResponseHeaders().set("request-id", requestId);
        ex.getResponseHeaders().set("client-request-id", clientRequestId == null ? requestId : clientRequestId);
        try {
            String path = ex.getRequestURI().getPath();
            if (login.handles(path)) {
                login.handle(ex, baseUrl());
                return;
            }
            fault();
            List<ODataPath.Segment> segs = ODataPath.parse(ex.getRequestURI().getRawPath());
            Registration reg = find(segs);
            if (reg == null) {
                throw GraphError.noSegment(segs.isEmpty() ? "/" : segs.get(segs.size() - 1).name());
            }
            AccessToken token = authenticate(ex);
            GraphRequest req = new GraphRequest(ex, segs.subList(reg.prefix.size(), segs.size()), token, baseUrl(),
                    reg.path);
            write(ex, reg.service.handle(req));
        } catch (GraphError e) {
            error(ex, e, requestId, clientRequestId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Graph sandbox failed on {} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    e.toString());
            error(ex, new GraphError(500, "InternalServerError", "The sandbox failed: " + e.getClass().getSimpleName()),
                    requestId, clientRequestId);
        } finally {
            ex.close();
        }
    }

    private void fault() throws InterruptedException {
        switch (faults.next()) {
            case THROTTLED -> throw new GraphError(429, "TooManyRequests", "Please retry again later.")
                    .header("Retry-After", faults.retryAfter());
            case UNAVAILABLE -> throw new GraphError(503, "serviceNotAvailable", "The service is temporarily "
                    + "unavailable. Please retry later.").header("Retry-After", faults.retryAfter());
            case INTERNAL_ERROR -> throw new GraphError(500, "generalException", "An internal server error "
                    + "occurred.").header("Retry-After", faults.retryAfter());
            default -> {
            }
        }
    }

    private Registration find(List<ODataPath.Segment> segs) {
        for (Registration r : services) {
            if (r.prefix.size() > segs.size()) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < r.prefix.size() && match; i++) {
                match = segs.get(i).is(r.prefix.get(i).name());
            }
            if (match) {
                return r;
            }
        }
        return null;
    }

    private AccessToken authenticate(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        String bearer = h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : null;
        try {
            return login.verify(bearer);
        } catch (TokenRejected e) {
            throw new GraphError(401, "InvalidAuthenticationToken", e.getMessage()).header("WWW-Authenticate",
                    "Bearer realm=\"\", authorization_uri=\"" + baseUrl() + "/common/oauth2/authorize\", client_id=\""
                            + EntraLogin.GRAPH_APP_ID + "\"");
        }
    }

    private void write(HttpExchange ex, GraphResponse r) throws IOException {
        r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        byte[] b = r.json() != null ? json.writeValueAsBytes(r.json()) : r.bytes();
        if (b == null) {
            ex.sendResponseHeaders(r.status(), -1);
            return;
        }
        ex.getResponseHeaders().set("Content-Type", r.json() != null ? JSON_TYPE : r.contentType());
        ex.sendResponseHeaders(r.status(), b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    /** Graph's OData error body for {@code e}. */
    public ObjectNode errorBody(String code, String message, String requestId, String clientRequestId) {
        ObjectNode r = json.createObjectNode();
        ObjectNode e = r.putObject("error");
        e.put("code", code);
        e.put("message", message);
        ObjectNode inner = e.putObject("innerError");
        inner.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        inner.put("request-id", requestId);
        inner.put("client-request-id", clientRequestId == null ? requestId : clientRequestId);
        return r;
    }

    private void error(HttpExchange ex, GraphError e, String requestId, String clientRequestId) {
        try {
            drain(ex);
            ObjectNode body = errorBody(e.code(), e.getMessage(), requestId, clientRequestId);
            GraphResponse r = GraphResponse.json(e.status(), body);
            for (Map.Entry<String, String> h : e.headers().entrySet()) {
                r.header(h.getKey(), h.getValue());
            }
            write(ex, r);
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private static void drain(HttpExchange ex) throws IOException {
        ex.getRequestBody().transferTo(OutputStream.nullOutputStream());
    }

    /** For services that build an OData body by hand (tests, nested errors). */
    public JsonNode emptyObject() {
        return json.createObjectNode();
    }
}
