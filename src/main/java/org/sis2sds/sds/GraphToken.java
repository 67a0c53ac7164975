package org.sis2sds.sds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.sis2sds.http.Resilient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Microsoft Graph access token by OAuth2 client credentials against {@code {login-url}/{tenant}/oauth2/v2.0/token},
 * cached and fetched again a fifth of its lifetime (at most 5 minutes) before it expires, or at once when a caller
 * says the last one was refused. Shared by the SDS Classic and the industryData clients. Neither the secret nor a
 * token is ever logged or put in an exception.
 */
public final class GraphToken implements Resilient.TokenSource {
    private static final Logger LOG = LoggerFactory.getLogger(GraphToken.class);
    private final SdsClientConfig cfg;
    private final Resilient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Object lock = new Object();
    private String token;
    private Instant renewAt = Instant.EPOCH;

    public GraphToken(SdsClientConfig cfg, Resilient http) {
        this.cfg = cfg;
        this.http = http;
    }

    @Override
    public String token(boolean renew) throws IOException, InterruptedException {
        synchronized (lock) {
            if (!renew && token != null && Instant.now().isBefore(renewAt)) {
                return token;
            }
            String form = "grant_type=client_credentials&client_id=" + enc(cfg.clientId()) + "&client_secret="
                    + enc(cfg.clientSecret()) + "&scope=" + enc(cfg.scope());
            URI uri = URI.create(cfg.loginUrl() + "/" + enc(cfg.tenant()) + "/oauth2/v2.0/token");
            HttpResponse<String> r = http.send(() -> HttpRequest.newBuilder(uri).timeout(cfg.requestTimeout())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form)), HttpResponse.BodyHandlers.ofString(), null);
            JsonNode b = parse(r.body());
            if (r.statusCode() != 200 || !b.hasNonNull("access_token")) {
                String code = b.path("error").asText("HTTP " + r.statusCode());
                throw new SdsException(r.statusCode(), code, "Signing in to Microsoft Graph failed (" + code
                        + ", HTTP " + r.statusCode() + " from " + Resilient.origin(uri) + "): "
                        + hint(code, b.path("error_description").asText("")));
            }
            long life = Math.max(1, b.path("expires_in").asLong(3600));
            long margin = Math.min(300_000, life * 1000 / 5); // renew a fifth early, at most 5 minutes
            token = b.get("access_token").asText();
            renewAt = Instant.now().plusMillis(life * 1000 - margin);
            LOG.debug("Graph access token obtained, valid {} s", life);
            return token;
        }
    }

    /** What to check, by the login service's error (and its AADSTS number): one sentence naming the setting. */
    static String hint(String code, String description) {
        if (description.startsWith("AADSTS90002") || description.startsWith("AADSTS900023")) {
            code = "invalid_tenant";
        } else if (description.startsWith("AADSTS700016")) {
            code = "unauthorized_client";
        } else if (description.startsWith("AADSTS7000215") || description.startsWith("AADSTS7000222")) {
            code = "invalid_client";
        }
        return switch (code) {
            case "invalid_client" -> "the client secret is wrong or expired; check sis2sds.sds.client-secret "
                    + "(SIS2SDS_SDS_CLIENT_SECRET).";
            case "unauthorized_client" -> "the app registration is unknown in this tenant; check "
                    + "sis2sds.sds.client-id and sis2sds.sds.tenant.";
            case "invalid_tenant" -> "the tenant is unknown; check sis2sds.sds.tenant (the tenant id or its domain, "
                    + "e.g. contoso.onmicrosoft.com).";
            case "invalid_scope", "invalid_resource" -> "the scope is not valid; check sis2sds.sds.scope (normally "
                    + "https://graph.microsoft.com/.default).";
            default -> "check sis2sds.sds.tenant, sis2sds.sds.client-id and sis2sds.sds.client-secret.";
        };
    }

    private JsonNode parse(String body) {
        return GraphRequests.parse(json, body);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
