package org.sis2sds.http;

import java.io.IOException;

/**
 * A remote service (Graph, Azure Storage) refused a request. The message is one sentence naming what was refused
 * and why; it never holds a secret, a token or a SAS signature.
 */
public class ServiceRefusal extends IOException {
    private final int status;
    private final String code;

    public ServiceRefusal(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status (0 when there was no answer). */
    public int status() {
        return status;
    }

    /** The service's error code, e.g. {@code itemNotFound} or {@code AuthenticationFailed}, or null. */
    public String code() {
        return code;
    }
}
