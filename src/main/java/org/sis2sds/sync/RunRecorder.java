package org.sis2sds.sync;

import org.sis2sds.pipeline.Batch;

/** Records each batch as a run of its sync. (Placeholder until the sync area stores runs.) */
public class RunRecorder {
    public void started(Batch batch) {
    }

    public void finished(Batch batch) {
    }
}
