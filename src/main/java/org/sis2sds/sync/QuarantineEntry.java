package org.sis2sds.sync;

import java.time.OffsetDateTime;

/** A batch in quarantine/: held by the shrink guard or rejected, and what became of it. */
public final class QuarantineEntry {
    public static final String HELD = "held";
    public static final String QUARANTINED = "quarantined";
    public static final String RELEASED = "released";
    public static final String DISCARDED = "discarded";

    public String id;
    public String syncId;
    public Long runId;
    /** {@code held} (shrink guard) or {@code quarantined} (SDS would reject it). */
    public String kind;
    /** {@code held}, {@code quarantined}, {@code released} or {@code discarded}. */
    public String status;
    public String reason;
    public String path;
    public String source;
    public OffsetDateTime createdAt;
    public OffsetDateTime resolvedAt;
    public Long releaseRunId;
}
