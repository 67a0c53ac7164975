package org.sis2sds.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sis2sds.sync.SyncDaemonTestBase;
import org.sis2sds.sync.TestDb;

/**
 * The API takes the bearer token only from the request's own {@code Authorization} header: the same token in the
 * query string (which Camel would copy into a message header) is refused for reads and writes alike, credentials in
 * a URL are refused even beside a good header, the token is checked before the body is read, and no request header
 * comes back in an answer.
 */
class ApiCredentialsTest extends SyncDaemonTestBase {
    @Override
    protected TestDb db() {
        return TestDb.H2;
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body, String header)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1"
                        + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("X-Request-Marker", "marker-42");
        if (header != null) {
            b.header("Authorization", header);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String bearerQuery(String name) {
        return "?" + name + "=" + URLEncoder.encode("Bearer " + TOKEN, StandardCharsets.UTF_8);
    }

    @Test
    void aTokenInTheQueryStringIsRefusedForReadsAndWrites() throws Exception {
        start();
        HttpResponse<String> read = send("GET", "/syncs" + bearerQuery("Authorization"), null, null);
        assertThat(read.statusCode()).isEqualTo(401);
        assertThat(read.body()).contains("\"success\":false").contains("Credentials in the URL are refused")
                .doesNotContain(TOKEN);
        assertThat(read.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"sis2sds\"");

        assertThat(send("POST", "/syncs/ps-nightly/run" + bearerQuery("Authorization"), null, null).statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/syncs/ps-nightly/pause?access_token=" + TOKEN, null, null).statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/syncs" + bearerQuery("authorization"), "{\"sync\": {\"id\": \"sneaky\", "
                + "\"source_id\": \"ps\", \"destination_id\": \"sds\", \"model_id\": \"sds-v1\"}}", null).statusCode())
                .isEqualTo(401);
        assertThat(send("DELETE", "/syncs/csv-drop" + bearerQuery("Authorization"), null, null).statusCode())
                .isEqualTo(401);
        // beside a good header, credentials in the URL are still refused: they are in some proxy's log by now
        assertThat(send("PUT", "/syncs/ps-nightly" + bearerQuery("Authorization"),
                "{\"sync\": {\"cron_expression\": \"0 0 4 * * ?\"}}", "Bearer " + TOKEN).statusCode()).isEqualTo(401);

        // nothing happened
        assertThat(manager().store().listRuns("ps-nightly", null, 10, 0)).isEmpty();
        assertThat(manager().get("ps-nightly").paused).isFalse();
        assertThat(manager().get("ps-nightly").cronExpression).isEqualTo("0 0 2 * * ?");
        assertThat(manager().list()).extracting(s -> s.id).containsExactly("csv-drop", "ps-nightly");
    }

    @Test
    void theTokenIsCheckedBeforeTheBodyAndNoRequestHeaderIsEchoed() throws Exception {
        start();
        HttpResponse<String> garbage = send("POST", "/syncs", "not json", "Bearer wrong");
        assertThat(garbage.statusCode()).as("no token, no parsing").isEqualTo(401);
        assertThat(garbage.body()).contains("Authentication required");
        assertThat(send("GET", "/syncs", null, "Basic " + TOKEN).statusCode()).isEqualTo(401);

        HttpResponse<String> ok = send("GET", "/syncs/ps-nightly", null, "Bearer " + TOKEN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        assertThat(ok.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("Authorization")
                || h.equalsIgnoreCase("X-Request-Marker"));
        assertThat(ok.body()).doesNotContain(TOKEN).doesNotContain("marker-42");
        HttpResponse<String> refused = send("GET", "/syncs/nope", null, "Bearer " + TOKEN);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("Authorization")
                || h.equalsIgnoreCase("X-Request-Marker"));
    }
}
