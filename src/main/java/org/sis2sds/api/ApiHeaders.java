package org.sis2sds.api;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Which HTTP headers cross between a request, Camel and the answer (the API's platform-http endpoints use it).
 * Credentials never become message headers (the {@link ApiGuard} has checked them already), and an answer carries
 * only its content type: request headers and Camel's own headers are never echoed back.
 */
public final class ApiHeaders implements HeaderFilterStrategy {
    private static final Set<String> NEVER_IN = Set.of("authorization", "proxy-authorization", "cookie");
    private static final Set<String> OUT = Set.of("content-type", "www-authenticate");

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !OUT.contains(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        return NEVER_IN.contains(name.toLowerCase(Locale.ROOT));
    }
}
