package org.sis2sds.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an HTTP request the way a long-running daemon must: a bearer token from a {@link TokenSource}, renewed once
 * when the server answers 401 (a token that expires mid-run is not fatal); retries of 429, 5xx and I/O failures
 * with exponential backoff and jitter that honours {@code Retry-After} (seconds, fractional seconds, or an HTTP
 * date). Used by the SDS and PowerSchool clients; it never logs URLs' query strings, headers or bodies.
 */
public final class Resilient {
    private static final Logger LOG = LoggerFactory.getLogger(Resilient.class);
    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
    /** Retries made by every client in this JVM, by reason (exported as metrics). */
    public static final AtomicLong RETRIES_THROTTLED = new AtomicLong();
    public static final AtomicLong RETRIES_SERVER_ERROR = new AtomicLong();
    public static final AtomicLong RETRIES_IO = new AtomicLong();
    public static final AtomicLong TOKEN_RENEWALS = new AtomicLong();

    /** Where bearer tokens come from. {@code renew=true} asks for a fresh one (the last was refused). */
    @FunctionalInterface
    public interface TokenSource {
        String token(boolean renew) throws IOException, InterruptedException;
    }

    /**
     * How hard to try.
     *
     * @param maxAttempts attempts in all, the first included
     * @param baseDelay   the first backoff delay, doubled each time
     * @param maxDelay    the longest wait between two attempts (also caps Retry-After)
     */
    public record Policy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        public static Policy defaults() {
            return new Policy(8, Duration.ofMillis(200), Duration.ofSeconds(30));
        }
    }

    private final HttpClient client;
    private final Policy policy;
    private final String name;

    /** @param name a short name for logs, e.g. "SDS" or "PowerSchool" */
    public Resilient(HttpClient client, Policy policy, String name) {
        this.client = client;
        this.policy = policy;
        this.name = name;
    }

    public HttpClient client() {
        return client;
    }

    /**
     * Sends the request built by {@code request} (called again for every attempt), adding
     * {@code Authorization: Bearer} when {@code tokens} is not null. Returns the first response that is not retried:
     * a success, a client error, or the last retryable answer once the attempts are spent.
     *
     * @throws IOException when the server could not be reached on the last attempt
     */
    public <T> HttpResponse<T> send(Supplier<HttpRequest.Builder> request, HttpResponse.BodyHandler<T> body,
                                    TokenSource tokens) throws IOException, InterruptedException {
        boolean renewed = false;
        IOException lastIo = null;
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder b = request.get();
            if (tokens != null) {
                b.setHeader("Authorization", "Bearer " + tokens.token(false));
            }
            HttpRequest req = b.build();
            HttpResponse<T> resp;
            try {
                resp = client.send(req, body);
            } catch (IOException e) {
                lastIo = e;
                if (attempt >= policy.maxAttempts()) {
                    throw new IOException(name + " could not be reached at " + origin(req.uri()) + " after " + attempt
                            + " attempts: " + describe(e), e);
                }
                RETRIES_IO.incrementAndGet();
                sleep(backoff(attempt), name + " " + req.method() + " " + req.uri().getPath() + ": " + describe(e));
                continue;
            }
            int status = resp.statusCode();
            if (status == 401 && tokens != null && !renewed) {
                renewed = true;
                TOKEN_RENEWALS.incrementAndGet();
                LOG.info("{} refused the access token; getting a new one", name);
                tokens.token(true);
                attempt--; // a renewal is not a failed attempt
                continue;
            }
            if (!RETRYABLE.contains(status) || attempt >= policy.maxAttempts()) {
                return resp;
            }
            (status == 429 ? RETRIES_THROTTLED : RETRIES_SERVER_ERROR).incrementAndGet();
            Duration wait = retryAfter(resp).map(this::cap).orElse(null);
            if (wait == null) {
                wait = backoff(attempt);
            }
            sleep(wait, name + " " + req.method() + " " + req.uri().getPath() + " answered " + status);
        }
    }

    /** {@code scheme://host[:port]} of a URI, for messages: never its user info, path or query. */
    public static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** The wait a {@code Retry-After} header asks for, if any. */
    public static Optional<Duration> retryAfter(HttpResponse<?> resp) {
        return resp.headers().firstValue("Retry-After").flatMap(Resilient::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String v) {
        String s = v.trim();
        try {
            double secs = Double.parseDouble(s);
            return secs < 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) Math.ceil(secs * 1000)));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException e2) {
                return Optional.empty();
            }
        }
    }

    Duration backoff(int attempt) {
        long base = policy.baseDelay().toMillis() * (1L << Math.min(attempt - 1, 16));
        long capped = Math.min(base, policy.maxDelay().toMillis());
        long jitter = ThreadLocalRandom.current().nextLong(capped / 4 + 1);
        return Duration.ofMillis(capped - capped / 8 + jitter);
    }

    private Duration cap(Duration d) {
        return d.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : d;
    }

    private static void sleep(Duration d, String why) throws InterruptedException {
        LOG.debug("{}; retrying in {} ms", why, d.toMillis());
        Thread.sleep(d.toMillis());
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
