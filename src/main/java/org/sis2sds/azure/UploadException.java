package org.sis2sds.azure;

import java.io.IOException;

/**
 * Azure storage refused an upload: which file, the HTTP status and Azure's error code ({@code x-ms-error-code}),
 * in one sentence for people. Never carries the SAS.
 */
public final class UploadException extends IOException {
    private final String file;
    private final int status;
    private final String code;

    public UploadException(String file, int status, String code, String message) {
        super(message);
        this.file = file;
        this.status = status;
        this.code = code;
    }

    public String file() {
        return file;
    }

    public int status() {
        return status;
    }

    /** Azure's error code, e.g. {@code RequestBodyTooLarge}; "" when the answer had none. */
    public String code() {
        return code;
    }
}
