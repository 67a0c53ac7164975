package org.sis2sds.drop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipUnpackerTest {
    @TempDir
    Path tmp;

    private final ZipUnpacker unpacker = new ZipUnpacker(1 << 20);

    @Test
    void unpacksTheSixFilesFlatOrFromOneFolderSkippingDesktopLitter() throws Exception {
        Path src = TestBatches.good(tmp.resolve("src"));
        unpacker.unpack(TestBatches.zip(src, tmp.resolve("flat.zip"), ""), tmp.resolve("a"));
        assertThat(tmp.resolve("a")).isDirectoryContaining("glob:**/Student.csv");
        try (var l = Files.list(tmp.resolve("a"))) {
            assertThat(l.count()).isEqualTo(6);
        }
        Path z = TestBatches.rawZip(tmp.resolve("folder.zip"), "district/", "", "district/School.csv", "SIS ID,Name\n",
                "__MACOSX/district/._School.csv", "junk", "district/.DS_Store", "junk", "student.CSV", "x");
        assertThatThrownBy(() -> unpacker.unpack(z, tmp.resolve("b"))).isInstanceOf(Refusal.class)
                .hasMessageContaining("both at its top and in the folder district");
        Path z2 = TestBatches.rawZip(tmp.resolve("folder2.zip"), "district/", "", "district/School.csv",
                "SIS ID,Name\n", "__MACOSX/district/._School.csv", "junk", "district/.DS_Store", "junk");
        unpacker.unpack(z2, tmp.resolve("c"));
        assertThat(Files.readString(tmp.resolve("c/School.csv"))).isEqualTo("SIS ID,Name\n");
        try (var l = Files.list(tmp.resolve("c"))) {
            assertThat(l.count()).isEqualTo(1);
        }
    }

    @Test
    void refusesEntriesThatClimbOut() throws Exception {
        refused(TestBatches.rawZip(tmp.resolve("slip.zip"), "../../School.csv", "x"), "points outside the batch");
        refused(TestBatches.rawZip(tmp.resolve("slip2.zip"), "district/..\\..\\School.csv", "x"), "points outside");
        refused(TestBatches.rawZip(tmp.resolve("abs.zip"), "/etc/School.csv", "x"), "absolute path");
        refused(TestBatches.rawZip(tmp.resolve("drive.zip"), "C:/School.csv", "x"), "absolute path");
        assertThat(tmp.getParent().resolve("School.csv")).doesNotExist();
    }

    @Test
    void refusesSymlinksNestingUnexpectedFilesAndDuplicates() throws Exception {
        refused(TestBatches.rawZip(tmp.resolve("link.zip"), "School.csv@link", "/etc/passwd"), "symbolic link");
        refused(TestBatches.rawZip(tmp.resolve("nest.zip"), "a/b/School.csv", "x"), "nested deeper");
        refused(TestBatches.rawZip(tmp.resolve("nestdir.zip"), "a/b/", ""), "nested deeper");
        refused(TestBatches.rawZip(tmp.resolve("two.zip"), "a/School.csv", "x", "b/Student.csv", "x"),
                "more than one folder");
        refused(TestBatches.rawZip(tmp.resolve("exe.zip"), "School.csv", "x", "run.exe", "x"),
                "unexpected file run.exe");
        refused(TestBatches.rawZip(tmp.resolve("extra.zip"), "orgs.csv", "x", "notes.txt", "x"),
                "The zip holds the unexpected file notes.txt (SDS: \"Archive validation failed. Unsupported file "
                        + "notes.txt found in archive extra.zip.\"); remove it and drop the zip again: a batch holds "
                        + "only the six SDS v1 files (School.csv, Section.csv, Student.csv, Teacher.csv, "
                        + "StudentEnrollment.csv, TeacherRoster.csv) or the SDS v2.1 files (orgs.csv, ");
        refused(TestBatches.rawZip(tmp.resolve("dup.zip"), "School.csv", "x", "school.CSV", "y"), "more than once");
    }

    @Test
    void unpacksTheFilesOfAnSdsV21Batch() throws Exception {
        Path z = TestBatches.rawZip(tmp.resolve("v21.zip"), "export/orgs.csv", "o", "export/users.csv", "u",
                "export/roles.csv", "r", "export/academicSessions.csv", "a", "export/userFlags.csv", "f");
        Path out = tmp.resolve("out-v21");
        unpacker.unpack(z, out);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("orgs.csv", "users.csv",
                    "roles.csv", "academicSessions.csv", "userFlags.csv");
        }
    }

    @Test
    void refusesMoreDataThanTheLimitCountingWhileCopying() throws Exception {
        Path z = TestBatches.rawZip(tmp.resolve("big.zip"), "School.csv", "a".repeat(2 << 20));
        Path out = tmp.resolve("out");
        refused(z, out, "unpacks to more than 1 MB");
    }

    @Test
    void refusesAFileThatIsNoZip() throws Exception {
        Path z = Files.writeString(tmp.resolve("fake.zip"), "this is not a zip");
        refused(z, "cannot be read as a zip");
    }

    private void refused(Path zip, String text) {
        refused(zip, tmp.resolve("out-" + zip.getFileName()), text);
    }

    private void refused(Path zip, Path out, String text) {
        assertThatThrownBy(() -> unpacker.unpack(zip, out)).isInstanceOf(Refusal.class).hasMessageContaining(text);
    }
}
