package org.sis2sds.sandbox.powerschool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sis2sds.support.TestPaths;

/** The sandbox's endpoints: OAuth, paging, counts, expansions, q, the JSON quirks and the faults. */
class PowerSchoolSandboxTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    PowerSchoolSandbox sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    PowerSchoolSandbox start(PowerSchoolSandbox.Options o) throws IOException {
        sandbox = new PowerSchoolSandbox(o.port(TestPaths.freePort()).startYear(2025)).start();
        return sandbox;
    }

    HttpResponse<String> token(String id, String secret, String path, String body) throws Exception {
        String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String accessToken() throws Exception {
        return JSON.readTree(token("sandbox", "sandbox-secret", "/oauth/access_token", "grant_type=client_credentials")
                .body()).get("access_token").asText();
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String path, String token) throws Exception {
        HttpResponse<String> r = get(path, token);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void oauthReusesOneTokenUntilItExpires() throws Exception {
        start(new PowerSchoolSandbox.Options().students(50).tokenLifetime(Duration.ofMillis(1500)));
        HttpResponse<String> r = token("sandbox", "sandbox-secret", "/oauth/access_token", "grant_type=client_credentials");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode t = JSON.readTree(r.body());
        assertThat(t.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(t.get("expires_in").isTextual()).isTrue(); // a JSON string of seconds
        assertThat(t.get("access_token").asText()).matches("[0-9a-f-]{36}");
        // the trailing-slash form, grant_type in the query: the same token
        JsonNode again = JSON.readTree(token("sandbox", "sandbox-secret",
                "/oauth/access_token/?grant_type=client_credentials", "").body());
        assertThat(again.get("access_token").asText()).isEqualTo(t.get("access_token").asText());
        assertThat(get("/ws/v1/district", t.get("access_token").asText()).statusCode()).isEqualTo(200);
        // bad credentials
        HttpResponse<String> bad = token("sandbox", "nope", "/oauth/access_token", "grant_type=client_credentials");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(bad.body()).get("error").asText()).isEqualTo("invalid_client");
        // expiry: 401 with WWW-Authenticate, then a new token
        Thread.sleep(1600);
        HttpResponse<String> expired = get("/ws/v1/district", t.get("access_token").asText());
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate").orElse("")).contains("error=\"invalid_token\"");
        assertThat(accessToken()).isNotEqualTo(t.get("access_token").asText());
        assertThat(get("/ws/v1/district", null).statusCode()).isEqualTo(401);
        assertThat(get("/ws/v1/time", null).statusCode()).isEqualTo(200);
    }

    @Test
    void pagingCountsAndTheMaximumPageSize() throws Exception {
        start(new PowerSchoolSandbox.Options().students(1000).maxPageSize(50).maxPageSize("course", 10));
        String tok = accessToken();
        JsonNode md = getJson("/ws/v1/metadata", null).get("metadata");
        assertThat(md.get("student_max_page_size").asInt()).isEqualTo(50);
        assertThat(md.get("course_max_page_size").asInt()).isEqualTo(10);
        assertThat(getJson("/ws/v1/district/school/count", tok).at("/resource/count").asInt()).isEqualTo(2);
        long count = getJson("/ws/v1/school/101/student/count", tok).at("/resource/count").asLong();
        assertThat(count).isEqualTo(500);
        Set<String> ids = new HashSet<>();
        for (int p = 1; p <= 10; p++) {
            // pagesize above the maximum is clamped
            JsonNode page = getJson("/ws/v1/school/101/student?page=" + p + "&pagesize=500", tok);
            assertThat(page.at("/students/student").size()).isEqualTo(50);
            page.at("/students/student").forEach(s -> ids.add(s.get("id").asText()));
        }
        // past the end
        assertThat(ids).hasSize(500);
        assertThat(getJson("/ws/v1/school/101/student?page=11&pagesize=50", tok).get("students").has("student"))
                .isFalse();
        // the 400 mode
        sandbox.close();
        start(new PowerSchoolSandbox.Options().students(100).maxPageSize(50)
                .overMax(PowerSchoolSandbox.OverMax.ERROR));
        HttpResponse<String> r = get("/ws/v1/school/101/student?pagesize=51", accessToken());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("maximum page size");
    }

    @Test
    void theJsonQuirks() throws Exception {
        start(new PowerSchoolSandbox.Options().students(100));
        String tok = accessToken();
        // one result: an object, not an array
        JsonNode one = getJson("/ws/v1/school/101/student?q=id==1000000&expansions=contact_info", tok);
        assertThat(one.at("/students/student").isObject()).isTrue();
        // none: the wrapper without the item key
        JsonNode none = getJson("/ws/v1/school/101/student?q=id==1", tok);
        assertThat(none.get("students").isObject()).isTrue();
        assertThat(none.get("students").has("student")).isFalse();
        // numbers as JSON numbers, leading zeros as strings, absent fields omitted, "" expansions
        JsonNode page = getJson("/ws/v1/school/101/student?expansions=school_enrollment,contact_info,demographics",
                tok).at("/students/student");
        JsonNode s0 = page.get(0);
        assertThat(s0.get("local_id").isNumber()).isTrue();
        assertThat(s0.at("/school_enrollment/grade_level").isNumber()).isTrue();
        assertThat(s0.has("state_province_id")).isFalse(); // student 0: no state id
        assertThat(page.get(1).get("state_province_id").isTextual()).isTrue(); // "0000000020"
        assertThat(page.get(1).get("state_province_id").asText()).startsWith("0");
        assertThat(page.get(3).get("contact_info").asText()).isEmpty(); // an empty expansion
        assertThat(page.get(4).get("student_username").isNumber()).isTrue();
        assertThat(s0.has("demographics")).isTrue();
        assertThat(getJson("/ws/v1/school/101/student", tok).at("/students/student/0").has("demographics")).isFalse();
        // staff: plural "staffs", school affiliations as object or array
        JsonNode staff = getJson("/ws/v1/school/102/staff?expansions=emails,school_affiliations", tok);
        assertThat(staff.has("staffs")).isTrue();
        List<String> kinds = new ArrayList<>();
        staff.at("/staffs/staff").forEach(st -> kinds.add(st.at("/school_affiliations/school_affiliation")
                .getNodeType().name()));
        assertThat(kinds).contains("OBJECT");
        assertThat(getJson("/ws/v1/school/101/staff?expansions=school_affiliations", tok)
                .at("/staffs/staff/0/school_affiliations/school_affiliation").isArray()).isTrue();
        assertThat(getJson("/ws/v1/district/school", tok).at("/schools/school/0/state_province_id").isTextual())
                .isTrue();
    }

    @Test
    void queriesAndCounts() throws Exception {
        start(new PowerSchoolSandbox.Options().students(600));
        String tok = accessToken();
        District d = sandbox.district();
        long active = 0;
        for (int j = 0; j < d.studentCount(0); j++) {
            active += d.active(d.globalStudentIndex(0, j)) ? 1 : 0;
        }
        assertThat(getJson("/ws/v1/school/101/student/count?q=school_enrollment.enroll_status==A", tok)
                .at("/resource/count").asLong()).isEqualTo(active);
        assertThat(getJson("/ws/v1/school/101/student/count?q=school_enrollment.enroll_status==(a,t,p,i)", tok)
                .at("/resource/count").asLong()).isEqualTo(d.studentCount(0));
        assertThat(getJson("/ws/v1/school/101/student/count?q=school_enrollment.enroll_status_code=gt=-2147483648",
                tok).at("/resource/count").asLong()).isEqualTo(d.studentCount(0));
        assertThat(getJson("/ws/v1/school/101/section/count?q=term.start_year==2025", tok).at("/resource/count")
                .asLong()).isEqualTo(d.sectionCount(0));
        assertThat(getJson("/ws/v1/school/101/section/count?q=term.start_year=lt=2025", tok).at("/resource/count")
                .asLong()).isEqualTo(District.PREVIOUS_YEAR_SECTIONS);
        assertThat(getJson("/ws/v1/school/101/term/count?q=start_year==2025;portion==2", tok).at("/resource/count")
                .asLong()).isEqualTo(2);
        assertThat(getJson("/ws/v1/school/101/student/count?q=name.last_name==*", tok).at("/resource/count")
                .asLong()).isEqualTo(d.studentCount(0));
        assertThat(get("/ws/v1/school/101/student?q=bogus", tok).statusCode()).isEqualTo(400);
        // section enrollments: consistent with the students' schedules
        long sec = District.sectionId(0, 0);
        JsonNode enr = getJson("/ws/v1/section/" + sec + "/section_enrollment", tok);
        assertThat(enr.at("/section_enrollments/section_enrollment").size()).isPositive();
        assertThat(enr.at("/section_enrollments/section_enrollment/0/dropped").isBoolean()).isTrue();
        assertThat(getJson("/ws/v1/district/student/count", tok).at("/resource/count").asInt()).isEqualTo(600);
        assertThat(get("/ws/v1/school/999/student", tok).statusCode()).isEqualTo(404);
        // single resources
        String eid = enr.at("/section_enrollments/section_enrollment/0/id").asText();
        assertThat(getJson("/ws/v1/section_enrollment/" + eid, tok).at("/section_enrollment/section_id").asLong())
                .isEqualTo(sec);
        assertThat(getJson("/ws/v1/staff/" + District.staffId(0, 0) + "?expansions=emails", tok).at("/staff/emails")
                .isMissingNode()).isFalse();
        assertThat(getJson("/ws/v1/course/" + District.courseId(0, 1), tok).at("/course/course_name").asText())
                .isEqualTo("Geometry");
        assertThat(getJson("/ws/v1/term/" + District.termId(0, 1), tok).at("/term/start_year").asInt())
                .isEqualTo(2025);
        assertThat(getJson("/ws/v1/section/" + sec + "?expansions=term", tok).at("/section/term/start_year").asInt())
                .isEqualTo(2025);
        assertThat(getJson("/ws/v1/student/" + District.studentId(3), tok).at("/student/local_id").asInt())
                .isEqualTo(500_003);
        assertThat(get("/ws/v1/staff/12", tok).statusCode()).isEqualTo(404);
    }

    @Test
    void faultsAreDeterministicForASeed() throws Exception {
        start(new PowerSchoolSandbox.Options().students(50).seed(9).rate429(0.3, "0.5").rate5xx(0.2).rateHtml(0.2));
        String tok = accessToken();
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> r = get("/ws/v1/district", tok);
            first.add(r.statusCode());
            if (r.statusCode() == 429) {
                assertThat(r.headers().firstValue("Retry-After")).contains("0.5");
            }
            if (r.statusCode() == 502 || (r.statusCode() == 503 && r.body().startsWith("<"))) {
                assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("text/html");
            }
        }
        assertThat(first).contains(200, 429, 502, 503, 500);
        sandbox.close();
        start(new PowerSchoolSandbox.Options().students(50).seed(9).rate429(0.3, "0.5").rate5xx(0.2).rateHtml(0.2));
        tok = accessToken();
        List<Integer> second = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            second.add(get("/ws/v1/district", tok).statusCode());
        }
        assertThat(second).isEqualTo(first);
    }

    @Test
    void outagesAndLatency() throws Exception {
        start(new PowerSchoolSandbox.Options().students(50).latency(Duration.ofMillis(30)));
        String tok = accessToken();
        long t0 = System.nanoTime();
        get("/ws/v1/district", tok);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(30);
        sandbox.outage(PowerSchoolSandbox.Outage.UNAVAILABLE);
        HttpResponse<String> r = get("/ws/v1/district", tok);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).startsWith("<html>");
        sandbox.outage(PowerSchoolSandbox.Outage.REFUSED);
        assertThatThrownBy(() -> get("/ws/v1/district", tok)).isInstanceOf(IOException.class);
        sandbox.outage(PowerSchoolSandbox.Outage.NONE);
        assertThat(get("/ws/v1/district", tok).statusCode()).isEqualTo(200);
    }

    @Test
    void aLargeDistrictIsCheap() throws Exception {
        start(new PowerSchoolSandbox.Options().students(100_000));
        District d = sandbox.district();
        assertThat(d.schoolCount()).isEqualTo(167);
        String tok = accessToken();
        int last = d.schoolCount() - 1;
        JsonNode page = getJson("/ws/v1/school/" + District.schoolId(last) + "/student?page=2&pagesize=100", tok);
        assertThat(page.at("/students/student").size()).isEqualTo(100);
    }

    @Test
    void optionsFromSettings() {
        PowerSchoolSandbox.Options o = PowerSchoolSandbox.Options.fromSettings(org.sis2sds.core.Settings.load(
                TestPaths.home(), java.util.Map.of("sis2sds.powerschool.sandbox.students", "300",
                        "sis2sds.powerschool.sandbox.latency", "20ms", "sis2sds.powerschool.sandbox.rate-429", "0.2",
                        "sis2sds.powerschool.sandbox.outage", "refused")));
        assertThat(o.port).isEqualTo(18081);
        assertThat(o.students).isEqualTo(300);
        assertThat(o.latency).isEqualTo(Duration.ofMillis(20));
        assertThat(o.rate429).isEqualTo(0.2);
        assertThat(o.outage).isEqualTo(PowerSchoolSandbox.Outage.REFUSED);
        assertThat(o.clientSecret).isEqualTo("sandbox-secret");
        assertThat(o.tokenLifetime).isEqualTo(Duration.ofDays(30));
    }
}
