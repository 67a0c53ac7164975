package org.sis2sds.sandbox.sds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.sds.SdsTestBatches;

/** Every operation of the SDS sandbox over real HTTP, and its error answers. */
class SdsSandboxTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    SdsSandbox sandbox;
    String token;

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    SdsSandbox start(SdsSandboxOptions o) throws Exception {
        sandbox = new SdsSandbox(o.port(0)).start();
        token = tokenFor("sandbox", "sandbox-secret").path("access_token").asText();
        return sandbox;
    }

    record Resp(int status, JsonNode body, HttpResponse<String> raw) {
    }

    JsonNode tokenFor(String id, String secret) throws Exception {
        return form("/sandbox.onmicrosoft.com/oauth2/v2.0/token", "grant_type=client_credentials&client_id=" + id
                + "&client_secret=" + secret + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default").body;
    }

    Resp form(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Resp api(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path
                : sandbox.graphUrl() + "/education/synchronizationProfiles" + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(b);
    }

    Resp send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode n = r.body().isBlank() || !r.body().startsWith("{") ? JSON.createObjectNode() : JSON.readTree(r.body());
        return new Resp(r.statusCode(), n, r);
    }

    String createProvisioned(String body) throws Exception {
        Resp c = api("POST", "", body, "Content-Type", "application/json");
        assertThat(c.status).isEqualTo(201);
        String id = c.body.path("id").asText();
        await().atMost(Duration.ofSeconds(5)).until(() -> api("GET", "/" + id, null).body.path("state").asText()
                .equals("provisioned"));
        return id;
    }

    String status(String id, boolean prefer) throws Exception {
        return prefer ? api("GET", "/" + id + "/profileStatus", null, "Prefer", "include-unknown-enum-members")
                .body.path("status").asText() : api("GET", "/" + id + "/profileStatus", null).body.path("status").asText();
    }

    void upload(String id, Path dir) throws Exception {
        String sas = api("GET", "/" + id + "/uploadUrl", null).body.path("value").asText();
        int q = sas.indexOf('?');
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sas.substring(0, q) + "/"
                        + f.getFileName() + sas.substring(q))).header("x-ms-blob-type", "BlockBlob")
                        .PUT(HttpRequest.BodyPublishers.ofFile(f)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(201);
            }
        }
    }

    @Test
    void tokenEndpointChecksClientCredentials() throws Exception {
        start(SdsSandboxOptions.defaults().fast());
        assertThat(token).isNotBlank();
        Resp bad = form("/sandbox/oauth2/v2.0/token", "grant_type=client_credentials&client_id=sandbox&client_secret=nope");
        assertThat(bad.status).isEqualTo(401);
        assertThat(bad.body.path("error").asText()).isEqualTo("invalid_client");
        assertThat(bad.raw.body()).doesNotContain("nope");
        assertThat(form("/sandbox/oauth2/v2.0/token", "grant_type=client_credentials&client_id=other&client_secret=x").status)
                .isEqualTo(400);
        assertThat(form("/sandbox/oauth2/v2.0/token", "grant_type=password&client_id=sandbox").status).isEqualTo(400);
        JsonNode ok = tokenFor("sandbox", "sandbox-secret");
        assertThat(ok.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(ok.path("expires_in").asLong()).isEqualTo(3600);
    }

    @Test
    void apiNeedsAValidUnexpiredBearerToken() throws Exception {
        start(SdsSandboxOptions.defaults().fast().tokenLifetime(Duration.ofMillis(300)));
        assertThat(api("GET", "", null).status).isEqualTo(200);
        String good = token;
        token = null;
        Resp none = api("GET", "", null);
        assertThat(none.status).isEqualTo(401);
        assertThat(none.body.path("error").path("code").asText()).isEqualTo("InvalidAuthenticationToken");
        token = "forged";
        assertThat(api("GET", "", null).status).isEqualTo(401);
        token = good;
        await().atMost(Duration.ofSeconds(3)).until(() -> api("GET", "", null).status == 401);
    }

    @Test
    void createFillsDefaultsThenProvisionsAndHidesSecrets() throws Exception {
        start(SdsSandboxOptions.defaults().fast());
        Resp c = api("POST", "", SdsTestBatches.CSV_PROFILE, "Content-Type", "application/json");
        assertThat(c.status).isEqualTo(201);
        String id = c.body.path("id").asText();
        assertThat(c.raw.headers().firstValue("Location")).hasValue(sandbox.graphUrl()
                + "/education/synchronizationProfiles/" + id);
        assertThat(c.body.path("state").asText()).isEqualTo("provisioning");
        JsonNode cust = c.body.path("dataProvider").path("customizations");
        assertThat(cust.path("teacher").path("optionalPropertiesToSync")).hasSize(7);
        assertThat(cust.path("studentEnrollment").path("optionalPropertiesToSync")).isEmpty();
        assertThat(cust.path("student").path("synchronizationStartDate").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(cust.path("student").path("isSyncDeferred").asBoolean(true)).isFalse();
        assertThat(c.body.path("licensesToAssign").get(0).path("@odata.type").asText())
                .isEqualTo("microsoft.graph.educationSynchronizationLicenseAssignment");
        await().atMost(Duration.ofSeconds(5)).until(() -> api("GET", "/" + id, null).body.path("state").asText()
                .equals("provisioned"));

        Resp ps = api("POST", "", SdsTestBatches.POWERSCHOOL_PROFILE, "Content-Type", "application/json");
        assertThat(ps.status).isEqualTo(201);
        assertThat(ps.body.path("dataProvider").path("@odata.type").asText())
                .isEqualTo("#microsoft.graph.educationPowerSchoolDataProvider");
        assertThat(ps.body.path("dataProvider").get("clientSecret").isNull()).isTrue();
        assertThat(ps.raw.body()).doesNotContain("ps-secret");
        assertThat(api("GET", "/" + ps.body.path("id").asText(), null).raw.body()).doesNotContain("ps-secret");
    }

    @Test
    void createRefusesBadBodiesAndCanAnswer202() throws Exception {
        start(SdsSandboxOptions.defaults().fast().createStatus(202));
        Resp wrongType = api("POST", "", SdsTestBatches.CSV_PROFILE.replace("#microsoft.graph.educationCsvDataProvider",
                "#Microsoft.Education.DataSync.educationCsvDataProvider"), "Content-Type", "application/json");
        assertThat(wrongType.status).isEqualTo(400);
        assertThat(wrongType.body.path("error").path("message").asText()).startsWith("Invalid OData type specified");
        assertThat(api("POST", "", "{\"displayName\":\"x\"}").status).isEqualTo(400);
        assertThat(api("POST", "", "not json").status).isEqualTo(400);
        assertThat(api("POST", "", SdsTestBatches.CSV_PROFILE).status).isEqualTo(202);
    }

    @Test
    void listPagesWithTopSkipAndCount() throws Exception {
        start(SdsSandboxOptions.defaults().fast());
        for (int i = 0; i < 3; i++) {
            api("POST", "", SdsTestBatches.CSV_PROFILE);
        }
        Resp page = api("GET", "?$top=2&$count=true", null);
        assertThat(page.body.path("@odata.count").asInt()).isEqualTo(3);
        assertThat(page.body.path("value")).hasSize(2);
        String next = page.body.path("@odata.nextLink").asText();
        assertThat(next).contains("$skip=2");
        Resp rest = api("GET", next, null);
        assertThat(rest.body.path("value")).hasSize(1);
        assertThat(rest.body.has("@odata.nextLink")).isFalse();
        assertThat(page.body.path("@odata.context").asText()).endsWith("$metadata#education/synchronizationProfiles");
    }

    @Test
    void updateReprovisionsAndDeleteRemoves() throws Exception {
        start(SdsSandboxOptions.defaults().fast());
        String id = createProvisioned(SdsTestBatches.CSV_PROFILE);
        Resp patch = api("PATCH", "/" + id, "{\"displayName\":\"Renamed\"}", "Content-Type", "application/json");
        assertThat(patch.status).isEqualTo(202);
        assertThat(patch.body.path("state").asText()).isEqualTo("provisioning");
        assertThat(patch.body.path("displayName").asText()).isEqualTo("Renamed");
        await().atMost(Duration.ofSeconds(5)).until(() -> api("GET", "/" + id, null).body.path("state").asText()
                .equals("provisioned"));
        Resp put = api("PUT", "/" + id, SdsTestBatches.CSV_PROFILE.replace("Test CSV profile", "Put"));
        assertThat(put.status).isEqualTo(202);
        assertThat(put.body.path("displayName").asText()).isEqualTo("Put");
        // the documented PUT on the collection, id in the body
        Resp coll = api("PUT", "", SdsTestBatches.CSV_PROFILE.replace("{\"displayName\"", "{\"id\":\"" + id
                + "\",\"displayName\"").replace("Test CSV profile", "Collection put"));
        assertThat(coll.status).isEqualTo(202);
        assertThat(api("GET", "/" + id, null).body.path("displayName").asText()).isEqualTo("Collection put");
        assertThat(api("PUT", "", SdsTestBatches.CSV_PROFILE).status).isEqualTo(400);

        Resp del = api("DELETE", "/" + id, null);
        assertThat(del.status).isEqualTo(202);
        Resp during = api("GET", "/" + id, null);
        assertThat(during.status == 404 || during.body.path("state").asText().equals("deleting")).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> api("GET", "/" + id, null).status == 404);
        Resp gone = api("GET", "/" + id, null);
        assertThat(gone.body.path("error").path("code").asText()).isEqualTo("itemNotFound");
        assertThat(api("POST", "/nope/start", null).status).isEqualTo(404);
        assertThat(api("GET", "/nope/errors", null).status).isEqualTo(404);
    }

    @Test
    void blobUploadNeedsBlockBlobHeaderAndAValidSignature() throws Exception {
        start(SdsSandboxOptions.defaults().fast().sasLifetime(Duration.ofSeconds(3)));
        String id = createProvisioned(SdsTestBatches.CSV_PROFILE);
        Resp u = api("GET", "/" + id + "/uploadUrl", null);
        assertThat(u.status).isEqualTo(200);
        assertThat(u.body.path("@odata.context").asText()).endsWith("$metadata#String");
        String sas = u.body.path("value").asText();
        assertThat(sas).startsWith(sandbox.storage().endpoint() + "/" + id + "?").contains("sv=2015-07-08").contains("sr=c").contains("sp=w")
                .contains("sig=").contains("se=");
        int q = sas.indexOf('?');
        URI blob = URI.create(sas.substring(0, q) + "/School.csv" + sas.substring(q));
        HttpResponse<String> noHeader = http.send(HttpRequest.newBuilder(blob)
                .PUT(HttpRequest.BodyPublishers.ofString("SIS ID,Name\r\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noHeader.statusCode()).isEqualTo(400);
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(blob.toString()
                .replaceAll("sig=[^&]+", "sig=AAAA"))).header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("AuthenticationFailed");
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(blob).header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofString("SIS ID,Name\r\nS1,A\r\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(sandbox.containerDir(id).resolve("School.csv")).hasContent("SIS ID,Name\r\nS1,A");
        await().atMost(Duration.ofSeconds(10)).until(() -> http.send(HttpRequest.newBuilder(blob)
                .header("x-ms-blob-type", "BlockBlob").PUT(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 403);
        Resp ps = api("POST", "", SdsTestBatches.POWERSCHOOL_PROFILE);
        assertThat(api("GET", "/" + ps.body.path("id").asText() + "/uploadUrl", null).status).isEqualTo(400);
    }

    @Test
    void startOfAValidBatchRunsToSuccessAndBlocksUploadsMeanwhile() throws Exception {
        start(SdsSandboxOptions.defaults().fast().syncDelay(Duration.ofMillis(600)));
        String id = createProvisioned(SdsTestBatches.CSV_PROFILE);
        assertThat(status(id, true)).isEqualTo("paused");
        upload(id, SdsTestBatches.valid(tmp.resolve("b"), 10));
        Resp s = api("POST", "/" + id + "/start", null);
        assertThat(s.status).isEqualTo(200);
        assertThat(s.body.path("value").isArray()).isTrue();
        assertThat(s.body.path("@odata.context").asText()).contains("Collection(microsoft.graph.verificationMessage)");
        assertThat(status(id, true)).isIn("extracting", "validating", "inProgress");
        assertThat(status(id, false)).isIn("unknownFutureValue", "inProgress");
        assertThat(api("POST", "/" + id + "/start", null).status).isEqualTo(409);
        await().atMost(Duration.ofSeconds(3)).until(() -> status(id, true).equals("inProgress"));
        Resp busy = api("GET", "/" + id + "/uploadUrl", null);
        assertThat(busy.status).isEqualTo(409);
        assertThat(busy.body.path("error").path("code").asText()).isEqualTo("Conflict");
        await().atMost(Duration.ofSeconds(5)).until(() -> status(id, true).equals("success"));
        JsonNode st = api("GET", "/" + id + "/profileStatus", null).body;
        assertThat(st.path("errorCount").asInt()).isZero();
        assertThat(st.path("lastSynchronizationDateTime").asText()).isNotBlank();
        assertThat(api("GET", "/" + id + "/uploadUrl", null).status).isEqualTo(200);
    }

    @Test
    void startWithErrorsAnswers400AndEndsInValidationError() throws Exception {
        start(SdsSandboxOptions.defaults().fast());
        String id = createProvisioned(SdsTestBatches.CSV_PROFILE);
        upload(id, SdsTestBatches.broken(tmp.resolve("b")));
        Resp s = api("POST", "/" + id + "/start", null);
        assertThat(s.status).isEqualTo(400);
        assertThat(s.body.path("value").toString()).contains("\"type\":\"Error\"")
                .contains("\"fileName\":\"studentenrollment.csv\"")
                .contains("2 row(s) have referenced data not found in source. Field - Section SIS ID");
        assertThat(status(id, true)).isEqualTo("validationError");
        sandbox.close();
        start(SdsSandboxOptions.defaults().fast().startErrorsAs200(true));
        String id2 = createProvisioned(SdsTestBatches.CSV_PROFILE);
        upload(id2, tmp.resolve("b"));
        Resp s2 = api("POST", "/" + id2 + "/start", null);
        assertThat(s2.status).isEqualTo(200);
        assertThat(s2.body.path("value").toString()).contains("Error");
    }

    @Test
    void startHonoursTheProfilesOptionalPropertiesForWarnings() throws Exception {
        start(SdsSandboxOptions.defaults().fast());
        String id = createProvisioned(SdsTestBatches.CSV_PROFILE); // student syncs First Name and Last Name
        Path b = SdsTestBatches.valid(tmp.resolve("b"), 4);
        try (org.sis2sds.batch.CsvWriter w = new org.sis2sds.batch.CsvWriter(b.resolve("Student.csv"),
                List.of("SIS ID", "School SIS ID", "Username", "First Name", "Last Name"))) {
            for (int i = 1; i <= 4; i++) {
                w.write("ST" + i, "S1", "student" + i, i <= 2 ? "" : "First", "Last");
            }
        }
        upload(id, b);
        Resp s = api("POST", "/" + id + "/start", null);
        assertThat(s.status).isEqualTo(200);
        assertThat(s.body.path("value").toString()).contains("\"type\":\"Warning\"")
                .contains("2 row(s) have missing data for the field - First Name");
        await().atMost(Duration.ofSeconds(5)).until(() -> status(id, true).equals("success"));
    }

    @Test
    void startWithoutFilesReportsThemMissing() throws Exception {
        start(SdsSandboxOptions.defaults().fast());
        String id = createProvisioned(SdsTestBatches.CSV_PROFILE);
        Resp s = api("POST", "/" + id + "/start", null);
        assertThat(s.status).isEqualTo(400);
        assertThat(s.body.path("value").toString()).contains("File not found - school.csv");
    }

    @Test
    void deferredValidationErrorsSurfaceAsValidationErrorWithErrors() throws Exception {
        start(SdsSandboxOptions.defaults().fast().deferValidationErrors(true));
        String id = createProvisioned(SdsTestBatches.CSV_PROFILE);
        upload(id, SdsTestBatches.broken(tmp.resolve("b")));
        Resp s = api("POST", "/" + id + "/start", null);
        assertThat(s.status).isEqualTo(200);
        assertThat(s.body.path("value").toString()).doesNotContain("\"Error\"");
        await().atMost(Duration.ofSeconds(5)).until(() -> status(id, true).equals("validationError"));
        JsonNode errs = api("GET", "/" + id + "/errors?$count=true", null).body;
        assertThat(errs.path("@odata.count").asInt()).isPositive();
        assertThat(errs.path("value").toString()).contains("referenced data not found");
    }

    @Test
    void syncErrorsPageFilterAndQuarantine() throws Exception {
        start(SdsSandboxOptions.defaults().fast().syncErrorRate(0.5).quarantineThreshold(1000));
        String id = createProvisioned(SdsTestBatches.CSV_PROFILE);
        upload(id, SdsTestBatches.valid(tmp.resolve("b"), 40));
        assertThat(api("POST", "/" + id + "/start", null).status).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> status(id, true).equals("error"));
        JsonNode first = api("GET", "/" + id + "/errors?$top=5&$count=true", null).body;
        int total = first.path("@odata.count").asInt();
        assertThat(total).isBetween(8, 32);
        assertThat(first.path("value")).hasSize(5);
        JsonNode e = first.path("value").get(0);
        assertThat(e.path("errorCode").asText()).isEqualTo("UnsynchronizableChange");
        assertThat(e.path("entryType").asText()).isEqualTo("Student");
        assertThat(e.path("joiningValue").asText()).endsWith("@students.example.edu");
        List<String> ids = new ArrayList<>();
        String next = sandbox.graphUrl() + "/education/synchronizationProfiles/" + id + "/errors?$top=7";
        while (next != null) {
            JsonNode page = api("GET", next, null).body;
            page.path("value").forEach(x -> ids.add(x.path("id").asText()));
            next = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }
        assertThat(ids).hasSize(total).doesNotHaveDuplicates();
        assertThat(api("GET", "/" + id + "/errors?$filter=entryType%20eq%20'Teacher'&$count=true", null)
                .body.path("@odata.count").asInt()).isZero();
        assertThat(api("GET", "/" + id + "/errors?$filter=errorCode%20eq%20'UnsynchronizableChange'&$count=true",
                null).body.path("@odata.count").asInt()).isEqualTo(total);
        assertThat(api("GET", "/" + id + "/profileStatus", null).body.path("errorCount").asInt()).isEqualTo(total);

        // reset clears the errors and runs again (same files, same deterministic errors)
        assertThat(api("POST", "/" + id + "/reset", null).status).isEqualTo(200);
        assertThat(api("GET", "/" + id + "/profileStatus", null).body.path("errorCount").asInt()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> status(id, true).equals("error"));
        sandbox.close();

        start(SdsSandboxOptions.defaults().fast().syncErrorRate(0.5).quarantineThreshold(3));
        String q = createProvisioned(SdsTestBatches.CSV_PROFILE);
        upload(q, tmp.resolve("b"));
        api("POST", "/" + q + "/start", null);
        await().atMost(Duration.ofSeconds(5)).until(() -> status(q, true).equals("quarantined"));
    }

    @Test
    void pauseAndResume() throws Exception {
        start(SdsSandboxOptions.defaults().fast().syncDelay(Duration.ofMillis(400)));
        String id = createProvisioned(SdsTestBatches.CSV_PROFILE);
        upload(id, SdsTestBatches.valid(tmp.resolve("b"), 3));
        api("POST", "/" + id + "/start", null);
        assertThat(api("POST", "/" + id + "/pause", null).status).isEqualTo(200);
        assertThat(status(id, true)).isEqualTo("paused");
        Thread.sleep(500);
        assertThat(status(id, true)).isEqualTo("paused");
        assertThat(api("POST", "/" + id + "/pause", null).status).isEqualTo(200);
        assertThat(api("POST", "/" + id + "/resume", null).status).isEqualTo(200);
        assertThat(status(id, true)).isEqualTo("inProgress");
        await().atMost(Duration.ofSeconds(5)).until(() -> status(id, true).equals("success"));
        assertThat(api("POST", "/" + id + "/resume", null).status).isEqualTo(200);
        assertThat(status(id, true)).isEqualTo("success");
        assertThat(api("GET", "/" + id + "/pause", null).status).isEqualTo(405);
    }

    @Test
    void powerSchoolProfilesSyncByThemselves() throws Exception {
        start(SdsSandboxOptions.defaults().fast());
        String id = createProvisioned(SdsTestBatches.POWERSCHOOL_PROFILE);
        await().atMost(Duration.ofSeconds(5)).until(() -> status(id, true).equals("success"));
        assertThat(api("POST", "/" + id + "/start", null).status).isEqualTo(400);
    }

    @Test
    void faultsAreDeterministicForASeed() throws Exception {
        List<Integer> first = faultSequence(7);
        List<Integer> second = faultSequence(7);
        assertThat(first).isEqualTo(second).contains(429, 503, 200);
    }

    private List<Integer> faultSequence(long seed) throws Exception {
        start(SdsSandboxOptions.defaults().fast().throttleRate(0.3).serverErrorRate(0.2).retryAfter(1).seed(seed));
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Resp r = api("GET", "", null);
            codes.add(r.status);
            if (r.status == 429) {
                assertThat(r.raw.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(r.body.path("error").path("code").asText()).isEqualTo("TooManyRequests");
            }
        }
        sandbox.close();
        sandbox = null;
        return codes;
    }
}
