package org.sis2sds.sds;

import java.util.Locale;

/**
 * SDS's {@code educationSynchronizationStatus} (an evolvable enum, research sds-api.md §5). Parsed
 * case-insensitively; a value this version does not know is {@link #UNKNOWN_FUTURE_VALUE}.
 */
public enum SyncStatus {
    PAUSED("paused"), IN_PROGRESS("inProgress"), SUCCESS("success"), ERROR("error"),
    VALIDATION_ERROR("validationError"), QUARANTINED("quarantined"), UNKNOWN_FUTURE_VALUE("unknownFutureValue"),
    EXTRACTING("extracting"), VALIDATING("validating");

    private final String wire;

    SyncStatus(String wire) {
        this.wire = wire;
    }

    /** The name SDS uses, e.g. {@code inProgress}. */
    public String wire() {
        return wire;
    }

    /** A run ended in this status: the publish route stops polling. */
    public boolean isFinal() {
        return this == SUCCESS || this == ERROR || this == VALIDATION_ERROR || this == QUARANTINED;
    }

    /** SDS did not take the data: the batch goes to quarantine. */
    public boolean isRejection() {
        return this == VALIDATION_ERROR || this == QUARANTINED;
    }

    public static SyncStatus parse(String s) {
        if (s == null) {
            return UNKNOWN_FUTURE_VALUE;
        }
        String v = s.trim().toLowerCase(Locale.ROOT);
        for (SyncStatus st : values()) {
            if (st.wire.toLowerCase(Locale.ROOT).equals(v)) {
                return st;
            }
        }
        return UNKNOWN_FUTURE_VALUE;
    }

    @Override
    public String toString() {
        return wire;
    }
}
