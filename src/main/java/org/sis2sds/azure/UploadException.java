package org.sis2sds.azure;

import org.sis2sds.http.ServiceRefusal;

/**
 * Azure storage refused an upload: which file, the HTTP status and Azure's error code ({@code x-ms-error-code}),
 * in one sentence for people. Never carries the SAS.
 */
public final class UploadException extends ServiceRefusal {
    private final String file;

    public UploadException(String file, int status, String code, String message) {
        super(status, code, message);
        this.file = file;
    }

    public String file() {
        return file;
    }

    /** True when the signature is no longer accepted (expired or revoked): a new upload URL is needed. */
    public boolean isSignatureRefused() {
        return status() == 403;
    }
}
