package org.sis2sds.azure;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.sis2sds.http.Resilient;

/**
 * A shared access signature URL of an Azure storage container or directory (SDS Classic's {@code uploadUrl}, an
 * industryData upload session's {@code sessionUrl}): where its files go and the query that authorizes them. The
 * query is the secret: {@link #toString()} and every message show the origin and path only.
 *
 * @param base     {@code https://account.blob.core.windows.net/container[/directory]}, no trailing slash
 * @param query    the SAS query (sv, se, sr, sp, sig, ...), as given
 * @param issuedAt when this URL was obtained (to refresh it before it expires)
 */
public record SasUrl(String base, String query, Instant issuedAt) {

    /** Splits a SAS URL; an {@link IllegalArgumentException} that never repeats the URL when it has no query. */
    public static SasUrl parse(String url) {
        int q = url == null ? -1 : url.indexOf('?');
        if (q < 0 || q == url.length() - 1) {
            throw new IllegalArgumentException("The storage URL carries no shared access signature.");
        }
        try {
            URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The storage URL is not a valid URL.");
        }
        String base = url.substring(0, q);
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return new SasUrl(base, url.substring(q + 1), Instant.now());
    }

    /** The URL of a file under this container or directory ({@code name} may hold {@code /}), with the SAS. */
    public URI file(String name) {
        StringBuilder b = new StringBuilder(base);
        for (String part : name.split("/")) {
            b.append('/').append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return URI.create(b + "?" + query);
    }

    /** {@link #file(String)} with extra query parameters such as {@code comp=block&blockid=...}. */
    public URI file(String name, String extraQuery) {
        return URI.create(file(name) + "&" + extraQuery);
    }

    /** The signed expiry ({@code se}), when the URL carries one. */
    public Optional<Instant> expiry() {
        for (String p : query.split("&")) {
            if (p.startsWith("se=")) {
                try {
                    return Optional.of(Instant.parse(java.net.URLDecoder.decode(p.substring(3), StandardCharsets.UTF_8)));
                } catch (DateTimeParseException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Origin and path, never the signature. */
    @Override
    public String toString() {
        URI u = URI.create(base);
        return Resilient.origin(u) + u.getRawPath() + "?(signature hidden)";
    }
}
