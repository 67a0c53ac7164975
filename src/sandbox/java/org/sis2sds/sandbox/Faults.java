package org.sis2sds.sandbox;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** Draws the fault of each request from {@link FaultSettings}: the same seed gives the same faults in the same order. */
public final class Faults {
    public enum Fault { NONE, THROTTLED, UNAVAILABLE, INTERNAL_ERROR }

    private final FaultSettings settings;
    private Random random;
    private long seededWith;
    private final AtomicLong served = new AtomicLong();

    public Faults(FaultSettings settings) {
        this.settings = settings;
        this.seededWith = settings.seed;
        this.random = new Random(seededWith);
    }

    public FaultSettings settings() {
        return settings;
    }

    /** Waits the configured latency, then draws this request's fault. */
    public Fault next() throws InterruptedException {
        long ms = settings.latency.toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
        double d;
        synchronized (this) {
            if (settings.seed != seededWith) {
                seededWith = settings.seed;
                random = new Random(seededWith);
            }
            d = random.nextDouble();
        }
        double t = settings.throttleRate;
        double u = t + settings.unavailableRate;
        double i = u + settings.internalErrorRate;
        Fault f = d < t ? Fault.THROTTLED : d < u ? Fault.UNAVAILABLE : d < i ? Fault.INTERNAL_ERROR : Fault.NONE;
        if (f != Fault.NONE) {
            served.incrementAndGet();
        }
        return f;
    }

    /** The {@code Retry-After} value faults carry: whole seconds. */
    public String retryAfter() {
        return String.valueOf(Math.max(0, settings.retryAfterSeconds));
    }

    /** How many faults were answered so far. */
    public long served() {
        return served.get();
    }
}
