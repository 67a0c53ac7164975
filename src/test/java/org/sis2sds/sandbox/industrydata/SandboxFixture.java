package org.sis2sds.sandbox.industrydata;

import com.azure.storage.file.datalake.DataLakeDirectoryClient;
import com.azure.storage.file.datalake.DataLakePathClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.sis2sds.sandbox.sds.SdsSandbox;
import org.sis2sds.sandbox.sds.SdsSandboxOptions;

/**
 * The SDS sandbox with industryData attached, on free ports, a token from its login, Microsoft's Graph client, a
 * Data Lake directory client for a session URL, and plain HTTP for the answers the SDK hides.
 */
final class SandboxFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final SdsSandbox sandbox;
    final IndustryDataGraph industryData;
    final HttpClient http = HttpClient.newHttpClient();
    final String token;
    final GraphServiceClient graph;

    private static SandboxFixture shared;

    /**
     * One sandbox for every industryData test class of the run (starting one costs seconds: keys, servers, the
     * SDKs' first calls); each test starts from an empty service with {@link IndustryDataGraph#reset} and sets the
     * faults it wants. Closed when the test JVM exits.
     */
    static synchronized SandboxFixture shared() throws Exception {
        if (shared == null) {
            shared = new SandboxFixture(SdsSandboxOptions.defaults(), IndustryDataOptions.defaults());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A fresh service with these options and these Graph faults (429 share, whole-second Retry-After). */
    SandboxFixture fresh(IndustryDataOptions options, double throttleRate, int retryAfter) {
        industryData.reset(options);
        sandbox.options().throttleRate(throttleRate).serverErrorRate(0).retryAfter(retryAfter).seed(3);
        return this;
    }

    SandboxFixture(SdsSandboxOptions sds, IndustryDataOptions options) throws Exception {
        sandbox = new SdsSandbox(sds.port(0));
        industryData = IndustryDataGraph.attach(sandbox, options);
        sandbox.start();
        token = token("sandbox", "sandbox-secret");
        AccessTokenProvider tokens = new AccessTokenProvider() {
            @Override
            public String getAuthorizationToken(URI uri, Map<String, Object> context) {
                return token;
            }

            @Override
            public AllowedHostsValidator getAllowedHostsValidator() {
                return new AllowedHostsValidator("127.0.0.1");
            }
        };
        graph = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens));
        graph.getRequestAdapter().setBaseUrl(sandbox.graphUrl());
    }

    /** {@code http://127.0.0.1:PORT/beta/external/industryData}. */
    String base() {
        return sandbox.graphUrl() + "/external/industryData";
    }

    /** A token of a second app registration that has only these application permissions. */
    String tokenWithRoles(java.util.Set<String> roles) throws Exception {
        String id = "lesser-" + Integer.toHexString(roles.hashCode());
        sandbox.login().client(id, "lesser-secret", roles);
        return token(id, "lesser-secret");
    }

    private String token(String clientId, String secret) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/"
                        + sandbox.clientSettings().get("sis2sds.sds.tenant") + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=" + secret + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    /** One plain HTTP answer: status, headers, body. */
    record Answer(int status, HttpResponse<String> raw, JsonNode json) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** A Graph call with the token; {@code path} is under {@link #base()} or a full URL. */
    Answer call(String method, String path, String body) throws Exception {
        return callWith(token, method, path, body);
    }

    Answer callWith(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode j = r.body().isEmpty() || !r.headers().firstValue("Content-Type").orElse("").contains("json")
                ? null : JSON.readTree(r.body());
        return new Answer(r.statusCode(), r, j);
    }

    JsonNode ok(String method, String path, String body) throws Exception {
        Answer a = call(method, path, body);
        if (a.status >= 300) {
            throw new AssertionError(method + " " + path + " → " + a.status + " " + a.raw.body());
        }
        return a.json;
    }

    /** The Azure SDK's Data Lake directory client for a session URL (endpoint and SAS split at '?'). */
    static DataLakeDirectoryClient directory(String sessionUrl) {
        String[] parts = sessionUrl.split("\\?", 2);
        return new DataLakePathClientBuilder().endpoint(parts[0]).sasToken(parts[1]).buildDirectoryClient();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
