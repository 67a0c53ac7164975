package org.sis2sds.sds;

import java.time.Instant;

/**
 * A profile's sync status ({@code GET .../profileStatus}).
 *
 * @param status            the parsed status
 * @param raw               the value SDS sent (kept for unknown values)
 * @param lastSynchronization the most recent successful sync, or null
 * @param lastActivity      when changes were last observed, or null
 * @param errorCount        errors recorded by SDS
 * @param statusMessage     SDS's message for the current stage, or null
 */
public record ProfileStatus(SyncStatus status, String raw, Instant lastSynchronization, Instant lastActivity,
                            long errorCount, String statusMessage) {
}
