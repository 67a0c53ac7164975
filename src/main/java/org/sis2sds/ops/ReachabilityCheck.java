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
 * Readiness: is a remote system (SDS, PowerSchool) answering HTTP at all? Any HTTP answer counts as up (a 401 means
 * the server is there); a refused connection or a time-out is down. Results are cached for an interval so health
 * probes never hammer the remote system. Only the scheme, host and port are shown, never a path or query.
 */
public final class ReachabilityCheck extends AbstractHealthCheck {
    private final URI uri;
    private final Duration cacheFor;
    private final HttpClient client;
    private volatile Instant checkedAt = Instant.EPOCH;
    private volatile boolean up;
    private volatile String detail = "not checked yet";

    public ReachabilityCheck(String id, URI uri, Duration cacheFor) {
        super("sis2sds", id);
        this.uri = uri;
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
        builder.detail("target", Resilient.origin(uri));
        builder.message(detail);
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }

    private void probe() {
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            up = true;
            detail = "answered HTTP " + r.statusCode();
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
