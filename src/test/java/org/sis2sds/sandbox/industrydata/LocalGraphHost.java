package org.sis2sds.sandbox.industrydata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.sis2sds.sandbox.QueryString;

/** A bare HTTP host for the service (until the shared Graph layer hosts it): any bearer token, every permission. */
final class LocalGraphHost implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PATH = "/beta/external/industryData";
    private final IndustryDataService service;
    private final HttpServer server;
    private final Random faults = new Random(1);
    volatile double throttleRate;

    LocalGraphHost(IndustryDataService service) throws IOException {
        this.service = service;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        server.createContext("/", this::handle);
        server.start();
    }

    String graphUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/beta";
    }

    private void handle(HttpExchange ex) throws IOException {
        String rid = UUID.randomUUID().toString();
        ex.getResponseHeaders().set("request-id", rid);
        try {
            String raw = ex.getRequestURI().getRawPath();
            if (throttleRate > 0 && faults.nextDouble() < throttleRate) {
                throw new GraphFailure(429, "TooManyRequests", "Please retry again later.").header("Retry-After", "1");
            }
            GraphCall call = new GraphCall(ex.getRequestMethod(), GraphPath.parse(raw.substring(PATH.length())),
                    QueryString.parse(ex.getRequestURI().getRawQuery()),
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), graphUrl(),
                    new GraphCall.Caller("c0ffee00-0000-4000-8000-000000000001", Permissions.ALL));
            GraphAnswer a = service.handle(call);
            a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            byte[] b = a.json() != null ? JSON.writeValueAsBytes(a.json())
                    : a.text() != null ? a.text().getBytes(StandardCharsets.UTF_8) : null;
            send(ex, a.status(), b, a.json() != null ? "application/json" : "text/plain");
        } catch (GraphFailure f) {
            f.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ObjectNode e = JSON.createObjectNode();
            e.putObject("error").put("code", f.code()).put("message", f.getMessage()).putObject("innerError")
                    .put("date", Instant.now().toString()).put("request-id", rid).put("client-request-id", rid);
            send(ex, f.status(), JSON.writeValueAsBytes(e), "application/json");
        } catch (RuntimeException e) {
            e.printStackTrace();
            send(ex, 500, null, null);
        } finally {
            ex.close();
        }
    }

    private static void send(HttpExchange ex, int status, byte[] b, String type) throws IOException {
        if (b == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
