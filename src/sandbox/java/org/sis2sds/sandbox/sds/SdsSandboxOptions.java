package org.sis2sds.sandbox.sds;

import java.time.Duration;
import org.sis2sds.core.Settings;

/**
 * Settings of the SDS sandbox. Chainable setters; {@link #fromSettings(Settings)} reads the
 * {@code sis2sds.sds.sandbox.*} keys. Delays are short enough for a person to watch the statuses move, and tests set
 * them to a few milliseconds.
 */
public final class SdsSandboxOptions {
    int port = 18082;
    String clientId = "sandbox";
    String clientSecret = "sandbox-secret";
    Duration tokenLifetime = Duration.ofHours(1);
    Duration provisionDelay = Duration.ofSeconds(2);
    Duration deleteDelay = Duration.ofSeconds(2);
    Duration extractDelay = Duration.ofSeconds(1);
    Duration validateDelay = Duration.ofSeconds(1);
    Duration syncDelay = Duration.ofSeconds(3);
    Duration sasLifetime = Duration.ofHours(1);
    int createStatus = 201;
    boolean startErrorsAs200;
    boolean deferValidationErrors;
    double syncErrorRate;
    boolean provisioningFails;
    int quarantineThreshold = 1000;
    Duration latency = Duration.ZERO;
    double throttleRate;
    String retryAfter = "0.2";
    double serverErrorRate;
    long seed = 42;

    public static SdsSandboxOptions defaults() {
        return new SdsSandboxOptions();
    }

    /** Options from {@code sis2sds.sds.sandbox.*} (every key optional). */
    public static SdsSandboxOptions fromSettings(Settings s) {
        String p = "sis2sds.sds.sandbox.";
        SdsSandboxOptions o = new SdsSandboxOptions();
        o.port = s.getInt(p + "port", o.port);
        o.clientId = s.get(p + "client-id", o.clientId);
        String secret = s.secret(p + "client-secret");
        if (!secret.isEmpty()) {
            o.clientSecret = secret;
        }
        o.tokenLifetime = s.getDuration(p + "token-lifetime", o.tokenLifetime);
        o.provisionDelay = s.getDuration(p + "provision-delay", o.provisionDelay);
        o.deleteDelay = s.getDuration(p + "delete-delay", o.deleteDelay);
        o.extractDelay = s.getDuration(p + "extract-delay", o.extractDelay);
        o.validateDelay = s.getDuration(p + "validate-delay", o.validateDelay);
        o.syncDelay = s.getDuration(p + "sync-delay", o.syncDelay);
        o.sasLifetime = s.getDuration(p + "sas-lifetime", o.sasLifetime);
        o.createStatus = s.getInt(p + "create-status", o.createStatus);
        o.startErrorsAs200 = s.getBool(p + "start-errors-as-200", o.startErrorsAs200);
        o.deferValidationErrors = s.getBool(p + "defer-validation-errors", o.deferValidationErrors);
        o.syncErrorRate = s.getDouble(p + "sync-error-rate", o.syncErrorRate);
        o.provisioningFails = s.getBool(p + "provisioning-fails", o.provisioningFails);
        o.quarantineThreshold = s.getInt(p + "quarantine-threshold", o.quarantineThreshold);
        o.latency = s.getDuration(p + "latency", o.latency);
        o.throttleRate = s.getDouble(p + "throttle-rate", o.throttleRate);
        o.retryAfter = s.get(p + "retry-after", o.retryAfter);
        o.serverErrorRate = s.getDouble(p + "server-error-rate", o.serverErrorRate);
        o.seed = s.getLong(p + "seed", o.seed);
        return o;
    }

    /** A copy with every delay at a few milliseconds (tests). */
    public SdsSandboxOptions fast() {
        provisionDelay = Duration.ofMillis(50);
        deleteDelay = Duration.ofMillis(50);
        extractDelay = Duration.ofMillis(30);
        validateDelay = Duration.ofMillis(30);
        syncDelay = Duration.ofMillis(60);
        return this;
    }

    /** TCP port on 127.0.0.1 (0 = any free port). */
    public SdsSandboxOptions port(int v) { port = v; return this; }
    public SdsSandboxOptions clientId(String v) { clientId = v; return this; }
    public SdsSandboxOptions clientSecret(String v) { clientSecret = v; return this; }
    /** How long an access token stays valid (short values test renewal mid-run). */
    public SdsSandboxOptions tokenLifetime(Duration v) { tokenLifetime = v; return this; }
    /** provisioning → provisioned after create or update. */
    public SdsSandboxOptions provisionDelay(Duration v) { provisionDelay = v; return this; }
    /** deleting → gone (404) after delete. */
    public SdsSandboxOptions deleteDelay(Duration v) { deleteDelay = v; return this; }
    /** Time spent in extracting, validating and inProgress. */
    public SdsSandboxOptions extractDelay(Duration v) { extractDelay = v; return this; }
    public SdsSandboxOptions validateDelay(Duration v) { validateDelay = v; return this; }
    public SdsSandboxOptions syncDelay(Duration v) { syncDelay = v; return this; }
    /** Validity of the SAS upload URL (SDS: 1 h). */
    public SdsSandboxOptions sasLifetime(Duration v) { sasLifetime = v; return this; }
    /** 201 (default, as the doc sample) or 202 (as the doc text) for create. */
    public SdsSandboxOptions createStatus(int v) { createStatus = v; return this; }
    /** Answer a start with Errors with 200 (the documented sample) instead of 400. */
    public SdsSandboxOptions startErrorsAs200(boolean v) { startErrorsAs200 = v; return this; }
    /**
     * Emulate SDS's "advanced validation": start answers 200 with the Warnings only; the Errors surface later as
     * status {@code validationError} with the messages recorded in {@code /errors}.
     */
    public SdsSandboxOptions deferValidationErrors(boolean v) { deferValidationErrors = v; return this; }
    /** Profiles created or updated from now on end in {@code provisioningFailed} instead of provisioned. */
    public SdsSandboxOptions provisioningFails(boolean v) { provisioningFails = v; return this; }
    /** Share (0..1) of the uploaded students that fail to sync with {@code UnsynchronizableChange}. */
    public SdsSandboxOptions syncErrorRate(double v) { syncErrorRate = v; return this; }
    /** More sync errors than this make the run end {@code quarantined} instead of {@code error}. */
    public SdsSandboxOptions quarantineThreshold(int v) { quarantineThreshold = v; return this; }
    /** Added to every API and blob call. */
    public SdsSandboxOptions latency(Duration v) { latency = v; return this; }
    /** Share (0..1) of API and blob calls answered 429 with {@link #retryAfter(String)}. */
    public SdsSandboxOptions throttleRate(double v) { throttleRate = v; return this; }
    public SdsSandboxOptions retryAfter(String v) { retryAfter = v; return this; }
    /** Share (0..1) of API and blob calls answered 503. */
    public SdsSandboxOptions serverErrorRate(double v) { serverErrorRate = v; return this; }
    /** Seed of the fault and sync-error draws: the same seed gives the same faults in the same order. */
    public SdsSandboxOptions seed(long v) { seed = v; return this; }

    public int port() { return port; }
    public String clientId() { return clientId; }
}
