package org.sis2sds.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code POST /syncs} and {@code PUT /syncs/{id}}: {@code {"sync": {...attributes...}}}. A PUT carries
 * only the attributes it changes, so {@link Attributes} remembers which ones were sent (an attribute sent as null
 * clears it; one not sent is left alone). Read-only attributes a client echoes back are accepted and ignored; any
 * other attribute is refused while the body is read (see {@link ApiErrors}).
 */
@Schema(name = "SyncRequest")
public record SyncRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Attributes sync) {

    /** The attributes of a sync as sent, typed; {@link #given()} lists those present, in the order sent. */
    @Schema(name = "SyncRequestAttributes")
    @JsonIgnoreProperties(value = {"current_cursor", "origin", "created_at", "updated_at", "paused", "last_run",
            "running"})
    public static final class Attributes {
        private final Map<String, Object> given = new LinkedHashMap<>();

        /** The attributes sent, by their API names, in the order sent. */
        public Map<String, Object> given() {
            return Collections.unmodifiableMap(given);
        }

        private Object get(String name) {
            return given.get(name);
        }

        @JsonProperty("id")
        @Schema(description = "On create only: letters, digits, '.', '_', '-' (generated when absent)")
        public String getId() {
            return (String) get("id");
        }

        @JsonProperty("id")
        public void setId(String v) {
            given.put("id", v);
        }

        @JsonProperty("source_id")
        @Schema(description = "A source id declared in config/syncs.yaml")
        public String getSourceId() {
            return (String) get("source_id");
        }

        @JsonProperty("source_id")
        public void setSourceId(String v) {
            given.put("source_id", v);
        }

        @JsonProperty("destination_id")
        @Schema(description = "A destination id declared in config/syncs.yaml")
        public String getDestinationId() {
            return (String) get("destination_id");
        }

        @JsonProperty("destination_id")
        public void setDestinationId(String v) {
            given.put("destination_id", v);
        }

        @JsonProperty("model_id")
        @Schema(description = "A model id declared in config/syncs.yaml")
        public String getModelId() {
            return (String) get("model_id");
        }

        @JsonProperty("model_id")
        public void setModelId(String v) {
            given.put("model_id", v);
        }

        @JsonProperty("schedule_type")
        @Schema(allowableValues = {"automated", "manual"})
        public String getScheduleType() {
            return (String) get("schedule_type");
        }

        @JsonProperty("schedule_type")
        public void setScheduleType(String v) {
            given.put("schedule_type", v);
        }

        @JsonProperty("sync_mode")
        @Schema(allowableValues = {"full_refresh", "incremental"})
        public String getSyncMode() {
            return (String) get("sync_mode");
        }

        @JsonProperty("sync_mode")
        public void setSyncMode(String v) {
            given.put("sync_mode", v);
        }

        @JsonProperty("sync_interval")
        @Schema(description = "Positive whole number, with sync_interval_unit; at least sis2sds.syncs.min-interval")
        public Integer getSyncInterval() {
            return (Integer) get("sync_interval");
        }

        @JsonProperty("sync_interval")
        public void setSyncInterval(Integer v) {
            given.put("sync_interval", v);
        }

        @JsonProperty("sync_interval_unit")
        @Schema(allowableValues = {"minutes", "hours", "days"})
        public String getSyncIntervalUnit() {
            return (String) get("sync_interval_unit");
        }

        @JsonProperty("sync_interval_unit")
        public void setSyncIntervalUnit(String v) {
            given.put("sync_interval_unit", v);
        }

        @JsonProperty("cron_expression")
        @Schema(description = "Quartz cron expression with seconds, e.g. 0 0 2 * * ?; fires at most once per "
                + "sis2sds.syncs.min-interval")
        public String getCronExpression() {
            return (String) get("cron_expression");
        }

        @JsonProperty("cron_expression")
        public void setCronExpression(String v) {
            given.put("cron_expression", v);
        }

        @JsonProperty("cursor_field")
        public String getCursorField() {
            return (String) get("cursor_field");
        }

        @JsonProperty("cursor_field")
        public void setCursorField(String v) {
            given.put("cursor_field", v);
        }

        @JsonProperty("stream_name")
        public String getStreamName() {
            return (String) get("stream_name");
        }

        @JsonProperty("stream_name")
        public void setStreamName(String v) {
            given.put("stream_name", v);
        }

        @JsonProperty("configuration")
        @Schema(description = "Passed to the source; send ******** back to keep a stored secret")
        @SuppressWarnings("unchecked")
        public Map<String, Object> getConfiguration() {
            return (Map<String, Object>) get("configuration");
        }

        @JsonProperty("configuration")
        public void setConfiguration(Map<String, Object> v) {
            given.put("configuration", v);
        }

        @JsonProperty("status")
        @Schema(allowableValues = {"active", "paused"}, description = "active resumes, paused pauses")
        public String getStatus() {
            return (String) get("status");
        }

        @JsonProperty("status")
        public void setStatus(String v) {
            given.put("status", v);
        }
    }
}
