package org.sis2sds.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.sis2sds.http.Resilient;

/**
 * Readiness: does a remote system (SDS, PowerSchool) answer as that system? A {@link Service} names a path of its
 * API that needs a token: an answer asking for one (401, 403), granting it (2xx), or saying it is busy and when to
 * come back (429, or any answer with {@code Retry-After}, as Graph's 503s have) means the API is there; anything else
 * (404 from a wrong base URL, a redirect to a login page, a 5xx without Retry-After) is down, and so is a refused
 * connection or a time-out. Results are cached for an interval so health probes never hammer the remote system.
 * Only the scheme, host and port of the base are shown, never its path or query.
 */
public final class ReachabilityCheck extends AbstractHealthCheck {
    /** What "reachable" means for one service: the API path probed, and the setting that names its base URL. */
    public record Service(String name, String path, String baseSetting) {
        /** SDS over Microsoft Graph (Classic profiles). */
        public static final Service SDS = new Service("SDS", "/education/synchronizationProfiles",
                "sis2sds.sds.graph-url");
        /** The PowerSchool API. */
        public static final Service POWERSCHOOL = new Service("PowerSchool", "/ws/v1/district",
                "sis2sds.powerschool.base-url");
    }

    private final URI probe;
    private final String origin;
    private final Service service;
    private final Duration cacheFor;
    private final HttpClient client;
    private volatile Instant checkedAt = Instant.EPOCH;
    private volatile boolean up;
    private volatile String detail = "not checked yet";

    public ReachabilityCheck(String id, URI base, Service service, Duration cacheFor) {
        super("sis2sds", id);
        String b = base.toString();
        this.probe = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + service.path());
        this.origin = Resilient.origin(base);
        this.service = service;
        this.cacheFor = cacheFor;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (Instant.now().isAfter(checkedAt.plus(cacheFor))) {
            probe();
        }
        builder.detail("target", origin);
        builder.message(detail);
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }

    /** Whether an answer at the probed path means the service's API answered. */
    static boolean isTheApi(int status, boolean retryAfter) {
        return status / 100 == 2 || status == 401 || status == 403 || status == 429 || retryAfter;
    }

    private void probe() {
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            up = isTheApi(r.statusCode(), r.headers().firstValue("Retry-After").isPresent());
            detail = up ? service.name() + " answered HTTP " + r.statusCode() + " at " + service.path()
                    : "answered HTTP " + r.statusCode() + " at " + service.path() + ", which " + service.name()
                    + " would not: check " + service.baseSetting();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            up = false;
            detail = "interrupted";
        } catch (Exception e) {
            up = false;
            detail = "unreachable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        checkedAt = Instant.now();
    }
}
