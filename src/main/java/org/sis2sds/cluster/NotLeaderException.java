package org.sis2sds.cluster;

/**
 * Leader-only work was asked of a node that does not lead (any more). The work is handed back, not failed: what it
 * held stays where the leader finds it (processing/, staging/, the database).
 */
public final class NotLeaderException extends RuntimeException {
    public NotLeaderException(String message) {
        super(message);
    }
}
