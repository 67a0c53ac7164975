package org.sis2sds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sis2sds.sync.Run;
import org.sis2sds.sync.SyncDaemonTestBase;
import org.sis2sds.sync.TestDb;
import org.sis2sds.support.StdStreams;
import org.sis2sds.support.TestPaths;
import picocli.CommandLine;

/** The run and quarantine commands. */
class SyncCliTest extends SyncDaemonTestBase {
    private final List<String> props = new ArrayList<>();

    @RegisterExtension
    final StdStreams std = new StdStreams();

    @Override
    protected TestDb db() {
        return TestDb.H2;
    }

    @AfterEach
    void clearProps() {
        props.forEach(System::clearProperty);
    }

    private void prop(String k, String v) {
        System.setProperty(k, v);
        props.add(k);
    }

    /** Runs a command line; returns {exit code, stdout, stderr}. */
    private static String[] exec(String... args) {
        CommandLine cl = Sis2sds.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute(args);
        return new String[] {String.valueOf(rc), out.toString(), err.toString()};
    }

    @Test
    void runOncePrintsOneLinePerSyncAndFailsWhenOneIsHeld() throws Exception {
        StringWriter out = new StringWriter();
        int rc = RunCommand.runOnce(settings(Map.of()), null, new PrintWriter(out, true), this::installStubs);
        assertThat(rc).as(out.toString()).isZero();
        String[] lines = out.toString().strip().split("\\R");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("csv-drop").contains("succeeded").contains("No new batch");
        assertThat(lines[1]).startsWith("ps-nightly").contains("succeeded").contains("47 rows (47 added");
        assertThat(dropScans.get()).isEqualTo(1);

        students.set(10);
        out = new StringWriter();
        rc = RunCommand.runOnce(settings(Map.of()), "ps-nightly", new PrintWriter(out, true), this::installStubs);
        assertThat(rc).isEqualTo(1);
        assertThat(out.toString().strip()).startsWith("ps-nightly").contains("held")
                .contains("student would shrink from 20 to 10");
        assertThat(out.toString().strip().split("\\R")).hasSize(1);
    }

    @Test
    void runOnceRefusesAnUnknownSyncAndSyncWithoutOnce() throws Exception {
        prop("sis2sds.work-dir", work.resolve("data").toString());
        prop("sis2sds.syncs.file", syncsFile.toString());
        prop("camel.management.enabled", "false");
        String[] r = exec("run", "--once", "--sync", "nope");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("No sync with id 'nope'").contains("csv-drop");
        String[] u = exec("run", "--sync", "csv-drop");
        assertThat(u[0]).isEqualTo("2");
        assertThat(u[2]).contains("--sync needs --once");
    }

    @Test
    void aFailedRunIsOneLineOnStderrWithoutAStackTrace() {
        prop("sis2sds.work-dir", work.resolve("data").toString());
        prop("sis2sds.syncs.file", syncsFile.toString());
        prop("camel.management.enabled", "false");
        prop("sis2sds.powerschool.base-url", "http://127.0.0.1:" + TestPaths.freePort());
        prop("sis2sds.powerschool.client-id", "ps-client");
        prop("sis2sds.powerschool.client-secret", "ps-Secret-42");
        prop("sis2sds.powerschool.max-attempts", "1");
        String[] r = exec("run", "--once", "--sync", "ps-nightly");
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[1]).startsWith("ps-nightly").contains("failed").contains("PowerSchool could not be reached");
        assertThat(std.err()).contains("Run 1 of sync ps-nightly failed").doesNotContain("\tat ")
                .doesNotContain("ps-Secret-42");
    }

    @Test
    void quarantineCommandsThroughTheDaemonAndLocally() throws Exception {
        start();
        Run ok = awaitRun(manager().trigger("ps-nightly", "api", true).id);
        assertThat(ok.status).isEqualTo(Run.SUCCEEDED);
        students.set(10);
        Run held = awaitRun(manager().trigger("ps-nightly", "api", true).id);
        assertThat(held.status).isEqualTo(Run.HELD);

        prop("sis2sds.work-dir", work.resolve("data").toString());
        prop("sis2sds.syncs.file", syncsFile.toString());
        prop("camel.management.enabled", "false");
        prop("camel.server.port", String.valueOf(port));
        prop("sis2sds.api.token", TOKEN);

        // through the running daemon's API
        String[] list = exec("quarantine", "list");
        assertThat(list[0]).as(list[2]).isEqualTo("0");
        assertThat(list[1]).contains(held.quarantineId).contains("held").contains("ps-nightly");
        String[] rel = exec("quarantine", "release", held.quarantineId);
        assertThat(rel[0]).as(rel[2]).isEqualTo("0");
        assertThat(rel[1]).contains("Batch " + held.quarantineId + " released: run").contains("succeeded");
        String[] again = exec("quarantine", "release", held.quarantineId);
        assertThat(again[0]).isEqualTo("1");
        assertThat(again[2]).contains("released");
        stop();

        // locally, with no daemon running: a batch some earlier step quarantined (only its folder and report.json)
        Path q = work.resolve("data").resolve("quarantine").resolve("bad-1");
        Files.createDirectories(q);
        Files.writeString(q.resolve("report.json"), "{\"outcome\": \"QUARANTINED\", \"reason\": \"2 errors\", "
                + "\"syncId\": \"csv-drop\"}");
        String[] local = exec("quarantine", "list");
        assertThat(local[0]).as(local[2]).isEqualTo("0");
        assertThat(local[1]).contains("bad-1").contains("quarantined").contains(held.quarantineId).contains("released");
        String[] refused = exec("quarantine", "release", "bad-1");
        assertThat(refused[0]).as(refused[2]).isEqualTo("1");
        assertThat(refused[2]).contains("SDS would reject it");
        String[] dis = exec("quarantine", "discard", "bad-1");
        assertThat(dis[0]).as(dis[2]).isEqualTo("0");
        assertThat(dis[1]).contains("discarded");
        assertThat(Files.readString(q.resolve("report.json"))).contains("\"status\" : \"discarded\"").contains("2 errors");
        assertThat(exec("quarantine", "discard", "nope")[0]).isEqualTo("1");
        assertThat(exec("quarantine")[0]).isEqualTo("2");
    }

    @Test
    void theDaemonExitsZeroOnSigterm() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dsis2sds.home=" + TestPaths.home(),
                "-Dsis2sds.work-dir=" + work.resolve("data"),
                "-Dsis2sds.syncs.file=" + syncsFile,
                "-Dsis2sds.api.token=" + TOKEN,
                "-Dcamel.server.port=" + port,
                "-Dcamel.management.enabled=false",
                "-Dsis2sds.drop.poll-interval=3600s",
                "org.sis2sds.cli.Sis2sds", "run"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve("daemon.log").toFile()).start();
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/syncs"))
                    .header("Authorization", "Bearer " + TOKEN).build();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(40)).ignoreExceptions().until(() ->
                    http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(40, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(work.resolve("daemon.log"))).isZero();
            assertThat(Files.readString(work.resolve("daemon.log"))).doesNotContain(TOKEN);
        } finally {
            p.destroyForcibly();
        }
    }
}
