package org.sis2sds.sync;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** One run of a sync, as stored. */
public final class Run {
    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String QUARANTINED = "quarantined";
    public static final String HELD = "held";
    public static final String SKIPPED = "skipped";

    public long id;
    public String syncId;
    public String status;
    public String trigger;
    public String batchId;
    public String reason;
    public String sdsStatus;
    public String quarantineId;
    public String quarantinePath;
    public OffsetDateTime createdAt;
    public OffsetDateTime startedAt;
    public OffsetDateTime finishedAt;
    /** entity → counter name (extracted, errors, warnings, added, updated, removed) → value. */
    public Map<String, Map<String, Long>> entities = new LinkedHashMap<>();
    /** The live SDS's statistics of the run that took this run's upload (null for Classic or no publishing). */
    public Map<String, Object> sdsStatistics;

    public boolean isFinished() {
        return !PENDING.equals(status) && !RUNNING.equals(status);
    }

    public boolean isSucceeded() {
        return SUCCEEDED.equals(status);
    }
}
