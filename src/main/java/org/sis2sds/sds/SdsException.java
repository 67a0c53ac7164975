package org.sis2sds.sds;

import java.io.IOException;

/**
 * SDS refused a request (or could not be signed in to). The message is one sentence naming what was refused and
 * why; it never holds a secret, a token or a SAS signature.
 */
public class SdsException extends IOException {
    private final int status;
    private final String code;

    public SdsException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status (0 when there was no answer). */
    public int status() {
        return status;
    }

    /** Graph's error code, e.g. {@code itemNotFound}, or null. */
    public String code() {
        return code;
    }
}
