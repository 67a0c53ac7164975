package org.sis2sds.sync;

import java.util.List;
import java.util.Map;

/** A refused request: HTTP-like status (400, 404, 409), one sentence, and the reasons. */
public class SyncException extends RuntimeException {
    private final int status;
    private final List<Map<String, String>> errors;

    public SyncException(int status, String message, List<Map<String, String>> errors) {
        super(message);
        this.status = status;
        this.errors = errors;
    }

    public SyncException(int status, String message) {
        this(status, message, List.of(Map.of("detail", message)));
    }

    public static SyncException notFound(String what, String id) {
        return new SyncException(404, "No " + what + " with id '" + id + "'.");
    }

    public static SyncException conflict(String message) {
        return new SyncException(409, message);
    }

    public int status() {
        return status;
    }

    public List<Map<String, String>> errors() {
        return errors;
    }
}
