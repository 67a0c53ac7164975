package org.sis2sds.sandbox.industrydata;

import java.time.Duration;
import org.sis2sds.core.Settings;

/**
 * Settings of the industryData sandbox ({@code sis2sds.sds.sandbox.industrydata.*}). Where research §9 says a
 * behaviour is unknown, the documented or most plausible default is taken and made a setting here. Chainable
 * setters for tests; {@link #fromSettings(Settings)} reads the keys.
 */
public final class IndustryDataOptions {
    public static final String PREFIX = "sis2sds.sds.sandbox.industrydata.";

    Duration sessionLifetime = Duration.ofHours(14);
    Duration containerLifetime = Duration.ofHours(48);
    Duration validateDelay = Duration.ofSeconds(2);
    Duration readinessDelay = Duration.ofSeconds(2);
    Duration runDelay = Duration.ofSeconds(5);
    Duration runDuration = Duration.ofSeconds(5);
    Duration scheduleInterval = Duration.ofHours(12);
    Duration skipWindow;
    int uploadRunsPerDay = 6;
    int startQuota = 5;
    Duration startQuotaWindow = Duration.ofHours(12);
    int startRefusalStatus = 429;
    int pageSize = 100;
    int patchStatus = 204;
    boolean resourceLocationExternal;
    boolean checkScopes = true;
    double runFailureRate;
    double dropRate;
    long seed = 42;

    public static IndustryDataOptions defaults() {
        return new IndustryDataOptions();
    }

    /** Options from {@code sis2sds.sds.sandbox.industrydata.*}; every key is optional. */
    public static IndustryDataOptions fromSettings(Settings s) {
        String p = PREFIX;
        IndustryDataOptions o = new IndustryDataOptions();
        o.sessionLifetime = s.getDuration(p + "session-lifetime", o.sessionLifetime);
        o.containerLifetime = s.getDuration(p + "container-lifetime", o.containerLifetime);
        o.validateDelay = s.getDuration(p + "validate-delay", o.validateDelay);
        o.readinessDelay = s.getDuration(p + "readiness-delay", o.readinessDelay);
        o.runDelay = s.getDuration(p + "run-delay", o.runDelay);
        o.runDuration = s.getDuration(p + "run-duration", o.runDuration);
        o.scheduleInterval = s.getDuration(p + "schedule-interval", o.scheduleInterval);
        if (s.has(p + "skip-window")) {
            o.skipWindow = s.getDuration(p + "skip-window", null);
        }
        o.uploadRunsPerDay = s.getInt(p + "upload-runs-per-day", o.uploadRunsPerDay);
        o.startQuota = s.getInt(p + "start-quota", o.startQuota);
        o.startQuotaWindow = s.getDuration(p + "start-quota-window", o.startQuotaWindow);
        o.startRefusalStatus = s.getInt(p + "start-refusal-status", o.startRefusalStatus);
        if (o.startRefusalStatus != 429 && o.startRefusalStatus != 409 && o.startRefusalStatus != 400) {
            throw s.invalid(p + "start-refusal-status", String.valueOf(o.startRefusalStatus), "429, 409 or 400");
        }
        o.pageSize = s.getInt(p + "page-size", o.pageSize);
        if (o.pageSize < 1) {
            throw s.invalid(p + "page-size", String.valueOf(o.pageSize), "a whole number of at least 1");
        }
        o.patchStatus = s.getInt(p + "patch-status", o.patchStatus);
        if (o.patchStatus != 200 && o.patchStatus != 204) {
            throw s.invalid(p + "patch-status", String.valueOf(o.patchStatus), "200 or 204");
        }
        String location = s.get(p + "resource-location", "industryData");
        if (!location.equals("industryData") && !location.equals("external")) {
            throw s.invalid(p + "resource-location", location, "industryData or external");
        }
        o.resourceLocationExternal = location.equals("external");
        for (String k : new String[] {"schedule-interval", "start-quota-window", "session-lifetime"}) {
            if (s.getDuration(p + k, Duration.ofSeconds(1)).isZero()) {
                throw s.invalid(p + k, s.get(p + k, ""), "a duration longer than zero, such as 1m or 12h");
            }
        }
        o.checkScopes = s.getBool(p + "check-scopes", o.checkScopes);
        o.runFailureRate = s.getDouble(p + "run-failure-rate", o.runFailureRate);
        o.dropRate = s.getDouble(p + "drop-rate", o.dropRate);
        o.seed = s.getLong(p + "seed", o.seed);
        return o;
    }

    /** Every delay at a few milliseconds (tests that do not drive a clock of their own). */
    public IndustryDataOptions fast() {
        validateDelay = Duration.ofMillis(40);
        readinessDelay = Duration.ofMillis(40);
        runDelay = Duration.ofMillis(50);
        runDuration = Duration.ofMillis(100);
        return this;
    }

    /** How long getUploadSession's session stays open (the only documented example: about 14 h). */
    public IndustryDataOptions sessionLifetime(Duration v) { sessionLifetime = v; return this; }
    /** How long the container (and its SAS) lives (the example: about 2 days). */
    public IndustryDataOptions containerLifetime(Duration v) { containerLifetime = v; return this; }
    /** validate → the operation is {@code succeeded} (half of it notStarted, half running). */
    public IndustryDataOptions validateDelay(Duration v) { validateDelay = v; return this; }
    /** A new inbound flow is {@code notReady} this long, then {@code ready}. */
    public IndustryDataOptions readinessDelay(Duration v) { readinessDelay = v; return this; }
    /** A run starts this long after a validation without errors (§3: "within N minutes", N unknown). */
    public IndustryDataOptions runDelay(Duration v) { runDelay = v; return this; }
    /** A run stays {@code running} this long. */
    public IndustryDataOptions runDuration(Duration v) { runDuration = v; return this; }
    /** The service's own schedule (12 h); shorter values accelerate it. Ticks are multiples of it since the epoch. */
    public IndustryDataOptions scheduleInterval(Duration v) { scheduleInterval = v; return this; }
    /** An on-demand start skips the next scheduled run when it is due within this (default 10/12 of the interval). */
    public IndustryDataOptions skipWindow(Duration v) { skipWindow = v; return this; }
    /** Upload-triggered runs per UTC calendar day (6). */
    public IndustryDataOptions uploadRunsPerDay(int v) { uploadRunsPerDay = v; return this; }
    /** Successful on-demand starts allowed per {@link #startQuotaWindow(Duration)} (5 per 12 h). */
    public IndustryDataOptions startQuota(int v) { startQuota = v; return this; }
    public IndustryDataOptions startQuotaWindow(Duration v) { startQuotaWindow = v; return this; }
    /** The answer to a start over the quota: 429 with Retry-After (default), 409 or 400. */
    public IndustryDataOptions startRefusalStatus(int v) { startRefusalStatus = v; return this; }
    /** Items per page of a list; more give {@code @odata.nextLink}. */
    public IndustryDataOptions pageSize(int v) { pageSize = v; return this; }
    /** PATCH answers 204 (default) or 200 with the entity. */
    public IndustryDataOptions patchStatus(int v) { patchStatus = v; return this; }
    /** resourceLocation of an operation: {@code {base}/industryData/...} as the sample (false) or with /external. */
    public IndustryDataOptions resourceLocationExternal(boolean v) { resourceLocationExternal = v; return this; }
    /** Check the token's application permissions (§1.12); false accepts any token. */
    public IndustryDataOptions checkScopes(boolean v) { checkScopes = v; return this; }
    /** Share (0..1) of flow activities that fail with a blocking error. */
    public IndustryDataOptions runFailureRate(double v) { runFailureRate = v; return this; }
    /**
     * Share (0..1) of calls the service carries out but whose answer is never sent (the connection is cut): the
     * lost-answer fault. Latency, 429 and 5xx are the Graph layer's faults, shared by every Graph service.
     */
    public IndustryDataOptions dropRate(double v) { dropRate = v; return this; }
    /** Seed of ids and draws: the same seed and the same calls give the same ids, failures and lost answers. */
    public IndustryDataOptions seed(long v) { seed = v; return this; }

    Duration effectiveSkipWindow() {
        return skipWindow != null ? skipWindow : scheduleInterval.multipliedBy(10).dividedBy(12);
    }
}
