package org.sis2sds.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.pipeline.PublishJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quarantine as people work with it: every batch in {@code quarantine/} with what the database knows; a held or
 * failed batch released (published anyway, as a new run); a batch discarded (kept where it is, marked).
 */
public final class QuarantineDesk {
    private static final Logger LOG = LoggerFactory.getLogger(QuarantineDesk.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final SyncStore store;
    private final RunLauncher runs;
    private final Path work;

    QuarantineDesk(SyncStore store, RunLauncher runs, Path work) {
        this.store = store;
        this.runs = runs;
        this.work = work;
    }

    /** Every batch in quarantine/ (with what the database knows) and every decision recorded. */
    public List<QuarantineEntry> list() {
        Map<String, QuarantineEntry> all = new LinkedHashMap<>();
        for (QuarantineEntry q : store.listQuarantine()) {
            all.put(q.id, q);
        }
        Path dir = work.resolve("quarantine");
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    String id = p.getFileName().toString();
                    if (Files.isDirectory(p) && !all.containsKey(id)) {
                        all.put(id, fromReport(id, p));
                    }
                }
            } catch (IOException e) {
                LOG.warn("Cannot list {}: {}", dir, e.getMessage());
            }
        }
        return new ArrayList<>(all.values());
    }

    public QuarantineEntry entry(String id) {
        if (!SyncAttributes.ID.matcher(id).matches()) {
            throw SyncException.notFound("quarantined batch", id);
        }
        return store.getQuarantine(id).or(() -> {
            Path p = work.resolve("quarantine").resolve(id);
            return Files.isDirectory(p) ? Optional.of(fromReport(id, p)) : Optional.empty();
        }).orElseThrow(() -> SyncException.notFound("quarantined batch", id));
    }

    private QuarantineEntry fromReport(String id, Path p) {
        QuarantineEntry q = new QuarantineEntry();
        q.id = id;
        q.kind = QuarantineEntry.QUARANTINED;
        q.status = QuarantineEntry.QUARANTINED;
        q.path = p.toString();
        Path report = p.resolve("report.json");
        if (Files.isRegularFile(report)) {
            try {
                var n = JSON.readTree(report.toFile());
                q.reason = n.path("reason").isTextual() ? n.path("reason").asText() : null;
                q.syncId = n.path("syncId").isTextual() ? n.path("syncId").asText()
                        : n.path("sync_id").isTextual() ? n.path("sync_id").asText() : null;
                q.source = n.path("source").isTextual() ? n.path("source").asText() : null;
                if ("HELD".equalsIgnoreCase(n.path("outcome").asText())) {
                    q.kind = QuarantineEntry.HELD;
                    q.status = QuarantineEntry.HELD;
                } else if ("FAILED".equalsIgnoreCase(n.path("outcome").asText())) {
                    q.kind = QuarantineEntry.FAILED;
                    q.status = QuarantineEntry.FAILED;
                }
                q.batchId = n.path("batchId").isTextual() ? n.path("batchId").asText() : null;
                if ("discarded".equals(n.path("status").asText())) {
                    q.status = QuarantineEntry.DISCARDED;
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("Unreadable {}: {}", report, e.getMessage());
            }
        }
        return q;
    }

    /**
     * Publishes a held batch: moves it atomically from quarantine/ back to processing/, marks it to bypass the shrink
     * guard and sends it through direct:process-batch (in the background). Returns the new run.
     */
    public Run release(String id) {
        return release(id, null);
    }

    /** Checks that a batch can be released now (as {@link #release} does first) and returns its entry. */
    QuarantineEntry releasable(String id) {
        QuarantineEntry q = entry(id);
        boolean held = QuarantineEntry.HELD.equals(q.status);
        if (!held && !QuarantineEntry.FAILED.equals(q.status)) {
            throw SyncException.conflict(QuarantineEntry.QUARANTINED.equals(q.status)
                    ? "Batch '" + id + "' was quarantined because SDS would reject it, so it cannot be released; fix the "
                    + "source and send the batch again."
                    : "Batch '" + id + "' is " + q.status + "; only a batch held by the shrink guard or one that failed "
                    + "can be released.");
        }
        Path from = work.resolve("quarantine").resolve(id);
        if (!Files.isDirectory(from)) {
            throw SyncException.conflict("Batch '" + id + "' is no longer in " + work.resolve("quarantine") + ".");
        }
        if (q.syncId != null && runs.isRunning(q.syncId)) {
            throw SyncException.conflict("Sync '" + q.syncId + "' is running; release the batch when the run has ended.");
        }
        return q;
    }

    /** Releases a batch as run {@code requested} (recorded by a follower), or as a new run when null. */
    Run release(String id, Long requested) {
        QuarantineEntry q = releasable(id);
        boolean held = QuarantineEntry.HELD.equals(q.status);
        Path from = work.resolve("quarantine").resolve(id);
        String batchId = q.batchId != null && SyncAttributes.ID.matcher(q.batchId).matches() ? q.batchId : id;
        Path to = work.resolve("processing").resolve(batchId);
        if (Files.exists(to)) {
            throw SyncException.conflict("A batch named '" + batchId + "' is already being processed; release this one "
                    + "when it has ended.");
        }
        try {
            Files.createDirectories(to.getParent());
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(to.resolve("report.html"));
            Files.deleteIfExists(to.resolve("report.json"));
            // a release is a new attempt: what the earlier one did with SDS is not resumed
            Files.deleteIfExists(to.resolve(PublishJournal.FILE));
        } catch (IOException e) {
            throw SyncException.conflict("Batch '" + id + "' cannot be moved back to " + to.getParent() + ": "
                    + e.getMessage());
        }
        Batch b = new Batch(batchId, to, q.source == null ? "drop" : q.source, q.syncId);
        if (held) {
            b.getAttributes().put(SyncManager.ATTR_BYPASS_GUARD, true);
        }
        b.getAttributes().put(SyncManager.ATTR_RELEASED_FROM, id);
        long runId = requested != null ? requested : store.insertRun(q.syncId == null ? "unknown" : q.syncId,
                Run.PENDING, "release", "Released from quarantine by a person.");
        b.setRunId(runId);
        q.releaseRunId = runId;
        q.path = to.toString();
        store.saveQuarantine(q);
        runs.submitBatch(b, runId);
        return store.getRun(runId).orElseThrow();
    }

    /** Keeps a quarantined batch where it is, marked as discarded (in the database and in its report.json). */
    public QuarantineEntry discard(String id) {
        QuarantineEntry q = entry(id);
        if (QuarantineEntry.RELEASED.equals(q.status)) {
            throw SyncException.conflict("Batch '" + id + "' was already released; it can no longer be discarded.");
        }
        if (!QuarantineEntry.DISCARDED.equals(q.status)) {
            q.status = QuarantineEntry.DISCARDED;
            q.resolvedAt = SyncStore.now();
            store.saveQuarantine(q);
            Path report = work.resolve("quarantine").resolve(id).resolve("report.json");
            try {
                ObjectNode n = Files.isRegularFile(report) && JSON.readTree(report.toFile()) instanceof ObjectNode o
                        ? o : JSON.createObjectNode();
                n.put("status", "discarded");
                n.put("discardedAt", q.resolvedAt.toInstant().toString());
                if (Files.isDirectory(report.getParent())) {
                    Path tmp = report.resolveSibling("report.json.tmp");
                    JSON.writeValue(tmp.toFile(), n);
                    Files.move(tmp, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                LOG.warn("Could not mark {} as discarded: {}", report, e.getMessage());
            }
        }
        return q;
    }
}
