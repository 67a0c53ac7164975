package org.sis2sds.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sis2sds.sync.SyncDaemonTestBase;
import org.sis2sds.sync.TestDb;

/**
 * A request the API refuses is told what to fix in one sentence that names the attribute, in the API's own words:
 * no JSON library's class names, field lists or parser jargon, whatever is wrong with the body. Schedules that would
 * fire more often than the floor are refused the same way.
 */
class ApiRefusalMessagesTest extends SyncDaemonTestBase {
    @Override
    protected TestDb db() {
        return TestDb.H2;
    }

    /** A 400 with one sentence and, when there is one, the attribute in errors[0].field. */
    private JsonNode refused(String method, String path, String body, String field) throws Exception {
        Resp r = call(method, path, body);
        assertThat(r.status()).as(r.raw()).isEqualTo(400);
        String message = r.json().path("message").asText();
        assertThat(message).as(r.raw()).endsWith(".").doesNotContain("\n")
                .doesNotContainIgnoringCase("jackson").doesNotContain("com.fasterxml").doesNotContain("java.")
                .doesNotContain("(class").doesNotContain("Unrecognized field").doesNotContain("Cannot deserialize")
                .doesNotContain("Exception");
        assertThat(r.json().path("success").asBoolean(true)).isFalse();
        if (field != null) {
            assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
            assertThat(message).contains(field);
        }
        return r.json();
    }

    @Test
    void bodiesThatDoNotFitAreRefusedNamingTheAttribute() throws Exception {
        start();
        String put = "/syncs/ps-nightly";
        assertThat(refused("PUT", put, "{\"sync\": {\"colour\": \"red\"}}", "colour").path("message").asText())
                .startsWith("The sync is invalid: colour is not a sync attribute; known attributes: source_id,");
        assertThat(refused("PUT", put, "{\"sync\": {\"sync_interval\": \"soon\"}}", "sync_interval")
                .path("message").asText()).isEqualTo("The sync is invalid: sync_interval must be a positive whole "
                + "number.");
        refused("PUT", put, "{\"sync\": {\"sync_interval\": 2.5}}", "sync_interval");
        refused("PUT", put, "{\"sync\": {\"sync_interval\": 99999999999}}", "sync_interval");
        assertThat(refused("PUT", put, "{\"sync\": {\"configuration\": \"school_year=2026\"}}", "configuration")
                .path("message").asText()).isEqualTo("The sync is invalid: configuration must be an object.");
        assertThat(refused("PUT", put, "{\"sync\": {\"source_id\": {\"id\": \"ps\"}}}", "source_id")
                .path("message").asText()).isEqualTo("The sync is invalid: source_id must be a string.");
        assertThat(refused("POST", "/syncs", "{\"sync\": {\"id\": \"x\",", null).path("message").asText())
                .startsWith("The request body is not valid JSON (line 1, column ")
                .endsWith("send {\"sync\": {...attributes...}} with the header Content-Type: application/json.");
        assertThat(refused("POST", "/syncs", "{\"name\": \"x\"}", null).path("message").asText())
                .isEqualTo("The request body must be {\"sync\": {...attributes...}}; 'name' is not part of it.");
        refused("POST", "/syncs", "{\"sync\": [1, 2]}", null);
        refused("POST", "/syncs", "[]", null);
        assertThat(refused("POST", "/syncs", null, null).path("message").asText())
                .isEqualTo("The request needs a JSON body {\"sync\": {...attributes...}}.");
        // nothing changed
        assertThat(manager().get("ps-nightly").cronExpression).isEqualTo("0 0 2 * * ?");
        assertThat(manager().list()).hasSize(2);
    }

    @Test
    void aOneSecondScheduleIsRefusedNamingTheFloor() throws Exception {
        start();
        assertThat(refused("PUT", "/syncs/ps-nightly", "{\"sync\": {\"cron_expression\": \"* * * * * ?\"}}",
                "cron_expression").path("message").asText()).isEqualTo("The sync is invalid: cron_expression fires "
                + "as often as every 1 second, more often than the floor of 5 minutes (setting "
                + "sis2sds.syncs.min-interval).");
        assertThat(refused("POST", "/syncs", """
                {"sync": {"id": "often", "source_id": "ps", "destination_id": "sds", "model_id": "sds-v1",
                  "schedule_type": "automated", "sync_interval": 1, "sync_interval_unit": "minutes"}}""",
                "sync_interval").path("message").asText()).contains("shorter than the floor of 5 minutes")
                .contains("sis2sds.syncs.min-interval");
        assertThat(call("PUT", "/syncs/ps-nightly", "{\"sync\": {\"cron_expression\": \"0 */5 * * * ?\"}}")
                .status()).isEqualTo(200);
        stop();
        start(Map.of("sis2sds.syncs.min-interval", "1h"));
        refused("PUT", "/syncs/ps-nightly", "{\"sync\": {\"sync_interval\": 30, \"sync_interval_unit\": "
                + "\"minutes\"}}", "sync_interval");
    }
}
