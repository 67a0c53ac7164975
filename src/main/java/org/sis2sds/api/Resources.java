package org.sis2sds.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sis2sds.core.ClusterView;
import org.sis2sds.sync.Catalog;
import org.sis2sds.sync.QuarantineEntry;
import org.sis2sds.sync.Run;
import org.sis2sds.sync.SyncAttributes;
import org.sis2sds.sync.SyncDef;

import static org.sis2sds.sync.SyncAttributes.ts;

/**
 * The resources of the management API, {@code {"id", "type", "attributes"}}, as typed records (Jackson writes them,
 * camel-openapi-java describes them). Attribute names are snake_case; absent values are written as null. Secrets in
 * a {@code configuration} are masked.
 */
public final class Resources {
    static final String BASE = "/api/v1";

    private Resources() {
    }

    @Schema(name = "Sync", description = "A sync: which source feeds which destination through which model, when, how.")
    public record SyncResource(String id, @Schema(allowableValues = "syncs") String type, SyncAttrs attributes) {
        static SyncResource of(SyncDef s, String status) {
            return new SyncResource(s.id, "syncs", SyncAttrs.of(s, status));
        }
    }

    @Schema(name = "SyncAttributes")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SyncAttrs(
            @Schema(description = "A source id declared in config/syncs.yaml") String sourceId,
            @Schema(description = "A destination id declared in config/syncs.yaml") String destinationId,
            @Schema(description = "A model id declared in config/syncs.yaml") String modelId,
            @Schema(allowableValues = {"automated", "manual"}) String scheduleType,
            @Schema(allowableValues = {"full_refresh", "incremental"}) String syncMode,
            @Schema(description = "Positive whole number (automated, with sync_interval_unit)") Integer syncInterval,
            @Schema(allowableValues = {"minutes", "hours", "days"}) String syncIntervalUnit,
            @Schema(description = "Quartz cron expression with seconds, e.g. 0 0 2 * * ?") String cronExpression,
            String cursorField,
            @Schema(description = "Read-only: the cursor of the last accepted batch") String currentCursor,
            String streamName,
            @Schema(description = "Passed to the source; secret-looking values are shown as ********")
            Map<String, Object> configuration,
            @Schema(allowableValues = {"pending", "running", "healthy", "failed", "held", "quarantined", "paused",
                    "deleted"}) String status,
            boolean paused,
            @Schema(allowableValues = {"file", "api"}) String origin,
            String createdAt,
            String updatedAt) {
        static SyncAttrs of(SyncDef s, String status) {
            return new SyncAttrs(s.sourceId, s.destinationId, s.modelId, s.scheduleType, s.syncMode, s.syncInterval,
                    s.syncIntervalUnit, s.cronExpression, s.cursorField, s.currentCursor, s.streamName,
                    SyncAttributes.mask(s.configuration), status, s.paused, s.origin, ts(s.createdAt),
                    ts(s.updatedAt));
        }
    }

    @Schema(name = "Run", description = "One run of a sync.")
    public record RunResource(String id, @Schema(allowableValues = "runs") String type, RunAttrs attributes) {
        static RunResource of(Run r) {
            return new RunResource(String.valueOf(r.id), "runs", RunAttrs.of(r));
        }
    }

    @Schema(name = "RunAttributes")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunAttrs(
            String syncId,
            @Schema(allowableValues = {"pending", "running", "succeeded", "failed", "quarantined", "held", "skipped"})
            String status,
            @Schema(description = "schedule, api, once, release, or the batch source such as drop") String trigger,
            String batchId,
            String reason,
            String sdsStatus,
            String createdAt,
            String startedAt,
            String finishedAt,
            Double durationSeconds,
            @Schema(description = "Per entity: extracted, errors, warnings, added, updated, removed")
            Map<String, Map<String, Long>> entities,
            Map<String, Long> totals,
            @Schema(description = "industryData: the SDS run's statistics (inbound totals, errors and warnings per "
                    + "entity), null for other destinations")
            Map<String, Object> sdsStatistics,
            QuarantineLink quarantine) {
        static RunAttrs of(Run r) {
            Map<String, Long> totals = new LinkedHashMap<>();
            r.entities.values().forEach(m -> m.forEach((k, v) -> {
                if (v != null) {
                    totals.merge(k, v, Long::sum);
                }
            }));
            return new RunAttrs(r.syncId, r.status, r.trigger, r.batchId, r.reason, r.sdsStatus, ts(r.createdAt),
                    ts(r.startedAt), ts(r.finishedAt), r.startedAt == null || r.finishedAt == null ? null
                    : Duration.between(r.startedAt, r.finishedAt).toMillis() / 1000.0, r.entities, totals,
                    r.sdsStatistics, r.quarantineId == null ? null : new QuarantineLink(r.quarantineId, r.quarantinePath,
                            BASE + "/quarantine/" + r.quarantineId));
        }
    }

    @Schema(description = "Where the run's batch went in quarantine.")
    public record QuarantineLink(String id, String path, String link) {
    }

    @Schema(name = "QuarantinedBatch", description = "A batch in quarantine/ and what became of it.")
    public record QuarantineResource(String id, @Schema(allowableValues = "quarantine") String type,
            QuarantineAttrs attributes) {
        static QuarantineResource of(QuarantineEntry q) {
            return new QuarantineResource(q.id, "quarantine", new QuarantineAttrs(q.syncId,
                    q.runId == null ? null : String.valueOf(q.runId), q.kind, q.status, q.reason, q.path, q.source,
                    ts(q.createdAt), ts(q.resolvedAt), q.releaseRunId == null ? null : String.valueOf(q.releaseRunId)));
        }
    }

    @Schema(name = "QuarantinedBatchAttributes")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record QuarantineAttrs(
            String syncId,
            String runId,
            @Schema(allowableValues = {"held", "quarantined", "failed"}) String kind,
            @Schema(allowableValues = {"held", "quarantined", "failed", "released", "discarded"}) String status,
            String reason,
            String path,
            String source,
            String createdAt,
            String resolvedAt,
            String releaseRunId) {
    }

    @Schema(name = "CatalogItem", description = "A source, destination or model declared in config/syncs.yaml.")
    public record CatalogResource(String id, @Schema(allowableValues = {"sources", "destinations", "models"})
            String type, CatalogAttrs attributes) {
        static CatalogResource of(Catalog.Item i, String type) {
            return new CatalogResource(i.id(), type, new CatalogAttrs(i.name(), i.type(),
                    SyncAttributes.mask(i.configuration())));
        }
    }

    @Schema(name = "CatalogItemAttributes")
    public record CatalogAttrs(String name, String type, Map<String, Object> configuration) {
    }

    @Schema(name = "SyncStatus", description = "What a sync is doing and when it runs next.")
    public record StatusResource(String id, @Schema(allowableValues = "sync_status") String type,
            StatusAttrs attributes) {
    }

    @Schema(name = "SyncStatusAttributes")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StatusAttrs(
            String status,
            boolean paused,
            boolean running,
            String currentRunId,
            String scheduleType,
            String nextRunAt,
            String timeZone,
            String currentCursor,
            @Schema(description = "Rows per entity of the last accepted snapshot") Map<String, Long> lastAcceptedRows,
            RunResource lastRun) {
        /** From {@code SyncManager.statusDetails}: its keys are these attributes' names. */
        @SuppressWarnings("unchecked")
        static StatusAttrs of(Map<String, Object> a) {
            return new StatusAttrs((String) a.get("status"), Boolean.TRUE.equals(a.get("paused")),
                    Boolean.TRUE.equals(a.get("running")), (String) a.get("current_run_id"),
                    (String) a.get("schedule_type"), (String) a.get("next_run_at"), (String) a.get("time_zone"),
                    (String) a.get("current_cursor"), (Map<String, Long>) a.get("last_accepted_rows"),
                    a.get("last_run") instanceof Run r ? RunResource.of(r) : null);
        }
    }

    @Schema(name = "Cluster", description = "This node, its role and the leader.")
    public record ClusterResource(String id, @Schema(allowableValues = "cluster") String type,
            ClusterAttrs attributes) {
        static ClusterResource of(ClusterView c) {
            return new ClusterResource(c.nodeId(), "cluster", new ClusterAttrs(c.nodeId(), c.role().wire(),
                    c.leader().orElse(null)));
        }
    }

    @Schema(name = "ClusterAttributes")
    public record ClusterAttrs(
            @Schema(description = "This node's id (sis2sds.cluster.node-id)") String node,
            @Schema(allowableValues = {"leader", "follower", "single"}) String role,
            @Schema(description = "The leader's node id; null while none leads") String leader) {
    }
}
