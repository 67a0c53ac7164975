package org.sis2sds.industrydata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.pipeline.BatchRejected;

/**
 * The same file set every time (research industrydata.md §5.3): SDS marks everything in a file that stops coming as
 * inactive, so a batch whose CSV files differ from those of the flow's last validated upload is HELD with the
 * difference named; a person releases it (then it goes through) or discards it, as with a shrink-guard hold. The
 * first upload to a flow sets its file set.
 */
public final class FileSetGuard {
    /** Batch attribute a release sets: the batch passes the holds (the sync area's guard.bypass). */
    public static final String BYPASS_ATTR = org.sis2sds.sync.SyncManager.ATTR_BYPASS_GUARD;
    private final FileSets sets;

    public FileSetGuard(FileSets sets) {
        this.sets = sets;
    }

    public void check(Batch b, Graph.Flow flow) {
        if (Boolean.TRUE.equals(b.getAttributes().get(BYPASS_ATTR))) {
            return;
        }
        List<String> now = names(b.getDir());
        sets.last(flow.id()).ifPresent(before -> {
            if (before.equals(now)) {
                return;
            }
            List<String> missing = new ArrayList<>(before);
            missing.removeAll(now);
            List<String> added = new ArrayList<>(now);
            added.removeAll(before);
            throw BatchRejected.held("Held: this batch's files differ from the last upload SDS validated for inbound "
                    + "flow \"" + flow.displayName() + "\"" + (missing.isEmpty() ? "" : " (missing: "
                    + String.join(", ", missing) + ")") + (added.isEmpty() ? "" : " (new: " + String.join(", ", added)
                    + ")") + "; SDS marks every record of a file that stops coming as inactive. If this is intended, "
                    + "release the batch (bin/sis2sds quarantine list shows its id; then bin/sis2sds quarantine release "
                    + "ID, or POST /api/v1/quarantine/ID/release); otherwise discard it and send the full set.");
        });
    }

    /** Records the file set SDS just validated (called once the validation passed). */
    public void accepted(Batch b, Graph.Flow flow) {
        sets.accepted(flow.id(), names(b.getDir()), b.getId());
    }

    static List<String> names(Path dir) {
        try {
            TreeSet<String> n = new TreeSet<>();
            FlowPublisher.files(dir).forEach(f -> n.add(FlowPublisher.remoteName(f)));
            return List.copyOf(n);
        } catch (IOException e) {
            throw BatchRejected.failed("The files of batch folder " + dir + " cannot be listed (" + e.getMessage() + ").");
        }
    }
}
