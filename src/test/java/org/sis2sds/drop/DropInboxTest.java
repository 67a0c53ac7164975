package org.sis2sds.drop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.pipeline.Batch;

class DropInboxTest {
    @TempDir
    Path work;
    Path inbox;
    Path processing;
    final Instant now = Instant.parse("2026-11-30T12:00:00Z");
    DropInbox drop;

    @BeforeEach
    void setUp() {
        drop = inbox(true);
        inbox = work.resolve("inbox");
        processing = work.resolve("processing");
    }

    private DropInbox inbox(boolean alreadyResumed) {
        DropInbox d = new DropInbox(work, Duration.ofSeconds(5), "csv-drop", new ZipUnpacker(1 << 20),
                Clock.fixed(now, ZoneOffset.UTC));
        if (alreadyResumed) {
            d.resume();
        }
        return d;
    }

    private void age(Path p, Duration d) throws Exception {
        Files.setLastModifiedTime(p, FileTime.from(now.minus(d)));
    }

    @Test
    void picksUpASettledZipAndAReadyFolderButNothingElse() throws Exception {
        Path src = TestBatches.good(work.resolve("src"));
        Path young = TestBatches.zip(src, inbox.resolve("young.zip"), "");
        age(young, Duration.ofSeconds(1));
        Path settled = TestBatches.zip(src, inbox.resolve("Fall term 2026!.zip"), "");
        age(settled, Duration.ofSeconds(30));
        TestBatches.good(inbox.resolve("half-copied"));
        TestBatches.good(inbox.resolve("ready"));
        Files.writeString(inbox.resolve("ready/report.json"), "{}"); // from an earlier run: dropped again
        Files.createFile(inbox.resolve("ready/_READY"));
        Files.createFile(inbox.resolve(".hidden.zip"));

        List<Batch> batches = drop.scan();

        assertThat(batches).extracting(Batch::getId).containsExactly("Fall_term_2026_", "ready");
        Batch z = batches.get(0);
        assertThat(z.getDir()).isEqualTo(processing.resolve("Fall_term_2026_"));
        assertThat(z.getSource()).isEqualTo("drop");
        assertThat(z.getSyncId()).isEqualTo("csv-drop");
        assertThat(z.getIntakeRefusal()).isNull();
        assertThat(z.getDir().resolve("TeacherRoster.csv")).exists();
        assertThat(processing.resolve("Fall_term_2026_.zip")).doesNotExist();
        assertThat(processing.resolve("ready/_READY")).doesNotExist();
        assertThat(processing.resolve("ready/report.json")).doesNotExist();
        assertThat(batches.get(1).getIntakeRefusal()).isNull();
        assertThat(inbox.resolve("ready")).doesNotExist();
        assertThat(young).exists();
        assertThat(inbox.resolve("half-copied")).exists();
        assertThat(inbox.resolve(".hidden.zip")).exists();
    }

    @Test
    void aTruncatedZipWaitsUntilItIsStaleThenIsRefused() throws Exception {
        Path src = TestBatches.good(work.resolve("src"));
        Path full = TestBatches.zip(src, work.resolve("full.zip"), "");
        byte[] bytes = Files.readAllBytes(full);
        Path cut = Files.write(inbox.resolve("cut.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        age(cut, Duration.ofSeconds(30));
        assertThat(drop.scan()).isEmpty();
        assertThat(cut).exists();
        age(cut, Duration.ofMinutes(2));
        Batch b = drop.scan().get(0);
        assertThat(b.getIntakeRefusal()).contains("cannot be read as a zip archive");
    }

    @Test
    void aZipThatGrowsBetweenScansWaits() throws Exception {
        Path src = TestBatches.good(work.resolve("src"));
        Path z = TestBatches.zip(src, inbox.resolve("grow.zip"), "");
        age(z, Duration.ofSeconds(1));
        assertThat(drop.scan()).isEmpty();
        Files.write(z, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        age(z, Duration.ofSeconds(30));
        assertThat(drop.scan()).isEmpty();
        assertThat(z).exists();
        assertThat(drop.scan()).hasSize(1);
    }

    @Test
    void aRepeatedNameGetsANewId() throws Exception {
        Files.createDirectories(work.resolve("archive/term"));
        Files.createDirectories(work.resolve("quarantine/term-2-20261130T110000Z"));
        TestBatches.good(inbox.resolve("term"));
        Files.createFile(inbox.resolve("term/_READY"));
        assertThat(drop.scan()).extracting(Batch::getId).containsExactly("term-3");
    }

    @Test
    void aRefusedZipIsKeptUnchangedWithItsReason() throws Exception {
        Path z = TestBatches.rawZip(inbox.resolve("evil.zip"), "../../School.csv", "x");
        age(z, Duration.ofMinutes(1));
        byte[] original = Files.readAllBytes(z);
        Batch b = drop.scan().get(0);
        assertThat(b.getIntakeRefusal()).contains("points outside the batch folder");
        assertThat(Files.readAllBytes(b.getDir().resolve("evil.zip"))).isEqualTo(original);
        assertThat(work.resolve("School.csv")).doesNotExist();
    }

    @Test
    void aFolderWithALinkOrStrayFileIsRefused() throws Exception {
        TestBatches.good(inbox.resolve("linked"));
        Files.delete(inbox.resolve("linked/Student.csv"));
        Files.createSymbolicLink(inbox.resolve("linked/Student.csv"), Path.of("/etc/passwd"));
        Files.createFile(inbox.resolve("linked/_READY"));
        TestBatches.good(inbox.resolve("stray"));
        Files.writeString(inbox.resolve("stray/notes.txt"), "hi");
        Files.createFile(inbox.resolve("stray/_READY"));
        List<Batch> batches = drop.scan();
        assertThat(batches.get(0).getIntakeRefusal()).contains("symbolic link");
        assertThat(batches.get(1).getIntakeRefusal()).contains("unexpected file notes.txt");
    }

    @Test
    void resumesEveryStateACrashCanLeave() throws Exception {
        Path src = TestBatches.good(work.resolve("src"));
        // 1. crashed mid-unpack: the zip and a partial extraction
        TestBatches.zip(src, processing.resolve("mid.zip"), "");
        Files.createDirectories(processing.resolve(".extract-mid"));
        Files.writeString(processing.resolve(".extract-mid/School.csv"), "SIS ID,Na");
        // 2. crashed after the unpacked folder was renamed, before the zip was deleted
        TestBatches.zip(src, processing.resolve("late.zip"), "");
        TestBatches.good(processing.resolve("late"));
        // 3. crashed in the pipeline
        TestBatches.good(processing.resolve("piped"));
        // 4. a refused zip
        Files.createDirectories(processing.resolve("evil"));
        Files.writeString(processing.resolve("evil/" + DropInbox.REFUSED), "The zip entry x is a symbolic link.");

        DropInbox fresh = inbox(false);
        List<Batch> batches = fresh.resume();

        assertThat(batches).extracting(Batch::getId).containsExactlyInAnyOrder("mid", "late", "piped", "evil");
        try (var l = Files.list(processing)) {
            assertThat(l.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("mid", "late", "piped", "evil");
        }
        assertThat(Files.readString(processing.resolve("mid/School.csv"))).isEqualTo(Files.readString(src.resolve("School.csv")));
        assertThat(batches.stream().filter(b -> b.getIntakeRefusal() != null)).extracting(Batch::getId).containsExactly("evil");
        assertThat(fresh.resume()).isEmpty();
        assertThat(fresh.scan()).isEmpty();
    }

    @Test
    void idsAreFileSystemSafe() {
        assertThat(DropInbox.sanitize("../..")).isEqualTo("batch");
        assertThat(DropInbox.sanitize(".hidden name")).isEqualTo("hidden_name");
        assertThat(DropInbox.sanitize("école 2026")).isEqualTo("cole_2026");
        assertThat(DropInbox.sanitize("x".repeat(200))).hasSize(80);
    }
}
