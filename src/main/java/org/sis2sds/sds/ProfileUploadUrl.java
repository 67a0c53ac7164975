package org.sis2sds.sds;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.sis2sds.azure.SasSource;
import org.sis2sds.azure.SasUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Classic profile's upload URL ({@code GET {profile}/uploadUrl}) as the uploads' {@link SasSource}: asked for once,
 * again when it is older than 50 minutes (SDS: valid for 1 h) or the storage refused it; while SDS answers 409 (a
 * previous request still being processed) it waits with doubling backoff, up to {@code conflict-timeout}.
 */
final class ProfileUploadUrl implements SasSource {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileUploadUrl.class);
    private static final Duration REFRESH = Duration.ofMinutes(50);

    /** The Graph call that answers {@code {"value": "<SAS URL>"}}. */
    @FunctionalInterface
    interface Call {
        JsonNode get() throws IOException, InterruptedException;
    }

    private final String id;
    private final SdsClientConfig cfg;
    private final Call call;
    private SasUrl held;

    ProfileUploadUrl(String id, SdsClientConfig cfg, Call call) {
        this.id = id;
        this.cfg = cfg;
        this.call = call;
    }

    @Override
    public synchronized SasUrl current() throws IOException, InterruptedException {
        if (held == null || Duration.between(held.issuedAt(), Instant.now()).compareTo(REFRESH) > 0) {
            held = fetch();
        }
        return held;
    }

    @Override
    public synchronized SasUrl renew(SasUrl refused) throws IOException, InterruptedException {
        if (held == refused) {
            held = fetch();
        }
        return held;
    }

    private SasUrl fetch() throws IOException, InterruptedException {
        Instant until = Instant.now().plus(cfg.conflictTimeout());
        long wait = Math.max(50, cfg.retry().baseDelay().toMillis());
        while (true) {
            try {
                JsonNode r = call.get();
                try {
                    return SasUrl.parse(r.path("value").asText(""));
                } catch (IllegalArgumentException e) {
                    throw new SdsException(200, "uploadUrl", "SDS gave profile " + id + " an upload URL that cannot "
                            + "be used: " + e.getMessage());
                }
            } catch (SdsException e) {
                if (e.status() != 409 || Instant.now().isAfter(until)) {
                    throw e;
                }
                LOG.info("SDS profile {} is still processing a previous request; waiting {} ms", id, wait);
                Thread.sleep(wait);
                wait = Math.min(wait * 2, Math.max(wait, cfg.retry().maxDelay().toMillis()));
            }
        }
    }
}
