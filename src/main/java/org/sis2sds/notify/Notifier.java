package org.sis2sds.notify;

import org.sis2sds.pipeline.Batch;

/** Tells people about a rejected batch. (Placeholder until the notification area builds it.) */
public class Notifier {
    public void batchRejected(Batch batch) {
    }
}
