package org.sis2sds.sandbox.sds;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.sis2sds.core.Settings;
import org.sis2sds.sandbox.FaultSettings;

/**
 * Settings of the SDS sandbox (login, Graph, storage). Chainable setters; {@link #fromSettings(Settings)} reads the
 * {@code sis2sds.sds.sandbox.*} keys. Delays are short enough for a person to watch the statuses move, and tests set
 * them to a few milliseconds. The fault settings may change while the sandbox runs.
 */
public final class SdsSandboxOptions {
    /** The application permissions the sandbox's app registration has by default (admin consented). */
    public static final Set<String> DEFAULT_ROLES = Set.of("EduAdministration.ReadWrite.All",
            "IndustryData.ReadWrite.All", "IndustryData-DataConnector.ReadWrite.All",
            "IndustryData-DataConnector.Upload", "IndustryData-InboundFlow.ReadWrite.All",
            "IndustryData-ReferenceDefinition.Read.All", "IndustryData-Run.Read.All",
            "IndustryData-SourceSystem.ReadWrite.All", "IndustryData-TimePeriod.ReadWrite.All");

    int port = 18082;
    /** -1: 18083 beside the default Graph port 18082, else any free port (tests never bind the defaults). */
    int storagePort = -1;
    boolean tls;
    String tenant = "sandbox";
    String storageAccount = "sdssandbox";
    boolean storageCaps = true;
    String clientId = "sandbox";
    String clientSecret = "sandbox-secret";
    Set<String> roles = new LinkedHashSet<>(DEFAULT_ROLES);
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
    final FaultSettings graphFaults = new FaultSettings();
    final FaultSettings storageFaults = new FaultSettings();

    public static SdsSandboxOptions defaults() {
        return new SdsSandboxOptions();
    }

    /** Options from {@code sis2sds.sds.sandbox.*} (every key optional). */
    public static SdsSandboxOptions fromSettings(Settings s) {
        String p = "sis2sds.sds.sandbox.";
        SdsSandboxOptions o = new SdsSandboxOptions();
        o.port = s.getInt(p + "port", o.port);
        o.storagePort = s.getInt(p + "storage.port", 18083);
        o.tls = s.getBool(p + "tls", o.tls);
        o.tenant = s.get(p + "tenant", o.tenant);
        o.storageAccount = s.get(p + "storage.account", o.storageAccount);
        if (!o.storageAccount.matches("[a-z0-9]{3,24}")) {
            throw s.invalid(p + "storage.account", o.storageAccount, "3 to 24 lower-case letters and digits");
        }
        o.storageCaps = s.getBool(p + "storage.caps", o.storageCaps);
        o.clientId = s.get(p + "client-id", o.clientId);
        String secret = s.secret(p + "client-secret");
        if (!secret.isEmpty()) {
            o.clientSecret = secret;
        }
        String roles = s.get(p + "roles", "");
        if (!roles.isBlank()) {
            o.roles = new LinkedHashSet<>();
            for (String r : roles.split(",")) {
                if (!r.isBlank()) {
                    o.roles.add(r.trim());
                }
            }
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
        o.latency(s.getDuration(p + "latency", Duration.ZERO));
        o.throttleRate(s.getDouble(p + "throttle-rate", 0));
        o.retryAfter(s.getInt(p + "retry-after", 1));
        o.serverErrorRate(s.getDouble(p + "server-error-rate", 0));
        o.storageFaults.latency = s.getDuration(p + "storage.latency", Duration.ZERO);
        o.storageFaults.throttleRate = s.getDouble(p + "storage.busy-rate", 0);
        o.storageFaults.internalErrorRate = s.getDouble(p + "storage.error-rate", 0);
        o.seed(s.getLong(p + "seed", 42));
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

    /** Graph (and login) TCP port on 127.0.0.1 (0 = any free port). */
    public SdsSandboxOptions port(int v) { port = v; return this; }
    /** The storage (Blob and Data Lake) port (0 = any free port). */
    public SdsSandboxOptions storagePort(int v) { storagePort = v; return this; }
    /** Serve login, Graph and storage over HTTPS with a certificate made at start. */
    public SdsSandboxOptions tls(boolean v) { tls = v; return this; }
    /** The tenant's name: {@code name}, {@code name.onmicrosoft.com} and its id are accepted in login URLs. */
    public SdsSandboxOptions tenant(String v) { tenant = v; return this; }
    /** Enforce the per-version size caps of Put Blob, Put Block and append (Azure does). */
    public SdsSandboxOptions storageCaps(boolean v) { storageCaps = v; return this; }
    public SdsSandboxOptions clientId(String v) { clientId = v; return this; }
    public SdsSandboxOptions clientSecret(String v) { clientSecret = v; return this; }
    /** The application permissions of the app registration (tokens carry them as {@code roles}). */
    public SdsSandboxOptions roles(Set<String> v) { roles = new LinkedHashSet<>(v); return this; }
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
    /** Added to every Graph call. */
    public SdsSandboxOptions latency(Duration v) { graphFaults.latency = v; return this; }
    /** Share (0..1) of Graph calls answered 429 with a whole-second {@code Retry-After}. */
    public SdsSandboxOptions throttleRate(double v) { graphFaults.throttleRate = v; return this; }
    /** The {@code Retry-After} of injected faults, in whole seconds as Graph and Azure send it (0 allowed). */
    public SdsSandboxOptions retryAfter(int seconds) {
        graphFaults.retryAfterSeconds = seconds;
        storageFaults.retryAfterSeconds = seconds;
        return this;
    }
    /** Share (0..1) of Graph calls answered 503. */
    public SdsSandboxOptions serverErrorRate(double v) { graphFaults.unavailableRate = v; return this; }
    /** Shares (0..1) of storage calls answered 503 ServerBusy and 500 InternalError. */
    public SdsSandboxOptions storageFaults(double busy, double internalError) {
        storageFaults.throttleRate = busy;
        storageFaults.internalErrorRate = internalError;
        return this;
    }
    /** Seed of the fault and sync-error draws: the same seed gives the same faults in the same order. */
    public SdsSandboxOptions seed(long v) { graphFaults.seed = v; storageFaults.seed = v + 1; return this; }

    public int port() { return port; }
    /** The storage port to bind (see {@link #storagePort(int)}). */
    public int storagePort() { return storagePort >= 0 ? storagePort : port == 18082 ? 18083 : 0; }
    public String clientId() { return clientId; }
    public boolean tls() { return tls; }
}
