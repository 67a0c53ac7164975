package org.sis2sds.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResilientTest {
    private HttpServer server;
    private final List<String> seenTokens = new ArrayList<>();

    private URI serve(int... statuses) throws Exception {
        AtomicInteger i = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            seenTokens.add(ex.getRequestHeaders().getFirst("Authorization"));
            int status = statuses[Math.min(i.getAndIncrement(), statuses.length - 1)];
            if (status == 429) {
                ex.getResponseHeaders().add("Retry-After", "0.3");
            }
            byte[] b = ("s" + status).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private Resilient resilient(int attempts) {
        return new Resilient(HttpClient.newHttpClient(),
                new Resilient.Policy(attempts, Duration.ofMillis(10), Duration.ofSeconds(2)), "Test");
    }

    @Test
    void originShowsNeitherUserInfoNorPathNorQuery() {
        assertThat(Resilient.origin(URI.create("https://app:pw-123@sis.example.org:8443/ws/v1?sig=abc")))
                .isEqualTo("https://sis.example.org:8443");
        assertThat(Resilient.origin(URI.create("http://127.0.0.1/x"))).isEqualTo("http://127.0.0.1");
    }

    @Test
    void honoursFractionalRetryAfterThenSucceeds() throws Exception {
        URI u = serve(429, 503, 200);
        long t0 = System.nanoTime();
        HttpResponse<String> r = resilient(5).send(() -> HttpRequest.newBuilder(u), HttpResponse.BodyHandlers.ofString(), null);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ms).isGreaterThanOrEqualTo(300);
    }

    @Test
    void renewsTheTokenOnceOn401() throws Exception {
        URI u = serve(401, 200);
        AtomicInteger n = new AtomicInteger();
        HttpResponse<String> r = resilient(3).send(() -> HttpRequest.newBuilder(u), HttpResponse.BodyHandlers.ofString(),
                renew -> renew ? "t" + n.incrementAndGet() : "t" + n.get());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(seenTokens).containsExactly("Bearer t0", "Bearer t1");
    }

    @Test
    void givesUpAfterTheAttemptsAndReturnsTheLastAnswer() throws Exception {
        URI u = serve(503);
        HttpResponse<String> r = resilient(3).send(() -> HttpRequest.newBuilder(u), HttpResponse.BodyHandlers.ofString(), null);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(seenTokens).hasSize(3);
    }

    @Test
    void parsesRetryAfterForms() {
        assertThat(Resilient.parseRetryAfter("2.128")).contains(Duration.ofMillis(2128));
        assertThat(Resilient.parseRetryAfter("3")).contains(Duration.ofSeconds(3));
        assertThat(Resilient.parseRetryAfter("garbage")).isEmpty();
        assertThat(Resilient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
    }
}
