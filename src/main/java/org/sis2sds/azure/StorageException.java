package org.sis2sds.azure;

/**
 * Azure Storage refused a request ({@code code}: {@code AuthenticationFailed}, {@code InvalidFlushPosition}...). The
 * message is one sentence; it never holds the SAS signature.
 */
public class StorageException extends org.sis2sds.http.ServiceRefusal {
    public StorageException(int status, String code, String message) {
        super(status, code, message);
    }

    /** True when the signature is no longer accepted (expired or revoked): a new upload URL is needed. */
    public boolean isSignatureRefused() {
        return status() == 403;
    }

    /** Azure's error code from an XML ({@code <Code>}) or JSON ({@code "code"}) error body, or null. */
    static String codeOf(String body) {
        if (body == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<Code>([^<]{1,100})</Code>").matcher(body);
        if (m.find()) {
            return m.group(1).trim();
        }
        m = java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"([^\"]{1,100})\"").matcher(body);
        return m.find() ? m.group(1) : null;
    }
}
