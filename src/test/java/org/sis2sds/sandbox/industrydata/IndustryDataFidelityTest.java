package org.sis2sds.sandbox.industrydata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.beta.models.industrydata.AzureDataLakeConnector;
import com.microsoft.graph.beta.models.industrydata.InboundFileFlow;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ten fidelity checks of research industrydata.md §8.3, over HTTP against the SDS sandbox with industryData:
 * what an independent client can verify of the contract, call by call. Plus the 403 naming a missing permission and
 * the lost answer.
 */
class IndustryDataFidelityTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    SandboxFixture f;

    SandboxFixture fresh(IndustryDataOptions o) throws Exception {
        f = SandboxFixture.shared().fresh(o, 0, 1);
        return f;
    }

    static IndustryDataOptions fast() {
        return IndustryDataOptions.defaults().fast();
    }

    @Test
    void check01_the_create_chain_answers_201_with_guid_ids_and_normalized_times() throws Exception {
        fresh(fast());
        SandboxFixture.Answer ss = f.call("POST", "/sourceSystems", "{\"displayName\":\"Rostering source\","
                + "\"userMatchingSettings\":[{\"matchTarget\":{\"code\":\"userPrincipalName\"},\"priorityOrder\":0,"
                + "\"roleGroup@odata.bind\":\"https://graph.microsoft.com/beta/external/industryData/roleGroups/staff\","
                + "\"sourceIdentifier\":{\"code\":\"username\"}},{\"matchTarget\":{\"code\":\"userPrincipalName\"},"
                + "\"priorityOrder\":1,\"roleGroup@odata.bind\":\"https://graph.microsoft.com/beta/external/"
                + "industryData/roleGroups('students')\",\"sourceIdentifier\":{\"code\":\"username\"}}]}");
        assertCreated(ss, "sourceSystems");
        assertThat(ss.json().path("vendor").isNull()).isTrue();
        assertThat(ss.json().path("userMatchingSettings").get(1).has("roleGroup")).isFalse();
        SandboxFixture.Answer dc = f.call("POST", "/dataConnectors", "{\"@odata.type\":\"#microsoft.graph."
                + "industryData.azureDataLakeConnector\",\"displayName\":\"CSV connector\",\"sourceSystem@odata.bind\":"
                + "\"https://graph.microsoft.com/beta/external/industryData/sourceSystems('" + id(ss) + "')\"}");
        assertCreated(dc, "dataConnectors");
        SandboxFixture.Answer year = f.call("POST", "/years", "{\"displayName\":\"Fiscal Year 2022\",\"endDate\":"
                + "\"2023-06-15\",\"startDate\":\"2022-09-01\",\"year\":{\"code\":\"2022\"}}");
        assertCreated(year, "years");
        SandboxFixture.Answer flow = f.call("POST", "/inboundFlows", "{\"@odata.type\":\"#microsoft.graph."
                + "industryData.inboundFileFlow\",\"dataConnector@odata.bind\":\"https://graph.microsoft.com/beta/"
                + "external/industryData/dataConnectors/" + id(dc) + "\",\"dataDomain\":\"educationRostering\","
                + "\"displayName\":\"Inbound rostering flow\",\"effectiveDateTime\":\"2023-03-12T16:40:46.924769+05:30\","
                + "\"expirationDateTime\":\"2099-03-13T16:40:46.924769+05:30\",\"year@odata.bind\":\"https://graph."
                + "microsoft.com/beta/external/industryData/years/" + id(year) + "\"}");
        assertCreated(flow, "inboundFlows");
        assertThat(flow.json().path("effectiveDateTime").asText()).isEqualTo("2023-03-12T11:10:46.924769Z");
        assertThat(flow.json().path("expirationDateTime").asText()).isEqualTo("2099-03-13T11:10:46.924769Z");
        await().atMost(WAIT).until(() -> f.ok("GET", "/inboundFlows/" + id(flow), null).path("readinessStatus")
                .asText().equals("ready"));
    }

    @Test
    void check02_lists_are_polymorphic_and_the_sdk_makes_the_subtypes() throws Exception {
        fresh(fast());
        String[] ids = setup("check02", null);
        JsonNode dcs = f.ok("GET", "/dataConnectors", null);
        JsonNode flows = f.ok("GET", "/inboundFlows", null);
        assertThat(dcs.path("@odata.context").asText()).endsWith("$metadata#external/industryData/dataConnectors");
        assertThat(dcs.path("value")).allMatch(v -> v.path("@odata.type").asText()
                .equals("#microsoft.graph.industryData.azureDataLakeConnector"));
        assertThat(flows.path("value")).allMatch(v -> v.path("@odata.type").asText()
                .equals("#microsoft.graph.industryData.inboundFileFlow"));
        var g = f.graph.external().industryData();
        assertThat(g.dataConnectors().get().getValue()).hasSize(1).allMatch(c -> c instanceof AzureDataLakeConnector);
        assertThat(g.inboundFlows().get().getValue()).hasSize(1).allMatch(c -> c instanceof InboundFileFlow);
        assertThat(g.dataConnectors().count().get()).isEqualTo(1);
        assertThat(((AzureDataLakeConnector) g.dataConnectors().byIndustryDataConnectorId(ids[0]).get())
                .getFileFormat().getCode()).isEqualTo("schoolDataSyncV2Rev1");
    }

    @Test
    void check03_get_upload_session_answers_in_every_spelling_with_the_same_container() throws Exception {
        fresh(fast());
        String dc = setup("check03", null)[0];
        JsonNode docs = f.ok("GET", "/dataConnectors/" + dc
                + "/microsoft.graph.industryData.azureDataLakeConnector/GetUploadSession", null);
        JsonNode postman = f.ok("GET", "/dataConnectors('" + dc + "')/microsoft.graph.industryData."
                + "azureDataLakeConnector/microsoft.graph.industryData.getUploadSession()", null);
        JsonNode bare = f.ok("GET", "/dataConnectors/" + dc + "/getUploadSession", null);
        assertThat(List.of(postman.path("containerId").asText(), bare.path("containerId").asText()))
                .containsOnly(docs.path("containerId").asText());
        assertThat(docs.path("sessionUrl").asText()).isEqualTo(bare.path("sessionUrl").asText());
        String tenant = f.sandbox.login().tenantId();
        assertThat(URI.create(docs.path("sessionUrl").asText()).getPath()).isEqualTo("/"
                + f.sandbox.storage().accountName() + "/" + tenant + "/" + dc + "/" + docs.path("containerId").asText());
        assertThat(docs.path("sessionExpirationDateTime").asText()).isLessThan(docs.path("containerExpirationDateTime")
                .asText());
        JsonNode reset = f.ok("GET", "/dataConnectors/" + dc + "/microsoft.graph.industryData.getUploadSession("
                + "resetSession=true)", null);
        assertThat(reset.path("containerId").asText()).isNotEqualTo(docs.path("containerId").asText());
    }

    @Test
    void check04_files_go_through_the_sas_as_adf_and_postman_address_them() throws Exception {
        fresh(fast().sessionLifetime(Duration.ofSeconds(2)));
        String dc = setup("check04", null)[0];
        JsonNode s = f.ok("GET", "/dataConnectors/" + dc + "/getUploadSession", null);
        String url = s.path("sessionUrl").asText();
        String host = url.split("/")[2];
        String sas = url.split("\\?")[1];
        String file = "http://" + host + "/" + f.sandbox.login().tenantId() + "/" + dc + "/"
                + s.path("containerId").asText() + "/users.csv";
        byte[] body = "sourcedId,username\r\n1,a@b.c\r\n".getBytes();
        assertThat(adls("PUT", file + "?" + sas + "&resource=file", new byte[0])).isBetween(200, 299);
        assertThat(adls("PATCH", file + "?" + sas + "&position=0&action=append", body)).isBetween(200, 299);
        assertThat(adls("PATCH", file + "?" + sas + "&position=" + (body.length + 1) + "&action=flush", new byte[0]))
                .isBetween(400, 499);
        assertThat(adls("PATCH", file + "?" + sas + "&position=" + body.length + "&action=flush", new byte[0]))
                .isBetween(200, 299);
        assertThat(adls("PUT", file.replace("users", "roles") + "?resource=file", new byte[0])).isIn(401, 403);
        await().atMost(WAIT).until(() -> adls("PUT", file.replace("users", "orgs") + "?" + sas + "&resource=file",
                new byte[0]) == 403);
    }

    @Test
    void check05_validate_is_a_long_running_operation_with_a_location() throws Exception {
        fresh(fast().validateDelay(Duration.ofMillis(600)));
        String dc = setup("check05", null)[0];
        upload(dc, ServiceDriver.sample());
        SandboxFixture.Answer v = f.call("POST", "/dataConnectors/" + dc + "/validate()", null);
        assertThat(v.status()).isEqualTo(202);
        assertThat(v.raw().body()).isEmpty();
        String location = v.header("Location");
        assertThat(location).startsWith(f.base() + "/operations/");
        JsonNode first = f.ok("GET", location, null);
        assertThat(first.path("@odata.type").asText()).isEqualTo("#microsoft.graph.industryData.fileValidateOperation");
        assertThat(first.path("status").asText()).isIn("notStarted", "running");
        assertThat(first.path("resourceLocation").asText()).endsWith("/industryData/dataConnectors/" + dc);
        await().atMost(WAIT).until(() -> f.ok("GET", location, null).path("status").asText().equals("succeeded"));
        assertThat(f.ok("GET", "/operations", null).path("value")).hasSize(1);
    }

    @Test
    void check06_a_missing_required_file_is_an_error_of_a_succeeded_operation_and_gets_no_run() throws Exception {
        fresh(fast());
        String dc = setup("check06", null)[0];
        Map<String, String> two = new LinkedHashMap<>(ServiceDriver.sample());
        two.keySet().retainAll(Set.of("users.csv", "roles.csv"));
        upload(dc, two);
        JsonNode op = validate(dc);
        assertThat(op.path("status").asText()).isEqualTo("succeeded");
        assertThat(op.path("errors").get(0)).isEqualTo(SandboxFixture.JSON.readTree("{\"code\":\"RequiredFileNotFound\","
                + "\"details\":[],\"innerError\":null,\"message\":\"When trying to validate required file orgs.csv "
                + "encountered RequiredFileNotFound error.\",\"target\":\"orgs.csv\"}"));
        assertThat(op.path("warnings")).extracting(w -> w.path("code").asText() + " " + w.path("target").asText())
                .containsExactly("OptionalFileNotFound classes.csv", "OptionalFileNotFound enrollments.csv");
        await().during(Duration.ofMillis(400)).atMost(WAIT).until(() -> f.ok("GET", "/runs", null).path("value")
                .isEmpty());
    }

    @Test
    void check07_the_sample_set_is_validated_runs_and_counts_4_8_2_6() throws Exception {
        fresh(fast().runDuration(Duration.ofSeconds(1)));
        String dc = setup("check07", null)[0];
        upload(dc, ServiceDriver.sample());
        JsonNode op = validate(dc);
        assertThat(op.path("errors")).isEmpty();
        assertThat(op.path("validatedFiles")).hasSize(10);
        JsonNode running = await().atMost(WAIT).until(() -> f.ok("GET", "/runs", null).path("value"),
                v -> !v.isEmpty()).get(0);
        assertThat(running.path("status").asText()).isEqualTo("running");
        assertThat(running.path("endDateTime").isNull()).isTrue();
        String run = running.path("id").asText();
        await().atMost(WAIT).until(() -> f.ok("GET", "/runs/" + run, null).path("status").asText().equals("completed"));
        JsonNode t = f.ok("GET", "/runs/" + run + "/getStatistics", null).path("inboundTotals");
        assertThat(List.of(t.path("organizations").asInt(), t.path("people").asInt(), t.path("groups").asInt(),
                t.path("memberships").asInt())).containsExactly(4, 8, 2, 6);
    }

    @Test
    void check08_a_record_or_file_left_out_becomes_inactive() throws Exception {
        fresh(fast());
        String[] ids = setup("check08", null);
        runWith(ids[0], ServiceDriver.sample());
        Map<String, String> fewer = new LinkedHashMap<>(ServiceDriver.sample());
        fewer.put("users.csv", fewer.get("users.csv").replaceAll("(?m)^114005,.*\\r?\\n", ""));
        fewer.remove("demographics.csv");
        JsonNode people = runWith(ids[0], fewer).path("activityStatistics").get(0).path("people");
        assertThat(List.of(people.path("active").asInt(), people.path("inactive").asInt()))
                .containsExactly(7, 1);
        assertThat(f.industryData.service().recordStates(ids[1]).get("demographics.csv")).containsExactly(0, 6);
    }

    @Test
    void check09_record_errors_and_warnings_and_case_rules() throws Exception {
        fresh(fast());
        String dc = setup("check09", null)[0];
        Map<String, String> files = new LinkedHashMap<>(ServiceDriver.sample());
        String roles = files.get("roles.csv");
        files.put("roles.csv", roles.replace("114001,110003,student,SY2021K12,10,", "114001,110003,Student,SY2021K12,1,")
                .replace("114003,110003,student,SY2021K12,10,", "114003,110003,student,SY2021K12,6x,"));
        JsonNode warned = runWith(dc, files);
        assertThat(warned.path("status").asText()).isEqualTo("completedWithWarnings");
        assertThat(warned.path("inboundTotals").path("warnings").asInt()).isEqualTo(1);
        files.put("roles.csv", files.get("roles.csv").replace("114004,110003,student,", "114004,110003,wizard,"));
        JsonNode failed = runWith(dc, files);
        assertThat(failed.path("status").asText()).isEqualTo("completedWithErrors");
        assertThat(failed.path("inboundTotals").path("errors").asInt()).isGreaterThanOrEqualTo(1);
        files.put("orgs.csv", files.get("orgs.csv").replace("sourcedId,name", "SourcedId,name"));
        upload(dc, files);
        assertThat(validate(dc).path("errors")).extracting(e -> e.path("code").asText())
                .containsExactly("HeaderNotPresent");
    }

    @Test
    void check10_quotas_throttling_and_an_expired_flow() throws Exception {
        fresh(fast());
        for (int i = 0; i < 5; i++) {
            assertThat(f.call("POST", "/runs/start", null).status()).isEqualTo(202);
        }
        SandboxFixture.Answer refused = f.call("POST", "/runs/microsoft.graph.industryData.start", null);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).matches("[1-9][0-9]*");
        f.sandbox.options().throttleRate(1);
        SandboxFixture.Answer throttled = f.call("GET", "/years", null);
        f.sandbox.options().throttleRate(0);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("1");
        assertThat(throttled.json().path("error").path("innerError").path("request-id").asText())
                .isEqualTo(throttled.header("request-id"));
        assertThat(throttled.json().path("error").path("innerError").path("date").asText()).isNotBlank();

        fresh(fast().readinessDelay(Duration.ZERO));
        String[] ids = setup("check10", java.time.Instant.now().plusMillis(300).toString());
        upload(ids[0], ServiceDriver.sample());
        validate(ids[0]);
        await().atMost(WAIT).until(() -> f.ok("GET", "/inboundFlows/" + ids[1], null).path("readinessStatus").asText()
                .equals("expired"));
        f.ok("POST", "/runs/start", null);
        JsonNode run = await().atMost(WAIT).until(() -> f.ok("GET", "/runs?$orderby=startDateTime%20desc&$top=1", null)
                .path("value").get(0), r -> r != null && !r.path("status").asText().equals("running"));
        assertThat(f.ok("GET", "/runs/" + run.path("id").asText() + "/activities", null).path("value").get(0)
                .path("status").asText()).isEqualTo("skipped");
    }

    @Test
    void a_token_without_the_permission_gets_403_naming_it() throws Exception {
        fresh(fast());
        String lesser = f.tokenWithRoles(Set.of("IndustryData-Run.Read.All"));
        SandboxFixture.Answer a = f.callWith(lesser, "POST", "/runs/start", null);
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.json().path("error").path("code").asText()).isEqualTo("Authorization_RequestDenied");
        assertThat(a.json().path("error").path("message").asText()).contains("IndustryData-Run.Start");
        assertThat(f.callWith(lesser, "GET", "/runs", null).status()).isEqualTo(200);
    }

    @Test
    void a_lost_answer_leaves_the_validation_done_and_a_repeat_refused() throws Exception {
        fresh(fast());
        String dc = setup("lost", null)[0];
        upload(dc, ServiceDriver.sample());
        f.industryData.service().lostAnswers().loseNext("POST", "validate");
        assertThatThrownBy(() -> f.call("POST", "/dataConnectors/" + dc + "/validate", null))
                .isInstanceOf(IOException.class);
        JsonNode ops = f.ok("GET", "/operations", null).path("value");
        assertThat(ops).hasSize(1);
        assertThat(f.call("POST", "/dataConnectors/" + dc + "/validate", null).status()).isEqualTo(400);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static String id(SandboxFixture.Answer a) {
        return a.json().path("id").asText();
    }

    private void assertCreated(SandboxFixture.Answer a, String collection) {
        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        assertThat(id(a)).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(a.json().path("@odata.context").asText())
                .isEqualTo(f.sandbox.graphUrl() + "/$metadata#external/industryData/" + collection + "/$entity");
    }

    /** Source system, connector, year and ready file flow (research §2.1); {connectorId, flowId}. */
    private String[] setup(String name, String expiration) throws Exception {
        String b = f.base();
        String ss = f.ok("POST", "/sourceSystems", "{\"displayName\":\"" + name + "\"}").path("id").asText();
        String dc = f.ok("POST", "/dataConnectors", "{\"@odata.type\":\"#microsoft.graph.industryData."
                + "azureDataLakeConnector\",\"displayName\":\"" + name + "\",\"fileFormat\":{\"code\":"
                + "\"schoolDataSyncV2.1\"},\"sourceSystem@odata.bind\":\"" + b + "/sourceSystems/" + ss + "\"}")
                .path("id").asText();
        String yr = f.ok("POST", "/years", "{\"displayName\":\"" + name + "\",\"startDate\":\"2025-08-01\","
                + "\"endDate\":\"2026-07-31\",\"year\":{\"code\":\"2025\"}}").path("id").asText();
        String flow = f.ok("POST", "/inboundFlows", "{\"@odata.type\":\"#microsoft.graph.industryData.inboundFileFlow\","
                + "\"dataConnector@odata.bind\":\"" + b + "/dataConnectors/" + dc + "\",\"year@odata.bind\":\"" + b
                + "/years/" + yr + "\",\"dataDomain\":\"educationRostering\",\"displayName\":\"" + name + "\","
                + "\"effectiveDateTime\":\"2025-08-01\"" + (expiration == null ? ""
                : ",\"expirationDateTime\":\"" + expiration + "\"") + "}").path("id").asText();
        await().atMost(WAIT).until(() -> !f.ok("GET", "/inboundFlows/" + flow, null).path("readinessStatus").asText()
                .equals("notReady"));
        return new String[] {dc, flow};
    }

    /** getUploadSession, then each file created, appended and flushed through the session's SAS. */
    private void upload(String dc, Map<String, String> files) throws Exception {
        String url = f.ok("GET", "/dataConnectors/" + dc + "/getUploadSession", null).path("sessionUrl").asText();
        String[] parts = url.split("\\?", 2);
        for (Map.Entry<String, String> file : files.entrySet()) {
            byte[] b = file.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String at = parts[0] + "/" + file.getKey() + "?" + parts[1];
            assertThat(adls("PUT", at + "&resource=file", new byte[0])).isEqualTo(201);
            assertThat(adls("PATCH", at + "&action=append&position=0", b)).isEqualTo(202);
            assertThat(adls("PATCH", at + "&action=flush&position=" + b.length, new byte[0])).isEqualTo(200);
        }
    }

    private JsonNode validate(String dc) throws Exception {
        SandboxFixture.Answer v = f.call("POST", "/dataConnectors/" + dc + "/validate", null);
        assertThat(v.status()).as(v.raw().body()).isEqualTo(202);
        String location = v.header("Location");
        return await().atMost(WAIT).until(() -> f.ok("GET", location, null),
                op -> op.path("status").asText().equals("succeeded"));
    }

    /** One upload and validation, then the run it brings; that run's statistics once it is over. */
    private JsonNode runWith(String dc, Map<String, String> files) throws Exception {
        int before = Integer.parseInt(f.call("GET", "/runs/$count", null).raw().body().trim());
        upload(dc, files);
        assertThat(validate(dc).path("errors")).isEmpty();
        JsonNode run = await().atMost(WAIT).until(() -> f.ok("GET", "/runs?$orderby=startDateTime%20desc&$count=true",
                null), r -> r.path("@odata.count").asInt() > before
                && !r.path("value").get(0).path("status").asText().equals("running")).path("value").get(0);
        return f.ok("GET", "/runs/" + run.path("id").asText() + "/getStatistics", null);
    }

    private int adls(String method, String url, byte[] body) throws Exception {
        HttpResponse<Void> r = f.http.send(HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.discarding());
        return r.statusCode();
    }
}
