package org.sis2sds.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.batch.DistrictGenerator;
import org.sis2sds.batch.V21File;
import org.sis2sds.validate.BatchValidator;
import org.sis2sds.validate.ValidationResult;

/** generate --format v2.1: the same district as v1 for a seed, in all ten files, validating clean. */
class V21DistrictGeneratorTest {
    @TempDir
    Path tmp;

    @Test
    void aV21DistrictValidatesCleanAndIsTheV1DistrictOfTheSameSeed() throws IOException {
        Map<V21File, Long> rows = V21DistrictGenerator.write(tmp.resolve("v21"), 2500, 8L);
        DistrictGenerator.Counts v1 = DistrictGenerator.write(tmp.resolve("v1"), 2500, 8L);
        ValidationResult r = new BatchValidator().validate(tmp.resolve("v21"));
        assertThat(r.messages()).isEmpty();
        long guardians = rows.get(V21File.RELATIONSHIPS);
        assertThat(guardians).isBetween(2500L / 10, 2500L / 5);
        assertThat(rows).containsEntry(V21File.ORGS, v1.schools() + 1)
                .containsEntry(V21File.USERS, v1.students() + v1.teachers() + guardians)
                .containsEntry(V21File.ROLES, v1.students() + v1.teachers())
                .containsEntry(V21File.CLASSES, v1.sections())
                .containsEntry(V21File.ENROLLMENTS, v1.studentEnrollments() + v1.teacherRosters())
                .containsEntry(V21File.DEMOGRAPHICS, v1.students())
                .containsEntry(V21File.ACADEMIC_SESSIONS, 1L);
        assertThat(rows.get(V21File.USER_FLAGS)).isPositive();
        assertThat(Files.readString(tmp.resolve("v21/orgs.csv"))).contains("DIST0001,Riverton Unified School "
                + "District,district,\r\n", ",school,DIST0001\r\n");
    }

    @Test
    void sameSeedSameFiles() throws IOException {
        V21DistrictGenerator.write(tmp.resolve("a"), 300, 3L);
        V21DistrictGenerator.write(tmp.resolve("b"), 300, 3L);
        for (V21File f : V21File.values()) {
            assertThat(Files.mismatch(tmp.resolve("a").resolve(f.canonicalName()),
                    tmp.resolve("b").resolve(f.canonicalName()))).as(f.canonicalName()).isEqualTo(-1L);
        }
    }
}
