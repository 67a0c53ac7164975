package org.sis2sds.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sis2sds.sync.Run;
import org.sis2sds.sync.SyncDaemonTestBase;

/** The management API's contract: every endpoint, the envelope, and the 400/401/404/409 answers. */
abstract class AbstractSyncApiTest extends SyncDaemonTestBase {

    private static List<String> fields(JsonNode errors) {
        List<String> out = new ArrayList<>();
        errors.forEach(e -> out.add(e.path("field").asText()));
        return out;
    }

    @Test
    void everyRequestNeedsTheBearerToken() throws Exception {
        start();
        for (String path : List.of("/syncs", "/syncs/ps-nightly", "/quarantine", "/sources")) {
            Resp none = call("GET", path, null, null);
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.json().path("success").asBoolean(true)).isFalse();
            assertThat(call("GET", path, null, "wrong-token").status()).isEqualTo(401);
        }
        assertThat(call("POST", "/syncs/ps-nightly/run", null, "wrong").status()).isEqualTo(401);
        assertThat(manager().store().listRuns("ps-nightly", null, 10, 0)).isEmpty();
        Resp ok = call("GET", "/syncs", null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.raw()).doesNotContain(TOKEN);
    }

    @Test
    void listsDeclaredSyncsAndTheCatalogWithSecretsMasked() throws Exception {
        start();
        Resp r = call("GET", "/syncs", null);
        assertThat(r.json().path("success").asBoolean()).isTrue();
        assertThat(r.json().path("message").asText()).isNotBlank();
        JsonNode data = r.json().path("data");
        assertThat(data.isArray()).isTrue();
        assertThat(data).extracting(n -> n.path("id").asText()).containsExactly("csv-drop", "ps-nightly");
        JsonNode ps = data.get(1);
        assertThat(ps.path("type").asText()).isEqualTo("syncs");
        JsonNode a = ps.path("attributes");
        assertThat(a.path("source_id").asText()).isEqualTo("ps");
        assertThat(a.path("schedule_type").asText()).isEqualTo("automated");
        assertThat(a.path("cron_expression").asText()).isEqualTo("0 0 2 * * ?");
        assertThat(a.path("sync_mode").asText()).isEqualTo("incremental");
        assertThat(a.path("status").asText()).isEqualTo("pending");
        for (String k : List.of("destination_id", "model_id", "sync_interval", "sync_interval_unit", "cursor_field",
                "stream_name", "configuration")) {
            assertThat(a.has(k)).as(k).isTrue();
        }

        Resp sources = call("GET", "/sources", null);
        assertThat(sources.status()).isEqualTo(200);
        assertThat(sources.json().path("data")).extracting(n -> n.path("id").asText()).containsExactly("ps", "drop");
        assertThat(sources.json().path("data").get(0).path("attributes").path("configuration").path("client_secret")
                .asText()).isEqualTo("********");
        assertThat(sources.raw()).doesNotContain("very-secret-value");
        assertThat(call("GET", "/destinations", null).json().path("data").get(0).path("id").asText()).isEqualTo("sds");
        assertThat(call("GET", "/models", null).json().path("data").get(0).path("id").asText()).isEqualTo("sds-v1");
    }

    @Test
    void createsReadsChangesAndDeletesASync() throws Exception {
        start();
        Resp created = call("POST", "/syncs", """
                {"sync": {"id": "hourly", "source_id": "ps", "destination_id": "sds", "model_id": "sds-v1",
                  "schedule_type": "automated", "sync_mode": "full_refresh", "sync_interval": 2,
                  "sync_interval_unit": "hours", "stream_name": "students",
                  "configuration": {"school_year": "2026", "api_token": "tok-secret"}}}""");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("success").asBoolean()).isTrue();
        assertThat(created.json().path("data").path("id").asText()).isEqualTo("hourly");
        assertThat(created.json().path("data").path("type").asText()).isEqualTo("syncs");
        JsonNode a = created.json().path("data").path("attributes");
        assertThat(a.path("sync_interval").asInt()).isEqualTo(2);
        assertThat(a.path("configuration").path("api_token").asText()).isEqualTo("********");
        assertThat(created.raw()).doesNotContain("tok-secret");
        assertThat(daemon.context().getRoute("schedule-hourly")).isNotNull();

        assertThat(call("POST", "/syncs", "{\"sync\": {\"id\": \"hourly\", \"source_id\": \"ps\", "
                + "\"destination_id\": \"sds\", \"model_id\": \"sds-v1\"}}").status()).isEqualTo(409);

        // a PUT carries only what changes; the masked secret echoed back keeps the stored one
        Resp put = call("PUT", "/syncs/hourly", """
                {"sync": {"sync_interval": 30, "sync_interval_unit": "minutes",
                  "configuration": {"school_year": "2027", "api_token": "********"}}}""");
        assertThat(put.status()).isEqualTo(200);
        JsonNode pa = put.json().path("data").path("attributes");
        assertThat(pa.path("sync_interval").asInt()).isEqualTo(30);
        assertThat(pa.path("sync_interval_unit").asText()).isEqualTo("minutes");
        assertThat(pa.path("stream_name").asText()).isEqualTo("students");
        assertThat(pa.path("source_id").asText()).isEqualTo("ps");
        assertThat(manager().get("hourly").configuration).containsEntry("api_token", "tok-secret")
                .containsEntry("school_year", "2027");

        // switching to cron clears the interval
        Resp cron = call("PUT", "/syncs/hourly", "{\"sync\": {\"cron_expression\": \"0 15 3 * * ?\"}}");
        assertThat(cron.status()).isEqualTo(200);
        assertThat(cron.json().path("data").path("attributes").path("sync_interval").isNull()).isTrue();
        assertThat(call("GET", "/syncs/hourly", null).json().path("data").path("attributes").path("cron_expression")
                .asText()).isEqualTo("0 15 3 * * ?");

        // manual: no schedule route any more
        assertThat(call("PUT", "/syncs/hourly", "{\"sync\": {\"schedule_type\": \"manual\"}}").status()).isEqualTo(200);
        assertThat(daemon.context().getRoute("schedule-hourly")).isNull();

        Resp del = call("DELETE", "/syncs/hourly", null);
        assertThat(del.status()).isEqualTo(200);
        assertThat(call("GET", "/syncs/hourly", null).status()).isEqualTo(404);
        assertThat(call("GET", "/syncs", null).json().path("data")).hasSize(2);
    }

    @Test
    void refusesInvalidSyncsWithTheReasons() throws Exception {
        start();
        Resp r = call("POST", "/syncs", """
                {"sync": {"id": "bad", "source_id": "nope", "destination_id": "void", "model_id": "x",
                  "schedule_type": "automated", "sync_mode": "mirror", "sync_interval": -5,
                  "sync_interval_unit": "weeks"}}""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("success").asBoolean(true)).isFalse();
        assertThat(fields(r.json().path("errors"))).contains("source_id", "destination_id", "model_id", "sync_mode",
                "sync_interval", "sync_interval_unit");
        assertThat(r.json().path("message").asText()).contains("sync_interval");

        Resp cron = call("POST", "/syncs", """
                {"sync": {"id": "badcron", "source_id": "ps", "destination_id": "sds", "model_id": "sds-v1",
                  "schedule_type": "automated", "cron_expression": "every night"}}""");
        assertThat(cron.status()).isEqualTo(400);
        assertThat(fields(cron.json().path("errors"))).containsExactly("cron_expression");

        Resp type = call("POST", "/syncs", """
                {"sync": {"id": "badtype", "source_id": "ps", "destination_id": "sds", "model_id": "sds-v1",
                  "schedule_type": "sometimes"}}""");
        assertThat(fields(type.json().path("errors"))).contains("schedule_type");

        Resp zero = call("PUT", "/syncs/ps-nightly", "{\"sync\": {\"sync_interval\": 0, \"sync_interval_unit\": \"days\"}}");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(fields(zero.json().path("errors"))).contains("sync_interval");

        assertThat(call("POST", "/syncs", "not json").status()).isEqualTo(400);
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/syncs")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sync\": {\"id\": \"f1\", \"source_id\": \"ps\", "
                        + "\"destination_id\": \"sds\", \"model_id\": \"sds-v1\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).as("curl -d without a JSON content type still works").isEqualTo(201);
        assertThat(call("DELETE", "/syncs/f1", null).status()).isEqualTo(200);
        assertThat(call("POST", "/syncs", "{\"name\": \"x\"}").status()).isEqualTo(400);
        assertThat(call("PUT", "/syncs/ps-nightly", "{\"sync\": {\"colour\": \"red\"}}").status()).isEqualTo(400);
        // nothing was stored
        assertThat(manager().list()).extracting(s -> s.id).containsExactly("csv-drop", "ps-nightly");
        assertThat(manager().get("ps-nightly").cronExpression).isEqualTo("0 0 2 * * ?");
    }

    @Test
    void unknownIdsAre404() throws Exception {
        start();
        for (String[] c : new String[][] {{"GET", "/syncs/nope"}, {"PUT", "/syncs/nope"}, {"DELETE", "/syncs/nope"},
                {"POST", "/syncs/nope/pause"}, {"POST", "/syncs/nope/resume"}, {"POST", "/syncs/nope/reset"},
                {"POST", "/syncs/nope/run"}, {"GET", "/syncs/nope/status"}, {"GET", "/syncs/nope/runs"},
                {"GET", "/syncs/ps-nightly/runs/999"}, {"GET", "/syncs/ps-nightly/runs/abc"},
                {"POST", "/quarantine/nope/release"}, {"POST", "/quarantine/nope/discard"}}) {
            Resp r = call(c[0], c[1], c[0].equals("PUT") ? "{\"sync\": {}}" : null);
            assertThat(r.status()).as(c[0] + " " + c[1]).isEqualTo(404);
            assertThat(r.json().path("success").asBoolean(true)).isFalse();
            assertThat(r.json().path("errors").isArray()).isTrue();
        }
    }

    @Test
    void pauseResumeRunStatusRunsAndReset() throws Exception {
        start();
        Resp paused = call("POST", "/syncs/ps-nightly/pause", null);
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().path("data").path("attributes").path("status").asText()).isEqualTo("paused");
        assertThat(daemon.context().getRoute("schedule-ps-nightly")).isNull();
        Resp refused = call("POST", "/syncs/ps-nightly/run", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("message").asText()).contains("paused");

        assertThat(call("POST", "/syncs/ps-nightly/resume", null).status()).isEqualTo(200);
        assertThat(daemon.context().getRoute("schedule-ps-nightly")).isNotNull();

        gate = new java.util.concurrent.CountDownLatch(1);
        Resp run = call("POST", "/syncs/ps-nightly/run", null);
        assertThat(run.status()).isEqualTo(202);
        String runId = run.json().path("data").path("id").asText();
        assertThat(run.json().path("data").path("type").asText()).isEqualTo("runs");
        org.awaitility.Awaitility.await().until(() -> extractions.get() == 1);
        Resp busy = call("POST", "/syncs/ps-nightly/run", null);
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.json().path("message").asText()).contains("already running");
        assertThat(call("GET", "/syncs/ps-nightly/status", null).json().path("data").path("attributes")
                .path("status").asText()).isEqualTo("running");
        assertThat(call("POST", "/syncs/ps-nightly/reset", null).status()).isEqualTo(409);
        assertThat(call("DELETE", "/syncs/ps-nightly", null).status()).isEqualTo(409);
        gate.countDown();

        Run done = awaitRun(Long.parseLong(runId));
        assertThat(done.status).isEqualTo(Run.SUCCEEDED);
        Resp one = call("GET", "/syncs/ps-nightly/runs/" + runId, null);
        assertThat(one.status()).isEqualTo(200);
        JsonNode ra = one.json().path("data").path("attributes");
        assertThat(ra.path("status").asText()).isEqualTo("succeeded");
        assertThat(ra.path("trigger").asText()).isEqualTo("api");
        assertThat(ra.path("started_at").asText()).isNotBlank();
        assertThat(ra.path("finished_at").asText()).isNotBlank();
        assertThat(ra.path("entities").path("student").path("extracted").asLong()).isEqualTo(20);
        assertThat(ra.path("entities").path("student").path("added").asLong()).isEqualTo(20);
        assertThat(ra.path("totals").path("errors").asLong()).isZero();

        Resp list = call("GET", "/syncs/ps-nightly/runs", null);
        assertThat(list.json().path("data")).hasSize(1);
        assertThat(call("GET", "/syncs/ps-nightly/runs?per_page=0", null).status()).isEqualTo(400);
        Resp status = call("GET", "/syncs/ps-nightly/status", null);
        assertThat(status.status()).isEqualTo(200);
        JsonNode sa = status.json().path("data").path("attributes");
        assertThat(sa.path("status").asText()).isEqualTo("healthy");
        assertThat(sa.path("last_run").path("id").asText()).isEqualTo(runId);
        assertThat(sa.path("next_run_at").asText()).isNotBlank();
        assertThat(sa.path("last_accepted_rows").path("student").asLong()).isEqualTo(20);
        assertThat(call("GET", "/syncs/csv-drop/runs/" + runId, null).status()).isEqualTo(404);

        ProfileStub sds = new ProfileStub();
        var ctx = daemon.context();
        ctx.getRouteController().stopRoute("reset-profile");
        ctx.removeRoute("reset-profile");
        ctx.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reset-profile").routeId("stub-reset-profile").bean(sds, "reset");
            }
        });
        Resp reset = call("POST", "/syncs/ps-nightly/reset", null);
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().path("message").asText()).contains("cursor and fingerprints are cleared")
                .contains("The SDS profile profile-1 was reset");
        assertThat(sds.resets).containsExactly("profile-1");
        assertThat(manager().store().loadSnapshot("ps-nightly")).isEmpty();
    }

    /** Stands in for the SDS area's route direct:reset-profile (SDS Classic configured: it resets). */
    public static final class ProfileStub {
        final List<String> resets = new java.util.concurrent.CopyOnWriteArrayList<>();

        public boolean reset(String profileId) {
            resets.add(profileId);
            return true;
        }
    }

    @Test
    void quarantineListIsEmptyAtFirst() throws Exception {
        start();
        Resp r = call("GET", "/quarantine", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("data").isArray()).isTrue();
        assertThat(r.json().path("data")).isEmpty();
    }
}
