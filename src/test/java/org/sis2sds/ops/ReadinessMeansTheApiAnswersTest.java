package org.sis2sds.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sis2sds.support.TestPaths;

/**
 * SDS and PowerSchool are ready only when their API answers at a path that needs a token (2xx, 401, 403, 429, or an
 * answer with Retry-After): a server that answers 404 at the configured base (a wrong URL, another web server), a
 * redirect or a 5xx without Retry-After is down, and so is nothing listening. The answer says which setting to check.
 */
class ReadinessMeansTheApiAnswersTest {
    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(int status) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            paths.add(ex.getRequestURI().getPath());
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static HealthCheck.Result check(URI base, ReachabilityCheck.Service service) throws Exception {
        ReachabilityCheck c = new ReachabilityCheck("probe", base, service, Duration.ZERO);
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            c.setCamelContext(ctx);
            return c.call();
        }
    }

    @Test
    void anApiThatAsksForATokenIsUpAtItsOwnPath() throws Exception {
        URI base = serve(401);
        HealthCheck.Result sds = check(URI.create(base + "/beta"), ReachabilityCheck.Service.SDS);
        assertThat(sds.getState()).isEqualTo(HealthCheck.State.UP);
        HealthCheck.Result ps = check(URI.create(base + "/"), ReachabilityCheck.Service.POWERSCHOOL);
        assertThat(ps.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(paths).containsExactly("/beta/education/synchronizationProfiles", "/ws/v1/district");
        assertThat(sds.getDetails()).containsEntry("target", base.toString());
    }

    @Test
    void a404AtTheBaseIsNotUpAndNamesTheSetting() throws Exception {
        URI base = serve(404);
        HealthCheck.Result sds = check(URI.create(base + "/beta"), ReachabilityCheck.Service.SDS);
        assertThat(sds.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(sds.getMessage()).hasValue("answered HTTP 404 at /education/synchronizationProfiles, which SDS "
                + "would not: check sis2sds.sds.graph-url");
        HealthCheck.Result ps = check(base, ReachabilityCheck.Service.POWERSCHOOL);
        assertThat(ps.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(ps.getMessage().orElseThrow()).contains("check sis2sds.powerschool.base-url");
    }

    @Test
    void serverErrorsRedirectsAndSilenceAreDown() throws Exception {
        assertThat(check(serve(503), ReachabilityCheck.Service.POWERSCHOOL).getState())
                .isEqualTo(HealthCheck.State.DOWN);
        stop();
        assertThat(check(serve(302), ReachabilityCheck.Service.SDS).getState()).isEqualTo(HealthCheck.State.DOWN);
        stop();
        server = null;
        HealthCheck.Result none = check(URI.create("http://127.0.0.1:" + TestPaths.freePort()),
                ReachabilityCheck.Service.SDS);
        assertThat(none.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(none.getMessage().orElseThrow()).startsWith("unreachable");
        assertThat(ReachabilityCheck.isTheApi(429, false)).as("throttled, but there").isTrue();
        assertThat(ReachabilityCheck.isTheApi(503, true)).as("busy, and says when to come back").isTrue();
        assertThat(ReachabilityCheck.isTheApi(200, false)).isTrue();
        assertThat(ReachabilityCheck.isTheApi(500, false)).isFalse();
    }
}
