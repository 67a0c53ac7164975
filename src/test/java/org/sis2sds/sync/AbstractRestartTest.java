package org.sis2sds.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.sis2sds.core.ConfigException;

/** What survives a restart: syncs, API edits, runs, fingerprints; and how syncs.yaml and API edits meet. */
abstract class AbstractRestartTest extends SyncDaemonTestBase {

    @Test
    void syncsRunsAndFingerprintsSurviveARestart() throws Exception {
        start();
        assertThat(call("POST", "/syncs", "{\"sync\": {\"id\": \"api-made\", \"source_id\": \"ps\", "
                + "\"destination_id\": \"sds\", \"model_id\": \"sds-v1\", \"sync_mode\": \"incremental\"}}")
                .status()).isEqualTo(201);
        Run first = awaitRun(manager().trigger("api-made", "api", true).id);
        assertThat(first.status).isEqualTo(Run.SUCCEEDED);
        assertThat(call("POST", "/syncs/csv-drop/pause", null).status()).isEqualTo(200);
        stop();

        start();
        assertThat(manager().get("api-made").syncMode).isEqualTo("incremental");
        assertThat(manager().get("csv-drop").paused).isTrue();
        Resp runs = call("GET", "/syncs/api-made/runs", null);
        assertThat(runs.json().path("data")).hasSize(1);
        assertThat(runs.json().path("data").get(0).path("id").asText()).isEqualTo(String.valueOf(first.id));
        // the fingerprints came back: the same snapshot is recognised as unchanged
        Run second = awaitRun(manager().trigger("api-made", "api", true).id);
        assertThat(second.status).isEqualTo(Run.SUCCEEDED);
        assertThat(second.reason).contains("No change");
        assertThat(second.id).isGreaterThan(first.id);
    }

    @Test
    void anUnchangedDeclarationKeepsApiEditsAndAChangedOneWins() throws Exception {
        start();
        assertThat(call("PUT", "/syncs/ps-nightly", "{\"sync\": {\"cron_expression\": \"0 30 4 * * ?\"}}").status())
                .isEqualTo(200);
        assertThat(call("DELETE", "/syncs/csv-drop", null).status()).isEqualTo(200);
        stop();

        start();
        assertThat(manager().get("ps-nightly").cronExpression).as("API edit kept").isEqualTo("0 30 4 * * ?");
        assertThat(call("GET", "/syncs/csv-drop", null).status()).as("API delete kept").isEqualTo(404);
        stop();

        Files.writeString(syncsFile, syncsYaml().replace("0 0 2 * * ?", "0 0 3 * * ?")
                .replace("schedule_type: manual", "schedule_type: manual\n    sync_mode: incremental"));
        start();
        assertThat(manager().get("ps-nightly").cronExpression).as("changed declaration wins").isEqualTo("0 0 3 * * ?");
        assertThat(manager().get("ps-nightly").origin).isEqualTo("file");
        assertThat(manager().get("csv-drop").syncMode).as("changed declaration brings it back").isEqualTo("incremental");
    }

    @Test
    void anInvalidDeclarationStopsStartUpNamingTheSetting() throws Exception {
        Files.writeString(syncsFile, syncsYaml().replace("0 0 2 * * ?", "at two"));
        ConfigException e = configFailure(() -> start());
        assertThat(e.getMessage()).contains("ps-nightly").contains("cron_expression").contains(syncsFile.toString());
        assertThat(e.key()).isEqualTo("sis2sds.syncs.file");
    }

    @Test
    void theApiNeedsATokenUnlessAuthIsNone() throws Exception {
        ConfigException e = configFailure(() -> start(java.util.Map.of("sis2sds.api.token", "")));
        assertThat(e.key()).isEqualTo("sis2sds.api.token");
        assertThat(e.getMessage()).contains("SIS2SDS_API_TOKEN").contains("sis2sds.api.auth=none");
        stop();
        start(java.util.Map.of("sis2sds.api.token", "", "sis2sds.api.auth", "none"));
        assertThat(call("GET", "/syncs", null, null).status()).isEqualTo(200);
    }

    /** The ConfigException that made the start-up fail (it must fail). */
    private static ConfigException configFailure(ThrowingCallable startUp) {
        Throwable t = catchThrowable(startUp);
        assertThat(t).as("start-up should have failed").isNotNull();
        while (t != null && !(t instanceof ConfigException)) {
            t = t.getCause();
        }
        assertThat(t).isInstanceOf(ConfigException.class);
        return (ConfigException) t;
    }
}
