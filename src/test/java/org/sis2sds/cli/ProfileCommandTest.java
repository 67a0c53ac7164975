package org.sis2sds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.sandbox.sds.SdsSandbox;
import org.sis2sds.sandbox.sds.SdsSandboxOptions;
import org.sis2sds.sds.SdsTestBatches;
import org.sis2sds.support.TestPaths;

/** {@code sis2sds profile <verb>} against the SDS sandbox: every verb, the seed flows, exit codes 0/1/2. */
class ProfileCommandTest {
    static SdsSandbox sandbox;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        sandbox = new SdsSandbox(SdsSandboxOptions.defaults().fast().port(0)).start();
        System.setProperty("sis2sds.sds.poll-interval", "40ms");
        System.setProperty("sis2sds.sds.retry.base-delay", "20ms");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        System.clearProperty("sis2sds.sds.poll-interval");
        System.clearProperty("sis2sds.sds.retry.base-delay");
        ProfileCommand.env = System::getenv;
    }

    Run run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "profile";
        System.arraycopy(args, 0, all, 1, args.length);
        // --sandbox=PORT goes after the verb
        org.sis2sds.support.CliRun r = org.sis2sds.support.CliRun.of(all, args.length > 0 ? "--sandbox="
                + sandbox.port() : null);
        return new Run(r.code(), r.out(), r.err());
    }

    String example(String name) {
        return TestPaths.home().resolve("config/examples").resolve(name).toString();
    }

    String createCsv() throws Exception {
        Run c = run("create", example("sds-csv-profile.json"), "--wait", "--json");
        assertThat(c.code).as(c.err).isZero();
        assertThat(JSON.readTree(c.out).path("state").asText()).isEqualTo("provisioned");
        return JSON.readTree(c.out).path("id").asText();
    }

    @Test
    void seedFlowCreateUploadStartWaitSucceeds() throws Exception {
        Run c = run("create", example("sds-csv-profile.json"), "--wait");
        assertThat(c.code).isZero();
        assertThat(c.out).matches("(?s)Created profile [0-9a-f-]{36} \\(provisioned\\)\\.\\s*");
        String id = c.out.substring("Created profile ".length(), "Created profile ".length() + 36);

        Run up = run("upload", id, SdsTestBatches.valid(tmp.resolve("b"), 10).toString(), "--start", "--wait");
        assertThat(up.code).as(up.err).isZero();
        assertThat(up.out).contains("Uploaded").contains("Started profile " + id)
                .contains("finished with status success (0 error(s))");

        Run list = run("list");
        assertThat(list.code).isZero();
        assertThat(list.out).contains("ID").contains(id).contains("provisioned").contains("CSV");
        assertThat(JSON.readTree(run("list", "--json").out).path("value").toString()).contains(id);

        Run get = run("get", id);
        assertThat(get.out).contains("state:     provisioned").contains("student -> students.example.edu");

        Run st = run("status", id, "--json");
        assertThat(JSON.readTree(st.out).path("status").asText()).isEqualTo("success");
        assertThat(run("status", id).out).contains("status:               success");
    }

    @Test
    void aRefusedStartExitsOneWithSdsMessages() throws Exception {
        String id = createCsv();
        Run up = run("upload", id, SdsTestBatches.broken(tmp.resolve("b")).toString(), "--start");
        assertThat(up.code).isEqualTo(1);
        assertThat(up.out).contains("Error  studentenrollment.csv  2 row(s) have referenced data not found in source. "
                + "Field - Section SIS ID");
        assertThat(up.err.strip()).isEqualTo("sis2sds: SDS refused to start profile " + id + ": the uploaded files "
                + "have 1 error(s); fix them and upload again.");
        Run start = run("start", id, "--json");
        assertThat(start.code).isEqualTo(1);
        assertThat(JSON.readTree(start.out).path("value").get(0).path("type").asText()).isEqualTo("Error");
        assertThat(run("status", id).out).contains("validationError");
    }

    @Test
    void everyOtherVerb() throws Exception {
        String id = createCsv();
        assertThat(run("upload", id, SdsTestBatches.valid(tmp.resolve("b"), 5).toString()).code).isZero();
        assertThat(run("start", id, "--wait").out).contains("finished with status success");
        assertThat(run("pause", id).out).contains("Paused profile " + id);
        assertThat(run("resume", id).out).contains("Resumed profile " + id);
        Run reset = run("reset", id);
        assertThat(reset.code).isZero();
        assertThat(reset.out).contains("errors cleared");
        assertThat(run("status", id, "--wait").code).isZero();
        Run errors = run("errors", id);
        assertThat(errors.code).isZero();
        assertThat(errors.out).startsWith("0 error(s).");
        assertThat(JSON.readTree(run("errors", id, "--json").out).path("@odata.count").asInt()).isZero();

        Path renamed = tmp.resolve("renamed.json");
        java.nio.file.Files.writeString(renamed, "{\"displayName\": \"Renamed\"}");
        Run upd = run("update", id, renamed.toString(), "--wait");
        assertThat(upd.code).as(upd.err).isZero();
        assertThat(upd.out).contains("Updated profile " + id + " (provisioned)");
        assertThat(run("get", id).out).contains("\"Renamed\"");

        Run del = run("delete", id, "--wait");
        assertThat(del.code).isZero();
        assertThat(del.out).contains("Deleted profile " + id);
        Run gone = run("get", id);
        assertThat(gone.code).isEqualTo(1);
        assertThat(gone.err.strip()).isEqualTo("sis2sds: SDS refused to read profile " + id + ": The synchronization "
                + "profile " + id + " was not found (itemNotFound, HTTP 404).");
    }

    @Test
    void syncErrorsAreListed() throws Exception {
        String id = createCsv();
        sandbox.options().syncErrorRate(0.5);
        try {
            Run up = run("upload", id, SdsTestBatches.valid(tmp.resolve("b"), 30).toString(), "--start", "--wait");
            assertThat(up.code).isZero();
            assertThat(up.out).contains("finished with status error");
            Run errors = run("errors", id, "--max", "3");
            assertThat(errors.out).contains("error(s), the first 3 shown").contains("Student  UnsynchronizableChange");
        } finally {
            sandbox.options().syncErrorRate(0);
        }
    }

    @Test
    void powerSchoolProfileWithSecretsFromTheEnvironmentSyncsByItself() throws Exception {
        ProfileCommand.env = Map.of("SIS2SDS_POWERSCHOOL_CLIENT_ID", "ps-id",
                "SIS2SDS_POWERSCHOOL_CLIENT_SECRET", "ps-\"secret")::get;
        Run c = run("create", example("sds-powerschool-profile.json"), "--wait", "--json");
        assertThat(c.code).as(c.err).isZero();
        assertThat(c.out).contains("\"clientId\" : \"ps-id\"").doesNotContain("ps-\\\"secret");
        String id = JSON.readTree(c.out).path("id").asText();
        Run st = run("status", id, "--wait");
        assertThat(st.code).isZero();
        assertThat(st.out).contains("finished with status success");
        ProfileCommand.env = Map.<String, String>of()::get;
        Run missing = run("create", example("sds-powerschool-profile.json"));
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err).contains("SIS2SDS_POWERSCHOOL_CLIENT_ID");
    }

    @Test
    void aBrokenProfileFileNeverShowsTheSecretPutIntoIt() throws Exception {
        ProfileCommand.env = Map.of("PS_SECRET", "psSecret42")::get;
        try {
            java.nio.file.Path f = java.nio.file.Files.writeString(tmp.resolve("broken.json"),
                    "{\"displayName\": \"x\", \"clientSecret\": ${PS_SECRET}}");
            Run r = run("create", f.toString());
            assertThat(r.code).isEqualTo(2);
            assertThat(r.err).contains("is not valid JSON").contains("'$'").doesNotContain("psSecret42");
        } finally {
            ProfileCommand.env = System::getenv;
        }
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run().code).isEqualTo(2);
        assertThat(run("get").code).isEqualTo(2);
        assertThat(run("frobnicate").code).isEqualTo(2);
        Run nofile = run("create", tmp.resolve("nope.json").toString());
        assertThat(nofile.code).isEqualTo(2);
        assertThat(nofile.err).contains("does not exist");
        Run nodir = run("upload", "x", tmp.resolve("nodir").toString());
        assertThat(nodir.code).isEqualTo(2);
    }
}
