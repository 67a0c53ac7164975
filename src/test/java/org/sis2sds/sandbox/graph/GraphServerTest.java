package org.sis2sds.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sis2sds.sandbox.sds.SdsSandbox;
import org.sis2sds.sandbox.sds.SdsSandboxOptions;

/**
 * The common Graph layer: services registered under a path, OData path spellings folded, bearer checks (401 with
 * WWW-Authenticate, expiry mid-run), roles (403 naming the permission), request-id headers, OData error bodies.
 */
class GraphServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    SdsSandbox sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    String token() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                + "/sandbox/oauth2/v2.0/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=sandbox"
                        + "&client_secret=sandbox-secret&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("client-request-id", "my-call-1");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRegisteredServiceSeesFoldedSegmentsAndFunctionParameters() throws Exception {
        sandbox = new SdsSandbox(SdsSandboxOptions.defaults().port(0)).start();
        sandbox.register("/beta/external/industryData", req -> {
            StringBuilder b = new StringBuilder();
            req.segments().forEach(s -> b.append(s.name()).append(s.params()).append('|'));
            req.requireAny("IndustryData.ReadWrite.All");
            return GraphResponse.ok(JSON.createObjectNode().put("segments", b.toString()));
        });
        String t = token();
        String[] forms = {
            "/beta/external/industryData/dataConnectors('c1')/microsoft.graph.industryData.azureDataLakeConnector"
                    + "/microsoft.graph.industryData.getUploadSession()",
            "/beta/external/industryData/dataConnectors/c1/azureDataLakeConnector/getUploadSession",
        };
        for (String f : forms) {
            HttpResponse<String> r = get(f, t);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).path("segments").asText())
                    .isEqualTo("dataConnectors{}|c1{}|azureDataLakeConnector{}|getUploadSession{}|");
            assertThat(r.headers().firstValue("request-id")).isPresent();
            assertThat(r.headers().firstValue("client-request-id")).hasValue("my-call-1");
        }
        HttpResponse<String> withParam = get("/beta/external/industryData/dataConnectors('c1')/"
                + "microsoft.graph.industryData.getUploadSession(resetSession=true)", t);
        assertThat(JSON.readTree(withParam.body()).path("segments").asText())
                .isEqualTo("dataConnectors{}|c1{}|getUploadSession{resetSession=true}|");

        HttpResponse<String> unknown = get("/beta/nothing/here", t);
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode err = JSON.readTree(unknown.body()).path("error");
        assertThat(err.path("code").asText()).isEqualTo("UnknownResource");
        assertThat(err.path("innerError").path("request-id").asText()).isNotBlank();
        assertThat(err.path("innerError").path("client-request-id").asText()).isEqualTo("my-call-1");
        assertThat(err.path("innerError").path("date").asText()).endsWith("Z");

        // one permission taken away: 403 naming it, for tokens issued from then on
        sandbox.login().roles("sandbox", Set.of("EduAdministration.ReadWrite.All"));
        HttpResponse<String> denied = get(forms[1], token());
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("Authorization_RequestDenied").contains("IndustryData.ReadWrite.All");
    }

    @Test
    void missingForgedAndExpiredTokensGet401WithWwwAuthenticate() throws Exception {
        sandbox = new SdsSandbox(SdsSandboxOptions.defaults().port(0).tokenLifetime(Duration.ofMillis(500))).start();
        String path = "/beta/education/synchronizationProfiles()";
        String t = token();
        assertThat(get(path, t).statusCode()).isEqualTo(200);
        for (String bad : new String[] {null, "forged", t.substring(0, t.length() - 4) + "AAAA"}) {
            HttpResponse<String> r = get(path, bad);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("Bearer").contains("authorization_uri="));
            assertThat(JSON.readTree(r.body()).path("error").path("code").asText())
                    .isEqualTo("InvalidAuthenticationToken");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> get(path, t).statusCode() == 401);
        assertThat(get(path, t).body()).contains("expired");
        sandbox.revokeTokens();
        sandbox.login().tokenLifetime(Duration.ofMinutes(5));
        HttpResponse<String> fresh = get(path, token());
        assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);
    }
}
