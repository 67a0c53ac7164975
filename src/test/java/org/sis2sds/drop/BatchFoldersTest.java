package org.sis2sds.drop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.report.ReportWriter;

class BatchFoldersTest {
    @TempDir
    Path work;
    final AtomicBoolean stopping = new AtomicBoolean();

    private BatchFolders folders() {
        return new BatchFolders(work, new ReportWriter(), Clock.fixed(Instant.parse("2026-11-30T12:34:56Z"),
                ZoneOffset.UTC), stopping::get);
    }

    private Batch batch(String id) throws IOException {
        return new Batch(id, TestBatches.good(work.resolve("processing/" + id)), "drop", "csv-drop");
    }

    private JsonNode report(Path dir) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    }

    @Test
    void archiveMovesTheWholeFolderWithItsReport() throws Exception {
        Batch b = batch("a");
        folders().archive(b);
        assertThat(b.getFinalLocation()).isEqualTo(work.resolve("archive/a"));
        assertThat(work.resolve("processing/a")).doesNotExist();
        assertThat(work.resolve("archive/a/School.csv")).exists();
        assertThat(work.resolve("archive/a/report.html")).doesNotExist();
        assertThat(report(work.resolve("archive/a")).get("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(report(work.resolve("archive/a")).get("location").asText()).isEqualTo(work.resolve("archive/a").toString());
    }

    @Test
    void heldBatchesKeepTheirOutcomeAndReasonInQuarantine() throws Exception {
        Batch b = batch("h");
        b.setOutcome(Batch.Outcome.HELD);
        b.setReason("Student.csv would shrink from 900 to 12 rows; release the batch if that is intended.");
        folders().quarantine(b);
        Path q = work.resolve("quarantine/h-20261130T123456Z");
        assertThat(b.getFinalLocation()).isEqualTo(q);
        JsonNode r = report(q);
        assertThat(r.get("outcome").asText()).isEqualTo("HELD");
        assertThat(r.get("reason").asText()).contains("would shrink");
        assertThat(Files.readString(q.resolve("report.html"))).contains("held back", "would shrink");
        Batch again = batch("h");
        folders().quarantine(again);
        assertThat(again.getFinalLocation()).isEqualTo(work.resolve("quarantine/h-20261130T123456Z-2"));
    }

    @Test
    void anUnexpectedFailureQuarantinesAsFailedUnlessShuttingDown() throws Exception {
        Batch b = batch("f");
        folders().fail(b, new IOException("disk\nfull"));
        assertThat(b.isRejected()).isTrue();
        assertThat(b.getOutcome()).isEqualTo(Batch.Outcome.FAILED);
        assertThat(b.getReason()).contains("IOException: disk full").doesNotContain("\n");
        assertThat(report(b.getFinalLocation()).get("outcome").asText()).isEqualTo("FAILED");

        Batch c = batch("c");
        folders().fail(c, new RuntimeException(new InterruptedException()));
        assertThat(c.isRejected()).isFalse();
        stopping.set(true);
        folders().fail(c, new IllegalStateException("x"));
        assertThat(c.isRejected()).isFalse();
        assertThat(work.resolve("processing/c/School.csv")).exists();
        assertThat(c.getOutcome()).isEqualTo(Batch.Outcome.PENDING);
    }
}
