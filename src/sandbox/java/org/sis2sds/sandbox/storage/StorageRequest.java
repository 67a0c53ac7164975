package org.sis2sds.sandbox.storage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import java.io.InputStream;
import java.util.Map;
import org.sis2sds.sandbox.QueryString;

/**
 * One storage request: the container (Data Lake file system) and blob (path) it names, its query, the service
 * version it runs at, whether it is a Data Lake ({@code dfs}) call, and, once checked, what its SAS grants.
 */
final class StorageRequest {
    final HttpExchange ex;
    final String method;
    final String container;
    final String name;
    final Map<String, String> query;
    final boolean dfs;
    final String requestId;
    ServiceVersion version;
    Sas.Grant grant;
    /** {@code http(s)://127.0.0.1:PORT/{account}/}: the service endpoint, for listings. */
    String endpoint = "";

    StorageRequest(HttpExchange ex, String container, String name, String requestId) {
        this.ex = ex;
        this.method = ex.getRequestMethod();
        this.container = container;
        this.name = name;
        this.query = QueryString.parse(ex.getRequestURI().getRawQuery());
        this.requestId = requestId;
        this.dfs = query.containsKey("resource") || query.containsKey("action")
                || (method.equals("DELETE") && query.containsKey("recursive"));
    }

    String header(String h) {
        return ex.getRequestHeaders().getFirst(h);
    }

    String q(String k) {
        return query.get(k);
    }

    boolean https() {
        return ex instanceof HttpsExchange;
    }

    InputStream body() {
        return ex.getRequestBody();
    }

    /** The declared body length, or -1 when the request has none (or is chunked). */
    long contentLength() {
        String v = header("Content-Length");
        try {
            return v == null ? -1 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new StorageError(400, "InvalidHeaderValue", "The value for one of the HTTP headers is not in the "
                    + "correct format.", "<HeaderName>Content-Length</HeaderName>");
        }
    }

    /** Requires one of these SAS permissions ({@code 'w'}, {@code 'r'}, ...), else 403 AuthorizationPermissionMismatch. */
    void need(char... any) {
        for (char c : any) {
            if (grant.allows(c)) {
                return;
            }
        }
        throw StorageError.permission();
    }

    /** The content type a write sets: {@code x-ms-blob-content-type}, {@code x-ms-content-type}, or the default. */
    String contentType(String def) {
        String t = header("x-ms-blob-content-type");
        if (t == null) {
            t = header("x-ms-content-type");
        }
        return t == null ? def : t;
    }
}
