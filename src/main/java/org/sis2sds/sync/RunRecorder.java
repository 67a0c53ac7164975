package org.sis2sds.sync;

import org.sis2sds.pipeline.Batch;

/**
 * Bean {@code runRecorder}: records each batch of the pipeline as a run of its sync. {@link #started} ties the batch
 * to the run that produced it (or records a new run when it has none); {@link #finished} stores the outcome, the
 * per-entity counters and, for an accepted batch, the new snapshot (row counts and fingerprints).
 */
public class RunRecorder {
    private final SyncManager manager;

    public RunRecorder(SyncManager manager) {
        this.manager = manager;
    }

    public void started(Batch batch) {
        manager.batchStarted(batch);
    }

    public void finished(Batch batch) {
        manager.batchFinished(batch);
    }
}
