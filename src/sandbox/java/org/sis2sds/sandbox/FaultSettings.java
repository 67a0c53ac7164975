package org.sis2sds.sandbox;

import java.time.Duration;

/**
 * The faults one sandbox server injects, changeable while it runs: added latency, and the shares of calls answered
 * "throttled" (Graph: 429; storage: 503 ServerBusy), "unavailable" (503) or "internal error" (500), each with a
 * whole-second {@code Retry-After}. The draws come from {@link Faults}, deterministic for the seed.
 */
public final class FaultSettings {
    public volatile Duration latency = Duration.ZERO;
    public volatile double throttleRate;
    public volatile double unavailableRate;
    public volatile double internalErrorRate;
    /** Whole seconds, as Graph and Azure send them (0 = retry at once). */
    public volatile int retryAfterSeconds = 1;
    public volatile long seed = 42;

    /** The same settings, copied (each server draws from its own). */
    public FaultSettings copy() {
        FaultSettings c = new FaultSettings();
        c.latency = latency;
        c.throttleRate = throttleRate;
        c.unavailableRate = unavailableRate;
        c.internalErrorRate = internalErrorRate;
        c.retryAfterSeconds = retryAfterSeconds;
        c.seed = seed;
        return c;
    }
}
