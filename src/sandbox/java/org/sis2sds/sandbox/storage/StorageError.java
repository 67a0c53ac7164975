package org.sis2sds.sandbox.storage;

/**
 * An Azure Storage error answer: status, error code (also sent as {@code x-ms-error-code}), Azure's message, and
 * optional extra XML elements (e.g. {@code <MaxLimit>}, {@code <AuthenticationErrorDetail>}).
 */
final class StorageError extends RuntimeException {
    final int status;
    final String code;
    final String extraXml;
    String retryAfter;

    StorageError(int status, String code, String message) {
        this(status, code, message, "");
    }

    StorageError(int status, String code, String message, String extraXml) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.extraXml = extraXml;
    }

    StorageError retryAfter(String seconds) {
        this.retryAfter = seconds;
        return this;
    }

    static StorageError blobNotFound() {
        return new StorageError(404, "BlobNotFound", "The specified blob does not exist.");
    }

    static StorageError containerNotFound(boolean dfs) {
        return dfs ? new StorageError(404, "FilesystemNotFound", "The specified filesystem does not exist.")
                : new StorageError(404, "ContainerNotFound", "The specified container does not exist.");
    }

    static StorageError invalidQuery(String name, String value, String reason) {
        return new StorageError(400, "InvalidQueryParameterValue", "Value for one of the query parameters "
                + "specified in the request URI is invalid.", "<QueryParameterName>" + StorageXml.esc(name)
                + "</QueryParameterName><QueryParameterValue>" + StorageXml.esc(value) + "</QueryParameterValue>"
                + "<Reason>" + StorageXml.esc(reason) + "</Reason>");
    }

    static StorageError missingHeader(String name) {
        return new StorageError(400, "MissingRequiredHeader", "An HTTP header that's mandatory for this request is "
                + "not specified.", "<HeaderName>" + StorageXml.esc(name) + "</HeaderName>");
    }

    static StorageError conditionNotMet() {
        return new StorageError(412, "ConditionNotMet", "The condition specified using HTTP conditional header(s) "
                + "is not met.");
    }

    static StorageError permission() {
        return new StorageError(403, "AuthorizationPermissionMismatch", "This request is not authorized to "
                + "perform this operation using this permission.");
    }

    static StorageError unsupportedVerb() {
        return new StorageError(405, "UnsupportedHttpVerb", "The resource doesn't support the specified HTTP verb.");
    }
}
