package org.sis2sds.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.core.Settings;
import org.sis2sds.industrydata.FileSets;

/**
 * Migration V5 on the embedded database: a run's live-SDS statistics are stored with the run and read back with it
 * (as the API shows them), and the last validated file set of an inbound flow is kept per flow.
 */
class RunStatisticsTableTest {
    @TempDir
    Path work;

    @Test
    void statisticsTravelWithTheRunAndFileSetsPerFlow() {
        Settings s = Settings.load(Path.of("."), Map.of("sis2sds.work-dir", work.toString()));
        try (Database db = Database.open(s)) {
            SyncStore store = new SyncStore(db);
            long id = store.insertRun("csv-drop", Run.RUNNING, "batch", null);
            Run r = store.getRun(id).orElseThrow();
            r.status = Run.SUCCEEDED;
            r.sdsStatus = "completedWithErrors";
            r.sdsStatistics = Map.of("runId", "r-1", "flowId", "f-1", "status", "completedWithErrors", "errors", 3L,
                    "warnings", 0L, "entities", Map.of("people", Map.of("active", 8, "inactive", 1, "total", 9)));
            store.finishRun(r);
            Run back = store.getRun(id).orElseThrow();
            assertThat(back.sdsStatistics).containsEntry("runId", "r-1").containsEntry("errors", 3L);
            assertThat(back.sdsStatistics.get("entities").toString()).contains("inactive=1");
            assertThat(store.listRuns("csv-drop", null, 10, 0).get(0).sdsStatistics).isNotNull();

            FileSets sets = new FileSets(db::dataSource);
            assertThat(sets.last("f-1")).isEmpty();
            sets.accepted("f-1", List.of("users.csv", "orgs.csv", "roles.csv"), "b1");
            sets.accepted("f-1", List.of("users.csv", "orgs.csv", "roles.csv", "classes.csv"), "b2");
            assertThat(sets.last("f-1")).contains(List.of("classes.csv", "orgs.csv", "roles.csv", "users.csv"));
        }
    }
}
