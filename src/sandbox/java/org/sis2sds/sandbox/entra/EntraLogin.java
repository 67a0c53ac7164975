package org.sis2sds.sandbox.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sis2sds.sandbox.QueryString;

/**
 * The sandbox's Entra ID (Microsoft identity platform v2.0): the client-credentials token endpoint
 * {@code /{tenant}/oauth2/v2.0/token} with Entra's error answers (AADSTS codes), OIDC discovery
 * ({@code /{tenant}/v2.0/.well-known/openid-configuration}), the signing keys ({@code /{tenant}/discovery/v2.0/keys})
 * and instance discovery. Access tokens are RS256 JWTs (aud, iss, tid, appid, roles, iat, nbf, exp) that the Graph
 * sandboxes verify with {@link #verify(String)}. Clients, their secrets and their roles can change while it runs.
 */
public final class EntraLogin {
    /** The resource Graph tokens are for: {@code aud} of every token this sandbox issues. */
    public static final String GRAPH = "https://graph.microsoft.com";
    public static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
    private static final Pattern PATH = Pattern.compile("^/([^/]+)/(oauth2/v2\\.0/token|v2\\.0/\\.well-known/openid-configuration"
            + "|\\.well-known/openid-configuration|discovery/v2\\.0/keys|discovery/keys|discovery/instance)$");

    private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "offline_access", "email");

    /** An app registration: its secret and the application permissions (roles) an admin consented to. */
    public record Client(String id, String secret, Set<String> roles) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final TokenKeys keys = new TokenKeys();
    private final SecureRandom random = new SecureRandom();
    private final String tenantName;
    private final String tenantId;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();
    private volatile long revokedBelow;
    private volatile Duration tokenLifetime;

    /** @param tenantName the tenant's short name ({@code sandbox}: also {@code sandbox.onmicrosoft.com} and its id) */
    public EntraLogin(String tenantName, Duration tokenLifetime) {
        this.tenantName = tenantName.toLowerCase(Locale.ROOT);
        this.tenantId = UUID.nameUUIDFromBytes(("sis2sds-tenant:" + this.tenantName).getBytes(StandardCharsets.UTF_8))
                .toString();
        this.tokenLifetime = tokenLifetime;
    }

    public String tenantId() {
        return tenantId;
    }

    public String tenantName() {
        return tenantName;
    }

    /** Adds or replaces an app registration. */
    public EntraLogin client(String id, String secret, Set<String> roles) {
        clients.put(id, new Client(id, secret, Set.copyOf(roles)));
        return this;
    }

    /** Changes the roles of an app (tests: take one permission away); tokens issued from now on carry them. */
    public void roles(String clientId, Set<String> roles) {
        clients.computeIfPresent(clientId, (k, c) -> new Client(c.id(), c.secret(), Set.copyOf(roles)));
    }

    public Set<String> roles(String clientId) {
        Client c = clients.get(clientId);
        return c == null ? Set.of() : c.roles();
    }

    public void tokenLifetime(Duration d) {
        tokenLifetime = d;
    }

    /** Every token issued so far is refused from now on (its next use gets 401). */
    public void revokeAll() {
        revokedBelow = issued.get();
    }

    /** True when this path is one of the login endpoints. */
    public boolean handles(String path) {
        return PATH.matcher(path).matches();
    }

    /** Whether the tenant segment of a URL names this tenant (name, domain or id, any case). */
    public boolean knows(String tenant) {
        String t = tenant.toLowerCase(Locale.ROOT);
        return t.equals(tenantName) || t.equals(tenantId) || t.equals(tenantName + ".onmicrosoft.com");
    }

    /** The issuer of this tenant's tokens at a base URL. */
    public String issuer(String baseUrl) {
        return baseUrl + "/" + tenantId + "/v2.0";
    }

    // ------------------------------------------------------------------------------------------ HTTP

    /** Answers one login request; {@code baseUrl} is how the caller reached the server. */
    public void handle(HttpExchange ex, String baseUrl) throws IOException {
        Matcher m = PATH.matcher(ex.getRequestURI().getPath());
        if (!m.matches()) {
            return;
        }
        String tenant = m.group(1);
        String what = m.group(2);
        ex.getResponseHeaders().set("x-ms-request-id", UUID.randomUUID().toString());
        ex.getResponseHeaders().set("Cache-Control", "no-store, no-cache");
        String crid = ex.getRequestHeaders().getFirst("client-request-id");
        if (crid != null) {
            ex.getResponseHeaders().set("client-request-id", crid);
        }
        boolean generic = tenant.equalsIgnoreCase("common") || tenant.equalsIgnoreCase("organizations");
        if (what.equals("oauth2/v2.0/token")) {
            if (!"POST".equals(ex.getRequestMethod())) {
                oauthError(ex, 405, "invalid_request", 900561, "The endpoint only accepts POST requests. Received a "
                        + ex.getRequestMethod() + " request.");
                return;
            }
            token(ex, tenant, baseUrl);
            return;
        }
        if (!generic && !knows(tenant)) {
            oauthError(ex, 400, "invalid_tenant", 90002, "Tenant '" + tenant + "' not found. Check to make sure you "
                    + "have the correct tenant ID and are signing into the correct cloud.");
            return;
        }
        switch (what) {
            case "discovery/instance" -> send(ex, 200, instanceDiscovery(ex, baseUrl));
            case "discovery/v2.0/keys", "discovery/keys" -> send(ex, 200, keys.jwks(issuer(baseUrl)));
            default -> send(ex, 200, openidConfiguration(baseUrl, what.startsWith("v2.0")));
        }
    }

    private void token(HttpExchange ex, String tenant, String baseUrl) throws IOException {
        Map<String, String> form = QueryString.parse(new String(ex.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
        basicAuth(ex, form);
        String grant = form.get("grant_type");
        if (grant == null || grant.isBlank()) {
            oauthError(ex, 400, "invalid_request", 900144, "The request body must contain the following parameter: "
                    + "'grant_type'.");
            return;
        }
        if (!grant.equals("client_credentials")) {
            oauthError(ex, 400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '"
                    + grant + "'; the sandbox supports client_credentials only.");
            return;
        }
        if (!knows(tenant)) {
            oauthError(ex, 400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make sure you "
                    + "have the correct tenant ID and are signing into the correct cloud.");
            return;
        }
        String id = form.getOrDefault("client_id", "");
        if (id.isBlank()) {
            oauthError(ex, 400, "invalid_request", 900144, "The request body must contain the following parameter: "
                    + "'client_id'.");
            return;
        }
        Client c = clients.get(id);
        if (c == null) {
            oauthError(ex, 400, "unauthorized_client", 700016, "Application with identifier '" + id + "' was not found "
                    + "in the directory '" + tenantName + "'. This can happen if the application has not been installed "
                    + "by the administrator of the tenant or consented to by any user in the tenant. You may have sent "
                    + "your authentication request to the wrong tenant.");
            return;
        }
        String secret = form.get("client_secret");
        if (secret == null || secret.isEmpty()) {
            oauthError(ex, 401, "invalid_client", 7000216, "'client_assertion', 'client_secret' or 'request' is "
                    + "required for the 'client_credentials' grant type.");
            return;
        }
        if (!MessageDigest.isEqual(c.secret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            oauthError(ex, 401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being "
                    + "sent in the request is the client secret value, not the client secret ID, for a secret added "
                    + "to app '" + id + "'.");
            return;
        }
        String scope = form.getOrDefault("scope", "").trim();
        String resource = resource(scope);
        if (resource == null) {
            oauthError(ex, 400, "invalid_scope", 1002012, "The provided value for scope " + scope + " is not valid. "
                    + "Client credential flows must have a scope value with /.default suffixed to the resource "
                    + "identifier (application ID URI).");
            return;
        }
        if (!resource.equalsIgnoreCase(GRAPH) && !resource.equalsIgnoreCase(GRAPH_APP_ID)) {
            oauthError(ex, 400, "invalid_resource", 500011, "The resource principal named " + resource + " was not "
                    + "found in the tenant named " + tenantName + ".");
            return;
        }
        Duration life = tokenLifetime;
        long now = System.currentTimeMillis();
        long secs = Math.max(1, (life.toMillis() + 999) / 1000);
        ObjectNode claims = json.createObjectNode();
        claims.put("aud", GRAPH).put("iss", issuer(baseUrl)).put("iat", now / 1000).put("nbf", now / 1000)
                .put("exp", (now + life.toMillis() + 999) / 1000).put("app_displayname", id).put("appid", id)
                .put("appidacr", "1").put("idp", issuer(baseUrl)).put("idtyp", "app")
                .put("oid", UUID.nameUUIDFromBytes(("sp:" + id).getBytes(StandardCharsets.UTF_8)).toString());
        ArrayNode roles = claims.putArray("roles");
        c.roles().stream().sorted().forEach(roles::add);
        claims.put("sub", claims.get("oid").asText()).put("tid", tenantId).put("uti", uti()).put("ver", "1.0");
        ObjectNode body = json.createObjectNode().put("token_type", "Bearer").put("expires_in", secs)
                .put("ext_expires_in", secs).put("access_token", keys.sign(claims));
        send(ex, 200, body);
    }

    /** client_secret_basic: the id and secret in an {@code Authorization: Basic} header instead of the form. */
    private static void basicAuth(HttpExchange ex, Map<String, String> form) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
            return;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon > 0) {
                form.putIfAbsent("client_id", QueryString.parse("x=" + pair.substring(0, colon)).get("x"));
                form.putIfAbsent("client_secret", QueryString.parse("x=" + pair.substring(colon + 1)).get("x"));
            }
        } catch (IllegalArgumentException ignored) {
            // not Basic after all: the form decides
        }
    }

    /**
     * {@code https://graph.microsoft.com/.default} → {@code https://graph.microsoft.com}; null unless one .default
     * scope. The OIDC scopes MSAL adds to every request ({@code openid profile offline_access}) are ignored, as
     * Entra ignores them for client credentials.
     */
    private static String resource(String scope) {
        String only = null;
        for (String s : scope.split(" ")) {
            if (s.isBlank() || OIDC_SCOPES.contains(s)) {
                continue;
            }
            if (!s.endsWith("/.default") || only != null) {
                return null;
            }
            only = s.substring(0, s.length() - "/.default".length());
        }
        return only;
    }

    /** The token's unique id, carrying the issue sequence number {@link #revokeAll()} compares. */
    private String uti() {
        byte[] r = new byte[8];
        random.nextBytes(r);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(16)
                .putLong(issued.incrementAndGet()).put(r).array());
    }

    // ------------------------------------------------------------------------------------------ verification

    /**
     * The token behind an {@code Authorization: Bearer} value, verified as Graph does: signature, issuer, tenant,
     * audience, not-before and expiry (no clock skew, so an expiry mid-run shows at once).
     */
    public AccessToken verify(String bearer) throws TokenRejected {
        if (bearer == null || bearer.isBlank()) {
            throw new TokenRejected("Access token is empty.");
        }
        if (bearer.chars().filter(ch -> ch == '.').count() != 2) {
            throw new TokenRejected("CompactToken parsing failed with error code: 80049217");
        }
        JsonNode c = keys.verify(bearer.trim());
        if (c == null) {
            throw new TokenRejected("Access token validation failure. Invalid signature.");
        }
        long now = System.currentTimeMillis();
        if (!tenantId.equals(c.path("tid").asText()) || !c.path("iss").asText().endsWith("/" + tenantId + "/v2.0")) {
            throw new TokenRejected("Access token validation failure. Invalid issuer.");
        }
        String aud = c.path("aud").asText();
        if (!aud.equals(GRAPH) && !aud.equals(GRAPH + "/") && !aud.equals(GRAPH_APP_ID)) {
            throw new TokenRejected("Access token validation failure. Invalid audience.");
        }
        if (c.path("nbf").asLong() * 1000 > now) {
            throw new TokenRejected("Lifetime validation failed, the token is not yet valid.");
        }
        if (c.path("exp").asLong() * 1000 <= now) {
            throw new TokenRejected("Lifetime validation failed, the token is expired.");
        }
        try {
            long seq = ByteBuffer.wrap(Base64.getUrlDecoder().decode(c.path("uti").asText())).getLong();
            if (seq <= revokedBelow) {
                throw new TokenRejected("Access token has been revoked; sign in again.");
            }
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw new TokenRejected("Access token validation failure.");
        }
        Set<String> roles = new LinkedHashSet<>();
        c.path("roles").forEach(r -> roles.add(r.asText()));
        return new AccessToken(c.path("appid").asText(), tenantId, aud, Set.copyOf(roles),
                Instant.ofEpochSecond(c.path("exp").asLong()));
    }

    // ------------------------------------------------------------------------------------------ documents

    private ObjectNode openidConfiguration(String base, boolean v2) {
        String t = base + "/" + tenantId;
        ObjectNode r = json.createObjectNode();
        r.put("token_endpoint", t + "/oauth2/" + (v2 ? "v2.0/" : "") + "token");
        r.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("private_key_jwt")
                .add("client_secret_basic");
        r.put("jwks_uri", t + "/discovery/" + (v2 ? "v2.0/" : "") + "keys");
        r.putArray("response_modes_supported").add("query").add("fragment").add("form_post");
        r.putArray("subject_types_supported").add("pairwise");
        r.putArray("id_token_signing_alg_values_supported").add("RS256");
        r.putArray("response_types_supported").add("code").add("id_token").add("code id_token").add("id_token token");
        r.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
        r.put("issuer", v2 ? t + "/v2.0" : t + "/");
        r.put("request_uri_parameter_supported", false);
        r.put("authorization_endpoint", t + "/oauth2/" + (v2 ? "v2.0/" : "") + "authorize");
        r.put("device_authorization_endpoint", t + "/oauth2/" + (v2 ? "v2.0/" : "") + "devicecode");
        r.put("end_session_endpoint", t + "/oauth2/" + (v2 ? "v2.0/" : "") + "logout");
        r.putArray("claims_supported").add("sub").add("iss").add("aud").add("exp").add("iat").add("tid").add("roles");
        r.put("tenant_region_scope", "NA").put("cloud_instance_name", "microsoftonline.com")
                .put("cloud_graph_host_name", "graph.windows.net").put("msgraph_host", "graph.microsoft.com");
        return r;
    }

    private ObjectNode instanceDiscovery(HttpExchange ex, String base) {
        String host = base.replaceFirst("^https?://", "");
        ObjectNode r = json.createObjectNode();
        r.put("tenant_discovery_endpoint", base + "/" + tenantId + "/v2.0/.well-known/openid-configuration");
        r.put("api-version", "1.1");
        ObjectNode meta = r.putArray("metadata").addObject();
        meta.put("preferred_network", host).put("preferred_cache", host);
        meta.putArray("aliases").add(host);
        return r;
    }

    private void oauthError(HttpExchange ex, int status, String error, int code, String text) throws IOException {
        String trace = UUID.randomUUID().toString();
        String corr = UUID.randomUUID().toString();
        String ts = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().replace("T", " ")
                .replace("Z", "Z");
        ObjectNode b = json.createObjectNode();
        b.put("error", error);
        b.put("error_description", "AADSTS" + code + ": " + text + " Trace ID: " + trace + " Correlation ID: " + corr
                + " Timestamp: " + ts);
        b.putArray("error_codes").add(code);
        b.put("timestamp", ts).put("trace_id", trace).put("correlation_id", corr)
                .put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        send(ex, status, b);
    }

    private void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] b = json.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    /** The login paths, for documentation and the sandbox command's banner. */
    public static List<String> paths() {
        return List.of("/{tenant}/oauth2/v2.0/token", "/{tenant}/v2.0/.well-known/openid-configuration",
                "/{tenant}/discovery/v2.0/keys");
    }
}
