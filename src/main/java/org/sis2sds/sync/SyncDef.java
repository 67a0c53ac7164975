package org.sis2sds.sync;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** One sync: which source feeds which destination through which model, when, and how. */
public final class SyncDef {
    public static final String AUTOMATED = "automated";
    public static final String MANUAL = "manual";
    public static final String FULL_REFRESH = "full_refresh";
    public static final String INCREMENTAL = "incremental";

    public String id;
    public String sourceId;
    public String destinationId;
    public String modelId;
    public String scheduleType = MANUAL;
    public String syncMode = FULL_REFRESH;
    public Integer syncInterval;
    public String syncIntervalUnit;
    public String cronExpression;
    public String cursorField;
    public String currentCursor;
    public String streamName;
    public Map<String, Object> configuration = new LinkedHashMap<>();
    public boolean paused;
    /** {@code file} (declared in syncs.yaml) or {@code api}. */
    public String origin = "api";
    /** Hash of the syncs.yaml declaration last applied (file syncs only). */
    public String declarationHash;
    public OffsetDateTime createdAt;
    public OffsetDateTime updatedAt;

    public boolean isAutomated() {
        return AUTOMATED.equals(scheduleType);
    }

    public boolean isIncremental() {
        return INCREMENTAL.equals(syncMode);
    }

    public boolean hasCron() {
        return cronExpression != null && !cronExpression.isBlank();
    }

    public SyncDef copy() {
        SyncDef c = new SyncDef();
        c.id = id;
        c.sourceId = sourceId;
        c.destinationId = destinationId;
        c.modelId = modelId;
        c.scheduleType = scheduleType;
        c.syncMode = syncMode;
        c.syncInterval = syncInterval;
        c.syncIntervalUnit = syncIntervalUnit;
        c.cronExpression = cronExpression;
        c.cursorField = cursorField;
        c.currentCursor = currentCursor;
        c.streamName = streamName;
        c.configuration = new LinkedHashMap<>(configuration);
        c.paused = paused;
        c.origin = origin;
        c.declarationHash = declarationHash;
        c.createdAt = createdAt;
        c.updatedAt = updatedAt;
        return c;
    }

    @Override
    public String toString() {
        return "Sync[" + id + "]";
    }
}
