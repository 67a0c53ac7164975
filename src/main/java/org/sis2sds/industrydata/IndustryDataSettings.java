package org.sis2sds.industrydata;

import java.time.Duration;
import org.sis2sds.core.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sis2sds.sds.industrydata.*} settings (the connection itself is {@code sis2sds.sds.*}, shared with SDS
 * Classic: {@link org.sis2sds.sds.SdsClientConfig}).
 *
 * @param flowId                 the inbound flow batches go to (a sync's destination may name its own)
 * @param validatePollInterval   between two reads of the validate operation (Microsoft: at least 5 s)
 * @param validateTimeout        longest wait for the validate operation
 * @param runPollInterval        between two reads of the runs while waiting for the run of an upload
 * @param runTimeout             longest wait for that run to end (a scheduled run may be 12 h away)
 * @param startRun               ask for an on-demand run ({@code POST /runs/start}) after a validated upload
 * @param chunkSize              bytes per Data Lake append
 * @param uploadConcurrency      appends in flight at once for one file
 * @param sessionMargin          an upload session that expires sooner than this is replaced before uploading
 * @param expiryWarning          health warns (and a notification goes out) this long before the flow expires
 * @param flowReadyTimeout       how long {@code flow setup} waits for readinessStatus ready
 */
public record IndustryDataSettings(String flowId, Duration validatePollInterval, Duration validateTimeout,
                                   Duration runPollInterval, Duration runTimeout, boolean startRun, int chunkSize,
                                   int uploadConcurrency, Duration sessionMargin, Duration expiryWarning,
                                   Duration flowReadyTimeout) {
    private static final Logger LOG = LoggerFactory.getLogger(IndustryDataSettings.class);
    public static final String P = "sis2sds.sds.industrydata.";

    /** Warns (once, at start-up) about a validation poll faster than Microsoft asks for (not on a loopback sandbox). */
    void warnIfHasty(String graphUrl) {
        boolean loopback = graphUrl.startsWith("http://127.0.0.1:") || graphUrl.startsWith("http://localhost:");
        if (!loopback && validatePollInterval.compareTo(Duration.ofSeconds(5)) < 0) {
            LOG.warn("Setting {}validate-poll-interval is {} ms; Microsoft asks clients to poll a validation no more "
                    + "often than every 5 s (use less only against the sandbox).", P, validatePollInterval.toMillis());
        }
    }

    public static IndustryDataSettings from(Settings s) {
        Duration validatePoll = positive(s, "validate-poll-interval", Duration.ofSeconds(5));
        long chunk = sizeOf(s, "chunk-size", 8L << 20);
        if (chunk < 64 * 1024 || chunk > (100L << 20)) {
            throw s.invalid(P + "chunk-size", s.get(P + "chunk-size", ""), "a size between 64KB and 100MB");
        }
        int concurrency = s.getInt(P + "upload-concurrency", 4);
        if (concurrency < 1 || concurrency > 64) {
            throw s.invalid(P + "upload-concurrency", String.valueOf(concurrency), "a whole number from 1 to 64");
        }
        return new IndustryDataSettings(s.get(P + "flow-id", null), validatePoll,
                positive(s, "validate-timeout", Duration.ofMinutes(30)),
                positive(s, "run-poll-interval", Duration.ofSeconds(30)),
                positive(s, "run-timeout", Duration.ofHours(14)), s.getBool(P + "start-run", false), (int) chunk,
                concurrency, s.getDuration(P + "session-margin", Duration.ofMinutes(30)),
                s.getDuration(P + "expiry-warning", Duration.ofDays(30)),
                positive(s, "flow-ready-timeout", Duration.ofMinutes(5)));
    }

    private static Duration positive(Settings s, String key, Duration def) {
        Duration d = s.getDuration(P + key, def);
        if (d.isNegative() || d.isZero()) {
            throw s.invalid(P + key, s.get(P + key, ""), "a positive duration such as 5s, 10m or 2h");
        }
        return d;
    }

    /** A byte size such as {@code 8MB}, {@code 512KB} or a plain number of bytes. */
    static long sizeOf(Settings s, String key, long def) {
        String v = s.get(P + key, null);
        if (v == null) {
            return def;
        }
        String t = v.trim().toUpperCase(java.util.Locale.ROOT);
        long mult = 1;
        if (t.endsWith("KB")) {
            mult = 1024;
        } else if (t.endsWith("MB")) {
            mult = 1024 * 1024;
        } else if (t.endsWith("GB")) {
            mult = 1024L * 1024 * 1024;
        }
        String n = mult == 1 ? t.replaceFirst("B$", "") : t.substring(0, t.length() - 2);
        try {
            return Long.parseLong(n.trim()) * mult;
        } catch (NumberFormatException e) {
            throw s.invalid(P + key, v, "a size such as 512KB or 8MB");
        }
    }
}
