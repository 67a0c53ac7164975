package org.sis2sds.azure;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An Azure Storage shared-access-signature URL, split into the folder it grants ({@code base}: scheme, host and
 * path) and its signature ({@code query}). {@link #toString()} and {@link #redacted()} never show the signature, so
 * a SAS URL can be logged or put in an exception safely.
 *
 * @param base  e.g. {@code https://host/{tenantId}/{connectorId}/{containerId}} (no trailing slash)
 * @param query e.g. {@code sv=...&se=...&sig=...} (without the {@code ?})
 */
public record SasUrl(String base, String query) {

    /** Splits a SAS URL; throws {@link IllegalArgumentException} (without the URL) when it is not one. */
    public static SasUrl parse(String url) {
        int q = url == null ? -1 : url.indexOf('?');
        if (q < 0) {
            throw new IllegalArgumentException("the upload URL has no signature");
        }
        String base = url.substring(0, q);
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        try {
            URI u = URI.create(base);
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("the upload URL is not an absolute URL");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the upload URL is not a valid URL");
        }
        return new SasUrl(base, url.substring(q + 1));
    }

    /** The URL of {@code name} inside the granted folder, with the signature and {@code extra} query parameters. */
    public URI file(String name, String extra) {
        String path = base + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return URI.create(path + "?" + query + (extra == null || extra.isEmpty() ? "" : "&" + extra));
    }

    /** When the signature stops being valid (its {@code se} parameter), if it says. */
    public Optional<Instant> expiry() {
        for (String kv : query.split("&")) {
            if (kv.startsWith("se=")) {
                try {
                    return Optional.of(Instant.parse(java.net.URLDecoder.decode(kv.substring(3), StandardCharsets.UTF_8)));
                } catch (DateTimeParseException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The folder without the signature, for logs and messages. */
    public String redacted() {
        return base + "?(signature hidden)";
    }

    @Override
    public String toString() {
        return redacted();
    }
}
