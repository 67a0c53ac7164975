package org.sis2sds.pipeline;

/**
 * Marks an exception whose message is already one sentence for people (what happened, what to do). When such an
 * exception stops a batch, that sentence becomes the batch's reason in its report and notification as it is.
 */
public interface PeopleReadable {
}
