package org.sis2sds.sds;

import java.util.LinkedHashMap;
import java.util.Map;

/** One entry of a profile's {@code /errors} ({@code educationSynchronizationError}, research §6). */
public record SdsError(String id, String entryType, String errorCode, String errorMessage, String joiningValue,
                       String recordedDateTime, String reportableIdentifier) {

    /** The error as the batch report stores it. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("entryType", entryType);
        m.put("errorCode", errorCode);
        m.put("errorMessage", errorMessage);
        m.put("joiningValue", joiningValue);
        m.put("recordedDateTime", recordedDateTime);
        m.put("reportableIdentifier", reportableIdentifier);
        return m;
    }
}
