package org.sis2sds.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.validate.ValidationResult;
import org.sis2sds.validate.Validator;

class DistrictGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void aDistrictValidatesWithNoMessagesAndHasRealisticRatios() throws IOException {
        DistrictGenerator.Counts c = DistrictGenerator.write(dir, 5000, 42L);
        assertThat(c.students()).isEqualTo(5000);
        assertThat(c.schools()).isBetween(10L, 15L);
        assertThat((double) c.students() / c.teachers()).isBetween(14.0, 18.0);
        assertThat((double) c.studentEnrollments() / c.students()).isBetween(6.0, 7.0);
        assertThat((double) c.studentEnrollments() / c.sections()).isBetween(20.0, 30.0);
        assertThat(c.teacherRosters()).isEqualTo(c.sections());

        ValidationResult r = new Validator().validate(dir);
        assertThat(r.messages()).isEmpty();
        assertThat(r.rowCounts()).containsEntry("student", 5000L).containsEntry("studentenrollment",
                c.studentEnrollments()).containsEntry("school", c.schools());
    }

    @Test
    void studentsEnrollOnlyInSectionsOfTheirSchoolAndNamesLookReal() throws IOException {
        DistrictGenerator.write(dir, 1200, 5L);
        SdsBatch b = SdsBatch.locate(dir);
        Map<String, String> sectionSchool = new HashMap<>();
        try (Stream<Section> s = b.sections()) {
            s.forEach(x -> sectionSchool.put(x.sisId(), x.schoolSisId()));
        }
        Map<String, String> studentSchool = new HashMap<>();
        Set<String> accented = new HashSet<>();
        try (Stream<Student> s = b.students()) {
            s.forEach(x -> {
                studentSchool.put(x.sisId(), x.schoolSisId());
                assertThat(x.username()).matches("[a-z]+[0-9]+");
                assertThat(x.firstName()).isNotBlank();
                if (!x.lastName().chars().allMatch(ch -> ch < 128)) {
                    accented.add(x.lastName());
                }
            });
        }
        assertThat(accented).isNotEmpty();
        try (Stream<StudentEnrollment> s = b.studentEnrollments()) {
            s.forEach(e -> assertThat(sectionSchool.get(e.sectionSisId())).isEqualTo(studentSchool.get(e.sisId())));
        }
    }

    @Test
    void sameSeedSameFilesOtherSeedOtherFiles() throws IOException {
        DistrictGenerator.write(dir.resolve("a"), 300, 9L);
        DistrictGenerator.write(dir.resolve("b"), 300, 9L);
        DistrictGenerator.write(dir.resolve("c"), 300, 10L);
        for (SdsFile f : SdsFile.values()) {
            assertThat(Files.mismatch(dir.resolve("a").resolve(f.canonicalName()),
                    dir.resolve("b").resolve(f.canonicalName()))).isEqualTo(-1L);
        }
        assertThat(Files.mismatch(dir.resolve("a/Student.csv"), dir.resolve("c/Student.csv"))).isNotEqualTo(-1L);
    }

    @Test
    void tinyDistrictsAreStillConsistent() throws IOException {
        for (int n : new int[] {1, 2, 7, 33}) {
            Path d = dir.resolve("n" + n);
            DistrictGenerator.write(d, n, 1L);
            assertThat(new Validator().validate(d).messages()).as("%d students", n).isEmpty();
        }
    }
}
