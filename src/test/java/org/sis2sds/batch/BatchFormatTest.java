package org.sis2sds.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The format of a batch folder is known from its file names; each format names its files and the required ones. */
class BatchFormatTest {
    @TempDir
    Path dir;

    private void touch(String... names) throws IOException {
        for (String n : names) {
            Files.writeString(dir.resolve(n), "x\n");
        }
    }

    @Test
    void eachFormatNamesItsFilesAndTheRequiredOnes() {
        assertThat(BatchFormat.V1.fileNames()).containsExactly("School.csv", "Section.csv", "Student.csv",
                "Teacher.csv", "StudentEnrollment.csv", "TeacherRoster.csv");
        assertThat(BatchFormat.V1.requiredFiles()).hasSize(6);
        assertThat(BatchFormat.V2_1.fileNames()).containsExactlyInAnyOrder("orgs.csv", "users.csv", "roles.csv",
                "classes.csv", "enrollments.csv", "academicSessions.csv", "courses.csv", "demographics.csv",
                "userFlags.csv", "relationships.csv");
        assertThat(BatchFormat.V2_1.requiredFiles()).extracting(BatchFile::canonicalName)
                .containsExactly("orgs.csv", "users.csv", "roles.csv");
        assertThat(V21File.ACADEMIC_SESSIONS.entity()).isEqualTo("academicSessions");
        assertThat(V21File.ACADEMIC_SESSIONS.messageName()).isEqualTo("academicSessions.csv");
        assertThat(SdsFile.STUDENT_ENROLLMENT.messageName()).isEqualTo("studentenrollment.csv");
        assertThat(V21File.ROLES.keyColumns()).containsExactly("userSourcedId", "orgSourcedId", "role");
        assertThat(SdsFile.TEACHER_ROSTER.keyColumns()).containsExactly("Section SIS ID", "SIS ID");
    }

    @Test
    void codesAndFileNamesAreRecognised() {
        assertThat(BatchFormat.fromCode("v2.1")).contains(BatchFormat.V2_1);
        assertThat(BatchFormat.fromCode(" V1 ")).contains(BatchFormat.V1);
        assertThat(BatchFormat.fromCode("v2")).isEmpty();
        assertThat(BatchFormat.fileNamed("ORGS.CSV")).contains(V21File.ORGS);
        assertThat(BatchFormat.fileNamed("school.csv")).contains(SdsFile.SCHOOL);
        assertThat(BatchFormat.fileNamed("notes.txt")).isEmpty();
    }

    @Test
    void aFolderOfOneFormatIsDetected() throws IOException {
        touch("orgs.csv", "users.csv", "Roles.csv", "notes.txt");
        BatchFormat.Detection d = BatchFormat.detect(dir);
        assertThat(d.format()).contains(BatchFormat.V2_1);
        assertThat(d.files(BatchFormat.V2_1)).containsExactly("Roles.csv", "orgs.csv", "users.csv");
        assertThat(d.mixed()).isFalse();
        assertThat(d.mixedDescription()).isNull();
    }

    @Test
    void aFolderMixingBothFormatsIsMixedAndSaysWhatToRemove() throws IOException {
        touch("School.csv", "orgs.csv", "users.csv");
        BatchFormat.Detection d = BatchFormat.detect(dir);
        assertThat(d.mixed()).isTrue();
        assertThat(d.format()).isEmpty();
        assertThat(d.mixedDescription()).contains("SDS v1 CSV files (School.csv)",
                "SDS v2.1 CSV files (orgs.csv, users.csv)", "remove the files of the other format");
    }

    @Test
    void aFolderWithoutBatchFilesHasNoFormat() throws IOException {
        touch("readme.txt");
        assertThat(BatchFormat.detect(dir).none()).isTrue();
        assertThat(BatchFormat.detect(List.of()).format()).isEmpty();
    }

    @Test
    void locateFindsTheFilesInFormatOrderAndPrefersTheCanonicalSpelling() throws IOException {
        touch("users.csv", "ORGS.csv", "orgs.csv", "roles.CSV");
        assertThat(BatchFormat.V2_1.locate(dir)).containsExactly(
                java.util.Map.entry(V21File.ORGS, dir.resolve("orgs.csv")),
                java.util.Map.entry(V21File.USERS, dir.resolve("users.csv")),
                java.util.Map.entry(V21File.ROLES, dir.resolve("roles.CSV")));
    }
}
