package org.sis2sds.sandbox.industrydata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The industryData service's state machines without HTTP, on a clock the test moves: setup, upload sessions,
 * validation codes, runs and their triggers, quotas, statistics, snapshot deactivation, scopes and OData options.
 */
class IndustryDataServiceTest {
    @TempDir
    Path tmp;
    ServiceDriver d;

    @BeforeEach
    void start() {
        d = new ServiceDriver(tmp, IndustryDataOptions.defaults().validateDelay(Duration.ofSeconds(2))
                .readinessDelay(Duration.ofSeconds(2)).runDelay(Duration.ofSeconds(30))
                .runDuration(Duration.ofMinutes(1)).seed(7));
    }

    @Test
    void setup_answers_201_normalizes_times_and_becomes_ready() {
        String[] ids = d.setup(CsvFileSpec.V21, "2026-07-31T05:00:00+05:30");
        JsonNode flow = d.ok("GET", "/inboundFlows/" + ids[1], null);
        assertThat(flow.path("@odata.context").asText()).endsWith("/$metadata#external/industryData/inboundFlows/$entity");
        assertThat(flow.path("@odata.type").asText()).isEqualTo("#microsoft.graph.industryData.inboundFileFlow");
        assertThat(flow.path("effectiveDateTime").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(flow.path("expirationDateTime").asText()).isEqualTo("2026-07-30T23:30:00Z");
        assertThat(flow.path("readinessStatus").asText()).isEqualTo("notReady");
        assertThat(flow.has("_dataConnector")).isFalse();
        d.clock.move(Duration.ofSeconds(3));
        assertThat(d.ok("GET", "/inboundFlows/" + ids[1], null).path("readinessStatus").asText()).isEqualTo("ready");
        JsonNode expanded = d.ok("GET", "/inboundFlows/" + ids[1] + "?$expand=dataConnector", null);
        assertThat(expanded.path("dataConnector").path("id").asText()).isEqualTo(ids[0]);
        assertThat(d.ok("GET", "/inboundFlows('" + ids[1] + "')/year", null).path("year").path("code").asText())
                .isEqualTo("2025");
        assertThat(d.call("POST", "/inboundFlows", "{\"@odata.type\":\"#microsoft.graph.industryData."
                + "inboundFileFlow\",\"displayName\":\"x\",\"dataDomain\":\"educationRostering\","
                + "\"effectiveDateTime\":\"2026-01-01\"}").status()).isEqualTo(400);
        assertThat(d.call("POST", "/dataConnectors", "{\"displayName\":\"x\"}").json().path("error")
                .path("message").asText()).contains("abstract");
    }

    @Test
    void the_upload_session_stays_the_same_in_every_spelling_until_reset_or_validated() {
        String dc = d.setup(CsvFileSpec.V21, null)[0];
        String a = d.ok("GET", "/dataConnectors/" + dc + "/microsoft.graph.industryData.azureDataLakeConnector"
                + "/GetUploadSession", null).path("containerId").asText();
        String b = d.ok("GET", "/dataConnectors('" + dc + "')/microsoft.graph.industryData.azureDataLakeConnector"
                + "/microsoft.graph.industryData.getUploadSession()", null).path("containerId").asText();
        JsonNode c = d.ok("GET", "/dataConnectors/" + dc + "/getUploadSession", null);
        assertThat(b).isEqualTo(a);
        assertThat(c.path("containerId").asText()).isEqualTo(a);
        assertThat(c.path("sessionUrl").asText()).contains("/" + ServiceDriver.TENANT + "/" + dc + "/" + a + "?");
        String reset = d.ok("GET", "/dataConnectors/" + dc + "/getUploadSession(resetSession=true)", null)
                .path("containerId").asText();
        assertThat(reset).isNotEqualTo(a);
        d.validate(dc);
        assertThat(d.ok("GET", "/dataConnectors/" + dc + "/getUploadSession", null).path("containerId").asText())
                .isNotEqualTo(reset);
        d.clock.move(Duration.ofHours(15));
        assertThat(d.call("POST", "/dataConnectors/" + dc + "/validate", null).json().path("error").path("message")
                .asText()).contains("expired");
    }

    @Test
    void a_missing_required_file_is_an_error_of_a_succeeded_operation_and_gets_no_run() {
        String dc = d.setup(CsvFileSpec.V21, null)[0];
        Map<String, String> some = new LinkedHashMap<>(ServiceDriver.sample());
        some.keySet().retainAll(Set.of("users.csv", "roles.csv"));
        d.upload(dc, some);
        JsonNode op = d.validate(dc);
        assertThat(op.path("@odata.type").asText()).isEqualTo("#microsoft.graph.industryData.fileValidateOperation");
        assertThat(op.path("status").asText()).isEqualTo("succeeded");
        assertThat(op.path("errors")).hasSize(1);
        assertThat(op.path("errors").get(0).path("code").asText()).isEqualTo("RequiredFileNotFound");
        assertThat(op.path("errors").get(0).path("target").asText()).isEqualTo("orgs.csv");
        assertThat(op.path("errors").get(0).path("message").asText())
                .isEqualTo("When trying to validate required file orgs.csv encountered RequiredFileNotFound error.");
        assertThat(op.path("warnings")).extracting(w -> w.path("target").asText())
                .containsExactly("classes.csv", "enrollments.csv");
        assertThat(op.path("validatedFiles")).isEmpty();
        d.clock.move(Duration.ofMinutes(5));
        assertThat(d.service.runIds()).isEmpty();
    }

    @Test
    void header_problems_are_errors_with_the_rule_names() {
        String dc = d.setup(CsvFileSpec.V21, null)[0];
        Map<String, String> files = new LinkedHashMap<>(ServiceDriver.sample());
        files.put("orgs.csv", "SourcedId,name,type,name\r\n1,A,school,A\r\n");
        files.remove("enrollments.csv");
        d.upload(dc, files);
        JsonNode op = d.validate(dc);
        assertThat(op.path("errors")).extracting(e -> e.path("code").asText() + " " + e.path("target").asText())
                .containsExactly("DuplicateColumnInHeader orgs.csv", "HeaderNotPresent orgs.csv",
                        "RequiredFileNotFound enrollments.csv");
        assertThat(op.path("errors").get(1).path("message").asText()).startsWith("sourcedId not found in orgs.csv.");
    }

    @Test
    void the_sample_set_validates_runs_and_counts_as_the_research_says() {
        String[] ids = d.setup(CsvFileSpec.V21, null);
        d.clock.move(Duration.ofSeconds(5));
        d.upload(ids[0], ServiceDriver.sample());
        JsonNode op = d.validate(ids[0]);
        assertThat(op.path("errors")).isEmpty();
        assertThat(op.path("validatedFiles")).hasSize(10);
        assertThat(d.service.runIds()).isEmpty();
        d.clock.move(Duration.ofSeconds(30));
        JsonNode runs = d.ok("GET", "/runs", null);
        assertThat(runs.path("value")).hasSize(1);
        JsonNode run = runs.path("value").get(0);
        assertThat(run.path("status").asText()).isEqualTo("running");
        assertThat(run.path("endDateTime").isNull()).isTrue();
        String runId = run.path("id").asText();
        d.clock.move(Duration.ofMinutes(1));
        assertThat(d.ok("GET", "/runs/" + runId, null).path("status").asText()).isEqualTo("completed");
        JsonNode stats = d.ok("GET", "/runs/" + runId + "/microsoft.graph.industryData.getStatistics()", null);
        JsonNode t = stats.path("inboundTotals");
        assertThat(List.of(t.path("organizations").asInt(), t.path("people").asInt(), t.path("groups").asInt(),
                t.path("memberships").asInt(), t.path("errors").asInt(), t.path("warnings").asInt()))
                .containsExactly(4, 8, 2, 6, 0, 0);
        assertThat(stats.path("activityStatistics").get(0).path("@odata.type").asText())
                .isEqualTo("#microsoft.graph.industryData.inboundActivityResults");
        assertThat(d.ok("GET", "/runs/" + runId + "/getStatistics", null)).isEqualTo(stats);
        assertThat(d.ok("GET", "/runs/microsoft.graph.industryData.getStatistics()", null).path("runId").asText())
                .isEqualTo(runId);
        JsonNode acts = d.ok("GET", "/runs/" + runId + "/activities", null).path("value");
        assertThat(acts.get(0).path("status").asText()).isEqualTo("completed");
        assertThat(d.ok("GET", "/runs/" + runId + "/activities/" + acts.get(0).path("id").asText() + "/activity",
                null).path("id").asText()).isEqualTo(ids[1]);
    }

    @Test
    void a_later_snapshot_without_a_record_or_a_file_marks_them_inactive() {
        String[] ids = d.setup(CsvFileSpec.V21, null);
        d.clock.move(Duration.ofSeconds(5));
        runWith(ids[0], ServiceDriver.sample());
        Map<String, String> fewer = new LinkedHashMap<>(ServiceDriver.sample());
        fewer.put("users.csv", fewer.get("users.csv").replaceAll("(?m)^114005,.*\\r?\\n", ""));
        fewer.remove("demographics.csv");
        JsonNode people = runWith(ids[0], fewer).path("activityStatistics").get(0).path("people");
        assertThat(List.of(people.path("active").asInt(), people.path("inactive").asInt(), people.path("total").asInt()))
                .containsExactly(7, 1, 8);
        assertThat(d.service.recordStates(ids[1]).get("demographics.csv")).containsExactly(0, 6);
    }

    @Test
    void record_errors_and_warnings_decide_the_run_status() {
        String[] ids = d.setup(CsvFileSpec.V21, null);
        d.clock.move(Duration.ofSeconds(5));
        Map<String, String> files = new LinkedHashMap<>(ServiceDriver.sample());
        files.put("roles.csv", files.get("roles.csv").replace("114001,110003,student,SY2021K12,10,",
                "114001,110003,Student,SY2021K12,1,").replace("114003,110003,student,SY2021K12,10,",
                "114003,110003,student,SY2021K12,6x,"));
        JsonNode stats = runWith(ids[0], files);
        assertThat(stats.path("status").asText()).isEqualTo("completedWithWarnings");
        assertThat(stats.path("inboundTotals").path("warnings").asInt()).isEqualTo(1);
        files.put("roles.csv", files.get("roles.csv").replace("114004,110003,student,", "114004,110003,wizard,"));
        stats = runWith(ids[0], files);
        assertThat(stats.path("status").asText()).isEqualTo("completedWithErrors");
        assertThat(stats.path("inboundTotals").path("errors").asInt()).isEqualTo(1);
        d.ok("POST", "/referenceDefinitions", "{\"referenceType\":\"RefRole\",\"code\":\"wizard\","
                + "\"displayName\":\"Wizard\",\"sortIndex\":999,\"isDisabled\":false}");
        assertThat(runWith(ids[0], files).path("inboundTotals").path("errors").asInt()).isZero();
    }

    @Test
    void on_demand_starts_have_a_quota_with_retry_after_and_skip_the_next_scheduled_run() {
        d.setup(CsvFileSpec.V21, null);
        for (int i = 0; i < 5; i++) {
            assertThat(d.call("POST", "/runs/microsoft.graph.industryData.start", null).status()).isEqualTo(202);
            d.clock.move(Duration.ofMinutes(2));
        }
        ServiceDriver.Answer refused = d.call("POST", "/runs/start", null);
        assertThat(refused.status()).isEqualTo(429);
        long retry = Long.parseLong(refused.headers().get("Retry-After"));
        assertThat(retry).isBetween(Duration.ofHours(12).minusMinutes(11).toSeconds(), Duration.ofHours(12).toSeconds());
        assertThat(d.service.runIds()).hasSize(5);
        d.clock.move(Duration.ofSeconds(retry));
        assertThat(d.call("POST", "/runs/start", null).status()).isEqualTo(202);
        d.clock.move(Duration.ofHours(13));
        assertThat(d.service.runIds()).as("the scheduled run due within 10 h of a start is skipped").hasSize(6);
        d.clock.move(Duration.ofHours(4));
        assertThat(d.service.runIds()).as("the one after it runs").hasSize(7);
    }

    @Test
    void uploads_get_at_most_six_runs_a_day_and_the_schedule_runs_every_interval() {
        String[] ids = d.setup(CsvFileSpec.V21, null);
        for (int i = 0; i < 7; i++) {
            d.upload(ids[0], ServiceDriver.sample());
            d.validate(ids[0]);
            d.clock.move(Duration.ofMinutes(2));
        }
        assertThat(d.service.runIds()).hasSize(6);
        d.clock.move(Duration.ofHours(12));
        assertThat(d.service.runIds()).hasSize(7);
    }

    @Test
    void a_flow_past_its_expiration_is_expired_and_its_activity_skipped() {
        String[] ids = d.setup(CsvFileSpec.V21, "2026-03-02T09:00:00Z");
        d.clock.move(Duration.ofSeconds(5));
        d.upload(ids[0], ServiceDriver.sample());
        d.validate(ids[0]);
        d.clock.move(Duration.ofHours(1));
        assertThat(d.ok("GET", "/inboundFlows/" + ids[1], null).path("readinessStatus").asText()).isEqualTo("expired");
        d.ok("POST", "/runs/start", null);
        d.clock.move(Duration.ofMinutes(2));
        JsonNode latest = d.ok("GET", "/runs?$orderby=startDateTime desc&$top=1", null).path("value").get(0);
        JsonNode act = d.ok("GET", "/runs/" + latest.path("id").asText() + "/activities", null).path("value").get(0);
        assertThat(act.path("status").asText()).isEqualTo("skipped");
    }

    @Test
    void a_token_without_the_permission_gets_403_naming_it() {
        d.roles = Set.of("IndustryData-Run.Read.All");
        ServiceDriver.Answer a = d.call("POST", "/runs/start", null);
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.code()).isEqualTo("Authorization_RequestDenied");
        assertThat(a.json().path("error").path("message").asText()).contains("IndustryData-Run.Start");
        assertThat(d.call("GET", "/runs", null).status()).isEqualTo(200);
    }

    @Test
    void lists_page_filter_order_and_count() {
        for (int i = 0; i < 5; i++) {
            d.ok("POST", "/sourceSystems", "{\"displayName\":\"S" + i + "\",\"vendor\":\"" + (i % 2) + "\"}");
        }
        d = new ServiceDriver(tmp.resolve("b"), IndustryDataOptions.defaults().pageSize(2));
        for (int i = 0; i < 5; i++) {
            d.ok("POST", "/sourceSystems", "{\"displayName\":\"S" + i + "\",\"vendor\":\"" + (i % 2) + "\"}");
        }
        List<String> names = new ArrayList<>();
        String next = "/sourceSystems?$orderby=displayName desc&$count=true";
        while (next != null) {
            JsonNode page = d.ok("GET", next, null);
            assertThat(page.path("@odata.count").asInt()).isEqualTo(5);
            page.path("value").forEach(v -> names.add(v.path("displayName").asText()));
            String link = page.path("@odata.nextLink").asText(null);
            next = link == null ? null : link.substring(link.indexOf("/sourceSystems"));
        }
        assertThat(names).containsExactly("S4", "S3", "S2", "S1", "S0");
        assertThat(d.call("GET", "/sourceSystems/$count?$filter=vendor eq '1'", null).text()).isEqualTo("2");
        assertThat(d.ok("GET", "/sourceSystems?$filter=vendor eq '0' and displayName ne 'S0'&$top=1", null)
                .path("value")).extracting(v -> v.path("displayName").asText()).containsExactly("S2");
        assertThat(d.call("GET", "/sourceSystems?$filter=startswith(displayName,'S')", null).status()).isEqualTo(400);
    }

    @Test
    void a_v1_connector_wants_the_six_v1_files_and_counts_them() throws Exception {
        String[] ids = d.setup(CsvFileSpec.V1, null);
        d.clock.move(Duration.ofSeconds(5));
        Path v1 = tmp.resolve("v1");
        org.sis2sds.batch.DistrictGenerator.Counts n = org.sis2sds.batch.DistrictGenerator.write(v1, 40, 3);
        Map<String, String> files = new LinkedHashMap<>();
        try (var list = java.nio.file.Files.list(v1)) {
            for (Path f : list.toList()) {
                files.put(f.getFileName().toString(), java.nio.file.Files.readString(f));
            }
        }
        Map<String, String> five = new LinkedHashMap<>(files);
        five.remove("TeacherRoster.csv");
        d.upload(ids[0], five);
        assertThat(d.validate(ids[0]).path("errors")).extracting(e -> e.path("target").asText())
                .containsExactly("TeacherRoster.csv");
        JsonNode t = runWith(ids[0], files).path("inboundTotals");
        assertThat(List.of(t.path("organizations").asLong(), t.path("people").asLong(), t.path("groups").asLong(),
                t.path("memberships").asLong())).containsExactly(n.schools(), n.students() + n.teachers(),
                n.sections(), n.studentEnrollments() + n.teacherRosters());
    }

    /** One upload, validation and run of these files; returns the run's statistics. */
    private JsonNode runWith(String connectorId, Map<String, String> files) {
        d.upload(connectorId, files);
        assertThat(d.validate(connectorId).path("errors")).isEmpty();
        d.clock.move(Duration.ofSeconds(30));
        d.clock.move(Duration.ofMinutes(1).plusSeconds(1));
        List<String> runs = d.service.runIds();
        return d.ok("GET", "/runs/" + runs.get(runs.size() - 1) + "/getStatistics", null);
    }
}
