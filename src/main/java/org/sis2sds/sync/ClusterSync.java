package org.sis2sds.sync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.sis2sds.cluster.ClusterNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync area in a cluster. Every node serves the API and records writes in the shared database; the leader
 * carries them out. A follower that is asked to run a sync or release a batch records the run (not taken by any
 * node) and a request (table {@code cluster_requests}); a changed sync is a request too (the leader applies its
 * schedule and the drop folder's pause). Bean {@code clusterRequests}: the leader-only route
 * {@code cluster-requests} (routes/cluster.camel.yaml) calls {@link #poll()}.
 *
 * <p>When a node becomes leader it first takes over what the previous leader left: each open run of another node is
 * resumed when its batch is still in processing/ or staging/ (the drop and staging recovery send it through the
 * pipeline again, as the same run), recorded as succeeded when its batch was archived, and closed as failed
 * ("interrupted") otherwise. No run stays running.
 */
public final class ClusterSync {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSync.class);
    /** How the reason of a run another node left begins. */
    static final String INTERRUPTED = "Interrupted: ";
    private final ClusterNode node;
    private final ClusterStore requests;
    private final SyncStore store;
    private final Path work;
    private volatile SyncManager manager;

    ClusterSync(ClusterNode node, SyncStore store, Path work) {
        this.node = node;
        this.store = store;
        this.requests = new ClusterStore(store);
        this.work = work;
    }

    void manager(SyncManager m) {
        this.manager = m;
    }

    ClusterStore store() {
        return requests;
    }

    /** True in a cluster: writes are carried out by the leader. */
    boolean clustered() {
        return node != null && node.clustered();
    }

    /** True when this node carries out writes itself: it leads, or runs alone. */
    boolean leads() {
        return node == null || node.isLeader();
    }

    /** A follower records a write for the leader; true when it did (the caller then stops there). */
    boolean handOver(String kind, String syncId, Long runId, String quarantineId) {
        if (leads()) {
            return false;
        }
        requests.request(kind, syncId, runId, quarantineId);
        LOG.info("Node {} recorded a {} request ({}) for the leader {}", node.nodeId(), kind,
                syncId != null ? "sync " + syncId : "batch " + quarantineId, node.leader().orElse("(none yet)"));
        return true;
    }

    /** The leader carries out the requests followers recorded, oldest first. */
    public void poll() {
        SyncManager m = manager;
        if (!leads() || m == null) {
            return;
        }
        for (ClusterStore.Request r : requests.open()) {
            if (!leads()) {
                return;
            }
            try {
                switch (r.kind()) {
                    case ClusterStore.SYNC -> m.applyHere(r.syncId());
                    case ClusterStore.RUN -> {
                        if (r.runId() != null && requests.claim(r.runId())) {
                            m.runRequested(r.syncId(), r.runId());
                        }
                    }
                    case ClusterStore.RELEASE -> {
                        if (r.runId() != null && requests.claim(r.runId())) {
                            m.releaseRequested(r.quarantineId(), r.runId());
                        }
                    }
                    default -> LOG.warn("Unknown cluster request {} of kind {}", r.id(), r.kind());
                }
            } catch (RuntimeException e) {
                LOG.warn("Request {} ({} from {}) could not be carried out: {}", r.id(), r.kind(), r.requestedBy(),
                        e.getMessage());
                if (r.runId() != null) {
                    m.failRun(r.runId(), "Node " + node.nodeId() + " could not carry out the request: "
                            + Database.rootMessage(e));
                }
            }
            requests.done(r.id());
        }
    }

    /**
     * Becoming leader: the open runs that no process here executes ({@code ours}) are taken over (resumed, or closed
     * through {@code close}): another node's, or this node's own from before a restart or a lost leadership.
     */
    void takeOver(java.util.function.LongPredicate ours, Consumer<Run> close) {
        for (ClusterStore.OpenRun o : requests.openRuns()) {
            Run r = o.run();
            if (ours.test(r.id)) {
                continue; // this process executes it right now
            }
            String who = "node " + o.nodeId();
            if (r.batchId != null && resumable(r.batchId)) {
                requests.takeOver(r.id, INTERRUPTED + who + " stopped leading while this run was in progress; "
                        + "node " + node.nodeId() + " resumed its batch.");
                LOG.warn("Run {} of sync {} was left by {}: its batch {} is resumed", r.id, r.syncId, who, r.batchId);
            } else if (r.batchId != null && Files.isDirectory(work.resolve("archive").resolve(r.batchId))) {
                r.status = Run.SUCCEEDED;
                r.reason = "The batch was archived before " + who + " stopped; node " + node.nodeId()
                        + " recorded the end of the run.";
                close.accept(r);
            } else {
                r.status = Run.FAILED;
                r.reason = INTERRUPTED + who + " stopped while this run was in progress, with nothing left to "
                        + "resume; node " + node.nodeId() + " closed it.";
                close.accept(r);
                LOG.warn("Run {} of sync {} was left by {}: closed as interrupted", r.id, r.syncId, who);
            }
        }
    }

    /** The batch is still where the drop or staging recovery finds it: processing/ (a folder or a zip) or staging/. */
    private boolean resumable(String batchId) {
        return Files.exists(work.resolve("processing").resolve(batchId))
                || Files.exists(work.resolve("processing").resolve(batchId + ".zip"))
                || Files.isDirectory(work.resolve("staging").resolve(batchId));
    }

    String nodeId() {
        return node == null ? store.nodeId() : node.nodeId();
    }
}
