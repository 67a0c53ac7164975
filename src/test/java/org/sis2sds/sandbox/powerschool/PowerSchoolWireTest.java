package org.sis2sds.sandbox.powerschool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sis2sds.support.TestPaths;

/** The PowerSchool sandbox's answers to Accept: application/xml, page=0 and a pagesize above the maximum. */
class PowerSchoolWireTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    PowerSchoolSandbox sandbox;
    String token;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    void start(PowerSchoolSandbox.Options o) throws Exception {
        sandbox = new PowerSchoolSandbox(o.port(TestPaths.freePort()).students(30).startYear(2025)).start();
        String basic = Base64.getEncoder().encodeToString("sandbox:sandbox-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> t = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/oauth/access_token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        token = JSON.readTree(t.body()).path("access_token").asText();
    }

    HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).header("Accept", accept)
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void xmlIsServedWhenAskedForAndRefusedWhenSoConfigured() throws Exception {
        start(new PowerSchoolSandbox.Options());
        HttpResponse<String> xml = get("/ws/v1/district/school?pagesize=2", "application/xml");
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/xml"));
        assertThat(xml.body()).startsWith("<?xml").contains("<schools").contains("<school>").contains("<id>")
                .contains("</schools>");
        assertThat(get("/ws/v1/district/school?pagesize=2", "application/json").body()).startsWith("{");
        sandbox.close();

        PowerSchoolSandbox.Options refuse = new PowerSchoolSandbox.Options();
        refuse.xml = PowerSchoolSandbox.Xml.REFUSE;
        start(refuse);
        assertThat(get("/ws/v1/district/school", "application/xml").statusCode()).isEqualTo(406);
    }

    @Test
    void pageZeroIsRefusedAndAPageSizeAboveTheMaximumClampsOrErrs() throws Exception {
        start(new PowerSchoolSandbox.Options().maxPageSize(5));
        HttpResponse<String> zero = get("/ws/v1/district/student?page=0&pagesize=5", "application/json");
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.body()).contains("numbered from 1");
        assertThat(JSON.readTree(get("/ws/v1/district/student?page=1&pagesize=50", "application/json").body())
                .path("students").path("student")).hasSize(5);
        sandbox.close();

        PowerSchoolSandbox.Options o = new PowerSchoolSandbox.Options().maxPageSize(5).overMax(
                PowerSchoolSandbox.OverMax.ERROR);
        o.pageZero = PowerSchoolSandbox.PageZero.FIRST;
        start(o);
        assertThat(get("/ws/v1/district/student?page=1&pagesize=50", "application/json").statusCode()).isEqualTo(400);
        assertThat(get("/ws/v1/district/student?page=0&pagesize=5", "application/json").statusCode()).isEqualTo(200);
    }
}
