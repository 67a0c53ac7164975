package org.sis2sds.sync;

import java.time.OffsetDateTime;

/** A batch in quarantine/: held by the shrink guard or rejected, and what became of it. */
public final class QuarantineEntry {
    public static final String HELD = "held";
    public static final String QUARANTINED = "quarantined";
    public static final String FAILED = "failed";
    public static final String RELEASED = "released";
    public static final String DISCARDED = "discarded";

    /** The batch's folder name in quarantine/. */
    public String id;
    /** The batch id (the folder name without the time stamp the quarantine adds). */
    public String batchId;
    public String syncId;
    public Long runId;
    /** {@code held} (shrink guard), {@code quarantined} (SDS would reject it) or {@code failed} (unexpected error). */
    public String kind;
    /** {@code held}, {@code quarantined}, {@code failed}, {@code released} or {@code discarded}. */
    public String status;
    public String reason;
    public String path;
    public String source;
    public OffsetDateTime createdAt;
    public OffsetDateTime resolvedAt;
    public Long releaseRunId;
}
