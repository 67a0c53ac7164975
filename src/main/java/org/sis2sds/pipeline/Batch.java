package org.sis2sds.pipeline;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sis2sds.batch.BatchFormat;
import org.sis2sds.validate.Message;
import org.sis2sds.validate.ValidationResult;

/**
 * One SDS batch on its way through the pipeline: the exchange body of {@code direct:process-batch} and the routes
 * it calls. Each step fills in its part; {@link #outcome} says where the batch ends.
 */
public final class Batch {
    /** Where a batch ends. */
    public enum Outcome { PENDING, ACCEPTED, QUARANTINED, HELD, FAILED, UNCHANGED }

    private final String id;
    private Path dir;
    private final String source;
    private String syncId;
    private Long runId;
    private final Instant receivedAt = Instant.now();
    private Outcome outcome = Outcome.PENDING;
    private String reason;
    private ValidationResult validation;
    private final List<Message> sdsMessages = new ArrayList<>();
    private String sdsStatus;
    private final List<Map<String, Object>> sdsErrors = new ArrayList<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    /** Objects steps share while the batch is in the pipeline; never written anywhere. */
    private final Map<String, Object> transients = new java.util.concurrent.ConcurrentHashMap<>();
    private Path finalLocation;
    private String destination;
    private BatchFormat format;
    private String intakeRefusal;

    /**
     * @param id     the batch id, file-system safe, unique within the work dir
     * @param dir    the folder holding the six CSV files (in {@code processing/} or {@code staging/})
     * @param source {@code drop} or {@code powerschool}
     * @param syncId the sync this batch belongs to
     */
    public Batch(String id, Path dir, String source, String syncId) {
        this.id = id;
        this.dir = dir;
        this.source = source;
        this.syncId = syncId;
    }

    public String getId() { return id; }
    public Path getDir() { return dir; }
    public void setDir(Path dir) { this.dir = dir; }
    public String getSource() { return source; }
    public String getSyncId() { return syncId; }
    public void setSyncId(String syncId) { this.syncId = syncId; }
    public Long getRunId() { return runId; }
    public void setRunId(Long runId) { this.runId = runId; }
    public Instant getReceivedAt() { return receivedAt; }
    public Outcome getOutcome() { return outcome; }
    public void setOutcome(Outcome outcome) { this.outcome = outcome; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public ValidationResult getValidation() { return validation; }
    public void setValidation(ValidationResult validation) { this.validation = validation; }
    public List<Message> getSdsMessages() { return sdsMessages; }
    public String getSdsStatus() { return sdsStatus; }
    public void setSdsStatus(String sdsStatus) { this.sdsStatus = sdsStatus; }
    public List<Map<String, Object>> getSdsErrors() { return sdsErrors; }
    /** Free-form extras steps attach (counters, fingerprint diff, profile id...); written into report.json. */
    public Map<String, Object> getAttributes() { return attributes; }
    public Object getTransient(String key) { return transients.get(key); }
    public void setTransient(String key, Object value) { transients.put(key, value); }
    /**
     * Where the batch is published: {@code off}, {@code classic} or {@code industrydata}; set when the batch enters
     * the pipeline (the sync's destination, else setting sis2sds.sds.mode).
     */
    public String getDestination() { return destination; }
    public void setDestination(String destination) { this.destination = destination; }
    /** The batch's SDS CSV format (SDS v1 or v2.1; {@link BatchFormat#code()}), set by validation; null before. */
    public BatchFormat getFormat() { return format; }
    public void setFormat(BatchFormat format) { this.format = format; }
    /** Why the source refused the batch before validation (a hostile zip, unexpected files), or null. */
    public String getIntakeRefusal() { return intakeRefusal; }
    public void refuseAtIntake(String reason) {
        this.intakeRefusal = reason;
        attributes.put("refused", true);
    }
    public Path getFinalLocation() { return finalLocation; }
    public void setFinalLocation(Path finalLocation) { this.finalLocation = finalLocation; }

    /** Validator messages followed by SDS's own start messages. */
    public List<Message> allMessages() {
        List<Message> all = new ArrayList<>();
        if (validation != null) {
            all.addAll(validation.messages());
        }
        all.addAll(sdsMessages);
        return all;
    }

    public boolean hasErrors() {
        return allMessages().stream().anyMatch(Message::isError);
    }

    public long errorCount() {
        return allMessages().stream().filter(Message::isError).count();
    }

    public long warningCount() {
        return allMessages().stream().filter(Message::isWarning).count();
    }

    /** True when the batch ended (or is to end) in quarantine: quarantined, held or failed. */
    public boolean isRejected() {
        return outcome == Outcome.QUARANTINED || outcome == Outcome.HELD || outcome == Outcome.FAILED;
    }

    /** Rows read per entity, from the validation. */
    public Map<String, Long> getRowCounts() {
        return validation == null ? Map.of() : validation.rowCounts();
    }

    @Override
    public String toString() {
        return "Batch[" + id + ", " + source + ", sync " + syncId + ", " + outcome + "]";
    }
}
