package org.sis2sds.industrydata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sis2sds flow <verb>} against the small fake: setup is idempotent (a second run finds all four resources),
 * list/get/runs/stats/delete, an upload that validates and waits for its run, a missing required file (exit 1 with
 * SDS's code), an expired flow (exit 1 naming flow setup), and usage errors (exit 2).
 */
class FlowCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    FakeIndustryData fake;

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        fake = new FakeIndustryData();
        System.setProperty("sis2sds.sds.industrydata.validate-poll-interval", "20ms");
        System.setProperty("sis2sds.sds.industrydata.run-poll-interval", "20ms");
        System.setProperty("sis2sds.sds.retry.base-delay", "5ms");
    }

    @AfterEach
    void stop() {
        fake.close();
        System.clearProperty("sis2sds.sds.industrydata.validate-poll-interval");
        System.clearProperty("sis2sds.sds.industrydata.run-poll-interval");
        System.clearProperty("sis2sds.sds.retry.base-delay");
    }

    Run run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "flow";
        System.arraycopy(args, 0, all, 1, args.length);
        org.sis2sds.support.CliRun r = org.sis2sds.support.CliRun.of(all, "--sandbox="
                + fake.base().substring(fake.base().lastIndexOf(':') + 1));
        return new Run(r.code(), r.out(), r.err());
    }

    Path v21(boolean withOrgs) throws Exception {
        Path d = Files.createDirectories(tmp.resolve("batch" + System.nanoTime()));
        if (withOrgs) {
            Files.writeString(d.resolve("orgs.csv"), "sourcedId,name,type\n1,School,school\n");
        }
        Files.writeString(d.resolve("users.csv"), "sourcedId,username\n10,a@x.org\n11,b@x.org\n");
        Files.writeString(d.resolve("roles.csv"), "userSourcedId,orgSourcedId,role\n10,1,student\n11,1,teacher\n");
        return d;
    }

    @Test
    void setupIsIdempotentAndPrintsTheIds() throws Exception {
        Run a = run("setup", "--name", "Contoso", "--year-start", "2026-08-01", "--year-end", "2027-07-31", "--json");
        assertThat(a.code).as(a.err).isZero();
        JsonNode first = JSON.readTree(a.out);
        assertThat(first.path("readinessStatus").asText()).isEqualTo("ready");
        assertThat(first.path("created").path("inboundFlow").asBoolean()).isTrue();
        Run b = run("setup", "--name", "Contoso", "--year-start", "2026-08-01", "--year-end", "2027-07-31", "--json");
        JsonNode second = JSON.readTree(b.out);
        assertThat(second.path("inboundFlowId").asText()).isEqualTo(first.path("inboundFlowId").asText());
        assertThat(second.path("created").toString()).doesNotContain("true");
        assertThat(fake.entities.get("inboundFlows")).hasSize(1);
        assertThat(fake.entities.get("sourceSystems")).hasSize(1);
        JsonNode conn = fake.entities.get("dataConnectors").values().iterator().next();
        assertThat(conn.path("fileFormat").path("code").asText()).isEqualTo("schoolDataSyncV2Rev1");
        JsonNode ss = fake.entities.get("sourceSystems").values().iterator().next();
        assertThat(ss.path("userMatchingSettings").get(1).path("roleGroup@odata.bind").asText()).endsWith("/roleGroups/students");

        Run text = run("setup", "--name", "Contoso", "--year-start", "2026-08-01", "--year-end", "2027-07-31");
        assertThat(text.out).contains("SIS2SDS_SDS_INDUSTRYDATA_FLOW_ID=" + first.path("inboundFlowId").asText())
                .contains("(found)");
        Run v1 = run("setup", "--name", "Contoso", "--year-start", "2026-08-01", "--year-end", "2027-07-31",
                "--format", "v1", "--match-source", "email", "--json");
        assertThat(v1.code).as(v1.err).isZero();
        assertThat(fake.entities.get("inboundFlows")).hasSize(2);

        String id = first.path("inboundFlowId").asText();
        assertThat(run("list").out).contains(id).contains("Contoso 2026-2027 (v2.1)");
        assertThat(run("get", id).out).contains("readiness:      ready");
        assertThat(run("delete", id).code).isZero();
        assertThat(run("get", id).code).isEqualTo(1);
    }

    @Test
    void uploadValidatesAndWaitsForTheRun() throws Exception {
        String flow = fake.seedFlow("Flow", Instant.now().plus(Duration.ofDays(60)), "schoolDataSyncV2Rev1");
        Run up = run("upload", v21(true).toString(), "--flow", flow, "--wait");
        assertThat(up.code).as(up.err + up.out).isZero();
        assertThat(up.out).contains("SDS validated the upload").contains("completed").contains("people");
        Run runs = run("runs");
        assertThat(runs.out).contains("completed");
        String runId = fake.runs.keySet().iterator().next();
        assertThat(JSON.readTree(run("stats", runId, "--json").out).path("inboundTotals").path("people").asInt())
                .isEqualTo(2);
    }

    @Test
    void aMissingRequiredFileExitsOneWithSdsCode() throws Exception {
        String flow = fake.seedFlow("Flow", Instant.now().plus(Duration.ofDays(60)), "schoolDataSyncV2Rev1");
        Run up = run("upload", v21(false).toString(), "--flow", flow);
        assertThat(up.code).isEqualTo(1);
        assertThat(up.err).contains("RequiredFileNotFound orgs.csv");
        assertThat(up.out).contains("Error  orgs.csv");
    }

    @Test
    void anExpiredFlowNamesTheFix() throws Exception {
        String flow = fake.seedFlow("Old", Instant.now().minus(Duration.ofDays(1)), "schoolDataSyncV2Rev1");
        Run up = run("upload", v21(true).toString(), "--flow", flow);
        assertThat(up.code).isEqualTo(1);
        assertThat(up.err).contains("expired").contains("flow setup");
        assertThat(fake.sessionsIssued).hasValue(0);
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("setup", "--name", "X", "--year-start", "2026-13-01", "--year-end", "2027-07-31").code)
                .isEqualTo(2);
        assertThat(run("setup", "--name", "X", "--year-start", "2027-08-01", "--year-end", "2026-07-31").code)
                .isEqualTo(2);
        assertThat(run("setup", "--name", "X", "--year-start", "2026-08-01", "--year-end", "2027-07-31",
                "--match-target", "phone").code).isEqualTo(2);
        assertThat(run("upload", tmp.resolve("nope").toString()).code).isEqualTo(2);
        assertThat(run("bogus").code).isEqualTo(2);
    }
}
