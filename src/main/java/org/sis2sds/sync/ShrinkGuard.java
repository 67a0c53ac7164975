package org.sis2sds.sync;

import org.sis2sds.pipeline.Batch;

/** Holds a batch that would shrink an entity too much. (Placeholder until the sync area builds it.) */
public class ShrinkGuard {
    public void check(Batch batch) {
    }
}
