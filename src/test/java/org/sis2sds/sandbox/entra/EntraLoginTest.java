package org.sis2sds.sandbox.entra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sis2sds.sandbox.sds.SdsSandbox;
import org.sis2sds.sandbox.sds.SdsSandboxOptions;

/** The sandbox's Entra ID as a client sees it: discovery, keys, RS256 JWTs, AADSTS errors. */
class EntraLoginTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    SdsSandbox sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> token(String tenant, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/" + tenant + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static final String GOOD = "grant_type=client_credentials&client_id=sandbox&client_secret=sandbox-secret"
            + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default";

    @Test
    void discoveryKeysAndASignedTokenWithTheClaimsGraphReads() throws Exception {
        sandbox = new SdsSandbox(SdsSandboxOptions.defaults().port(0).tokenLifetime(Duration.ofMinutes(10))).start();
        String tid = sandbox.login().tenantId();
        JsonNode oidc = JSON.readTree(get("/sandbox/v2.0/.well-known/openid-configuration").body());
        assertThat(oidc.path("issuer").asText()).isEqualTo(sandbox.baseUrl() + "/" + tid + "/v2.0");
        assertThat(oidc.path("token_endpoint").asText()).isEqualTo(sandbox.baseUrl() + "/" + tid + "/oauth2/v2.0/token");
        JsonNode jwks = JSON.readTree(get(URI.create(oidc.path("jwks_uri").asText()).getPath()).body());
        JsonNode key = jwks.path("keys").get(0);
        assertThat(key.path("kty").asText()).isEqualTo("RSA");

        HttpResponse<String> t = token("sandbox.onmicrosoft.com", GOOD);
        assertThat(t.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(t.body());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(600);
        String[] jwt = body.path("access_token").asText().split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(header.path("kid").asText()).isEqualTo(key.path("kid").asText());
        PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText())),
                new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()))));
        Signature v = Signature.getInstance("SHA256withRSA");
        v.initVerify(pub);
        v.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(v.verify(Base64.getUrlDecoder().decode(jwt[2]))).as("signature verifies with the JWKS key").isTrue();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(claims.path("aud").asText()).isEqualTo("https://graph.microsoft.com");
        assertThat(claims.path("iss").asText()).isEqualTo(oidc.path("issuer").asText());
        assertThat(claims.path("tid").asText()).isEqualTo(tid);
        assertThat(claims.path("appid").asText()).isEqualTo("sandbox");
        assertThat(claims.path("roles").toString()).contains("EduAdministration.ReadWrite.All");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isBetween(600L, 601L);
        assertThat(claims.path("nbf").asLong()).isEqualTo(claims.path("iat").asLong());
    }

    @Test
    void wrongSecretUnknownClientUnknownTenantAndBadScopeAnswerAsEntraDoes() throws Exception {
        sandbox = new SdsSandbox(SdsSandboxOptions.defaults().port(0)).start();
        HttpResponse<String> secret = token("sandbox", GOOD.replace("sandbox-secret", "wrong"));
        assertThat(secret.statusCode()).isEqualTo(401);
        JsonNode s = JSON.readTree(secret.body());
        assertThat(s.path("error").asText()).isEqualTo("invalid_client");
        assertThat(s.path("error_description").asText()).startsWith("AADSTS7000215:");
        assertThat(s.path("error_codes").get(0).asInt()).isEqualTo(7000215);
        assertThat(secret.body()).doesNotContain("wrong");

        HttpResponse<String> client = token("sandbox", GOOD.replace("client_id=sandbox", "client_id=nobody"));
        assertThat(client.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(client.body()).path("error_description").asText()).startsWith("AADSTS700016:");

        HttpResponse<String> tenant = token("contoso.onmicrosoft.com", GOOD);
        assertThat(tenant.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tenant.body()).path("error_description").asText()).startsWith("AADSTS90002:");
        assertThat(get("/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration").statusCode()).isEqualTo(400);

        HttpResponse<String> scope = token("sandbox", GOOD.replace("%2F.default", ""));
        assertThat(JSON.readTree(scope.body()).path("error").asText()).isEqualTo("invalid_scope");
        assertThat(token("sandbox", GOOD.replace("client_credentials", "password")).statusCode()).isEqualTo(400);
    }
}
