package org.sis2sds.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sis2sds.pipeline.Batch;

/** Incremental change detection, the shrink guard, and releasing or discarding a held batch. */
abstract class AbstractGuardTest extends SyncDaemonTestBase {

    private Run runNow(String syncId) throws Exception {
        Resp r = call("POST", "/syncs/" + syncId + "/run", null);
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        return awaitRun(r.json().path("data").path("id").asLong());
    }

    private Path data(String folder) {
        return work.resolve("data").resolve(folder);
    }

    @Test
    void incrementalSkipsUnchangedSnapshotsAndCountsChanges() throws Exception {
        start();
        Run first = runNow("ps-nightly");
        assertThat(first.status).isEqualTo(Run.SUCCEEDED);
        assertThat(first.entities.get("student")).containsEntry("extracted", 20L).containsEntry("added", 20L);
        assertThat(manager().store().loadSnapshot("ps-nightly").get("student").rowCount()).isEqualTo(20);

        Run same = runNow("ps-nightly");
        assertThat(same.status).isEqualTo(Run.SUCCEEDED);
        assertThat(same.reason).contains("No change");
        assertThat(same.entities.get("student")).containsEntry("added", 0L).containsEntry("updated", 0L)
                .containsEntry("removed", 0L);
        assertThat(data("archive").resolve(same.batchId)).isDirectory();

        tag = "-renamed";
        students.set(19); // one student left (5%: under the 10% threshold), the others renamed
        Run changed = runNow("ps-nightly");
        assertThat(changed.status).isEqualTo(Run.SUCCEEDED);
        assertThat(changed.reason).isNull();
        assertThat(changed.entities.get("student")).containsEntry("updated", 19L).containsEntry("removed", 1L)
                .containsEntry("added", 0L);
        assertThat(changed.entities.get("studentenrollment")).containsEntry("removed", 1L);
        assertThat(changed.entities.get("school")).containsEntry("updated", 0L);
        assertThat(manager().store().loadSnapshot("ps-nightly").get("student").rowCount()).isEqualTo(19);
    }

    @Test
    void fullRefreshUploadsAnIdenticalSnapshotAndBatchesWithoutRunGetOne() throws Exception {
        start();
        for (int i = 0; i < 2; i++) {
            Path dir = TestBatches.write(data("processing").resolve("drop-" + i), 10, "");
            daemon.context().createProducerTemplate().sendBody("direct:process-batch",
                    new Batch("drop-" + i, dir, "drop", "csv-drop"));
        }
        var runs = manager().store().listRuns("csv-drop", null, 10, 0);
        assertThat(runs).hasSize(2);
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.status).isEqualTo(Run.SUCCEEDED);
            assertThat(r.trigger).isEqualTo("drop");
            assertThat(r.reason).isNull();
        });
        assertThat(runs.get(0).entities.get("student")).containsEntry("updated", 0L).containsEntry("added", 0L);
    }

    @Test
    void holdsAShrunkenSnapshotThenReleaseAndDiscardWork() throws Exception {
        start(Map.of("sis2sds.guard.max-shrink-percent", "10"));
        assertThat(runNow("ps-nightly").status).isEqualTo(Run.SUCCEEDED);

        students.set(17); // 15% fewer students
        Run held = runNow("ps-nightly");
        assertThat(held.status).isEqualTo(Run.HELD);
        assertThat(held.reason).contains("student would shrink from 20 to 17 rows (15.0%, more than the 10% allowed)");
        assertThat(held.quarantineId).startsWith(held.batchId);
        assertThat(Path.of(held.quarantinePath)).isDirectory().hasParent(data("quarantine"));
        assertThat(manager().store().loadSnapshot("ps-nightly").get("student").rowCount()).isEqualTo(20);
        Resp run = call("GET", "/syncs/ps-nightly/runs/" + held.id, null);
        assertThat(run.json().path("data").path("attributes").path("quarantine").path("link").asText())
                .isEqualTo("/api/v1/quarantine/" + held.quarantineId);
        assertThat(call("GET", "/syncs/ps-nightly/status", null).json().path("data").path("attributes")
                .path("status").asText()).isEqualTo("held");

        Resp heldRuns = call("GET", "/syncs/ps-nightly/runs?status=held", null);
        assertThat(heldRuns.json().path("data")).extracting(n -> n.path("id").asLong()).containsExactly(held.id);
        Resp list = call("GET", "/quarantine", null);
        assertThat(list.json().path("data")).hasSize(1);
        JsonNode q = list.json().path("data").get(0);
        assertThat(q.path("id").asText()).isEqualTo(held.quarantineId);
        assertThat(q.path("type").asText()).isEqualTo("quarantine");
        assertThat(q.path("attributes").path("kind").asText()).isEqualTo("held");
        assertThat(q.path("attributes").path("sync_id").asText()).isEqualTo("ps-nightly");

        // release: published, bypassing the guard; the smaller snapshot becomes the accepted one
        Resp rel = call("POST", "/quarantine/" + held.quarantineId + "/release", null);
        assertThat(rel.status()).as(rel.raw()).isEqualTo(202);
        Run released = awaitRun(rel.json().path("data").path("id").asLong());
        assertThat(released.status).isEqualTo(Run.SUCCEEDED);
        assertThat(released.trigger).isEqualTo("release");
        assertThat(released.entities.get("student")).as(released.entities.toString()).containsEntry("removed", 3L);
        assertThat(Path.of(held.quarantinePath)).doesNotExist();
        assertThat(data("archive").resolve(held.batchId)).isDirectory();
        assertThat(manager().store().loadSnapshot("ps-nightly").get("student").rowCount()).isEqualTo(17);
        assertThat(manager().store().getQuarantine(held.quarantineId).orElseThrow().status).isEqualTo("released");
        assertThat(call("POST", "/quarantine/" + held.quarantineId + "/release", null).status()).isEqualTo(409);

        // held again, then discarded: stays in quarantine, marked
        students.set(5);
        Run held2 = runNow("ps-nightly");
        assertThat(held2.status).isEqualTo(Run.HELD);
        Resp dis = call("POST", "/quarantine/" + held2.quarantineId + "/discard", null);
        assertThat(dis.status()).isEqualTo(200);
        assertThat(dis.json().path("data").path("attributes").path("status").asText()).isEqualTo("discarded");
        Path folder = Path.of(held2.quarantinePath);
        assertThat(folder).isDirectory();
        assertThat(JSON.readTree(folder.resolve("report.json").toFile()).path("status").asText()).isEqualTo("discarded");
        Resp again = call("POST", "/quarantine/" + held2.quarantineId + "/release", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("message").asText()).contains("discarded");
        assertThat(manager().store().loadSnapshot("ps-nightly").get("student").rowCount()).isEqualTo(17);
    }

    @Test
    void holdsAnEmptySnapshotButNeverTheFirstRun() throws Exception {
        start();
        students.set(0);
        Run first = runNow("ps-nightly");
        assertThat(first.status).as("first run, nothing to compare").isEqualTo(Run.SUCCEEDED);

        Path empty = data("processing").resolve("empty-1");
        Files.createDirectories(empty);
        for (String f : new String[] {"School.csv", "Section.csv", "Student.csv", "Teacher.csv",
                "StudentEnrollment.csv", "TeacherRoster.csv"}) {
            Files.writeString(empty.resolve(f), "SIS ID\r\n");
        }
        daemon.context().createProducerTemplate().sendBody("direct:process-batch",
                new Batch("empty-1", empty, "powerschool", "ps-nightly"));
        Run run = manager().store().listRuns("ps-nightly", null, 1, 0).get(0);
        assertThat(run.status).isEqualTo(Run.HELD);
        assertThat(run.reason).contains("the snapshot is empty").contains("had 7 rows");
        assertThat(Path.of(run.quarantinePath)).isDirectory().hasParent(data("quarantine"));
        assertThat(run.quarantineId).startsWith("empty-1");
    }

    private Run process(String id, Path dir) {
        daemon.context().createProducerTemplate().sendBody("direct:process-batch", new Batch(id, dir, "drop",
                "csv-drop"));
        return manager().store().listRuns("csv-drop", null, 1, 0).get(0);
    }

    @Test
    void anSdsV21SnapshotIsGuardedPerEntityAndAFormatChangeIsNoShrink() throws Exception {
        start();
        assertThat(process("v1", TestBatches.write(data("processing").resolve("v1"), 10, "")).status)
                .isEqualTo(Run.SUCCEEDED);

        Run switched = process("v21-a", org.sis2sds.support.Samples.v21(data("processing").resolve("v21-a")));
        assertThat(switched.status).as("v1 -> v2.1: no entity to compare, like a first run").isEqualTo(Run.SUCCEEDED);
        assertThat(manager().store().loadSnapshot("csv-drop")).containsKeys("orgs", "users", "roles")
                .doesNotContainKey("student");
        assertThat(manager().store().loadSnapshot("csv-drop").get("users").rowCount()).isEqualTo(8);

        Path smaller = org.sis2sds.support.Samples.v21(data("processing").resolve("v21-b"));
        Path users = smaller.resolve("users.csv");
        Files.writeString(users, Files.readString(users).replaceAll("11400[78],[^\r\n]*\r\n", ""));
        Run held = process("v21-b", smaller);
        assertThat(held.status).isEqualTo(Run.HELD);
        assertThat(held.reason).contains("users would shrink from 8 to 6 rows (25.0%, more than the 10% allowed)");
    }

    @Test
    void aFailedBatchCanBeReleasedAndARejectedOneCannot() throws Exception {
        start();
        Path failed = TestBatches.write(data("quarantine").resolve("boom-20260101T000000Z"), 5, "");
        Files.writeString(failed.resolve("report.json"), "{\"batchId\": \"boom\", \"outcome\": \"FAILED\", "
                + "\"reason\": \"Processing stopped on an unexpected problem\", \"syncId\": \"csv-drop\", "
                + "\"source\": \"drop\"}");
        Path rejected = TestBatches.write(data("quarantine").resolve("bad-20260101T000000Z"), 5, "");
        Files.writeString(rejected.resolve("report.json"), "{\"batchId\": \"bad\", \"outcome\": \"QUARANTINED\", "
                + "\"syncId\": \"csv-drop\"}");
        Resp list = call("GET", "/quarantine", null);
        assertThat(list.json().path("data")).extracting(n -> n.path("attributes").path("status").asText())
                .containsExactlyInAnyOrder("failed", "quarantined");

        Resp no = call("POST", "/quarantine/bad-20260101T000000Z/release", null);
        assertThat(no.status()).isEqualTo(409);
        assertThat(no.json().path("message").asText()).contains("SDS would reject it");

        Resp rel = call("POST", "/quarantine/boom-20260101T000000Z/release", null);
        assertThat(rel.status()).as(rel.raw()).isEqualTo(202);
        Run run = awaitRun(rel.json().path("data").path("id").asLong());
        assertThat(run.status).isEqualTo(Run.SUCCEEDED);
        assertThat(run.syncId).isEqualTo("csv-drop");
        assertThat(run.batchId).isEqualTo("boom");
        assertThat(data("archive").resolve("boom")).isDirectory();
        assertThat(failed).doesNotExist();
        assertThat(manager().store().getQuarantine("boom-20260101T000000Z").orElseThrow().status).isEqualTo("released");
    }
}
