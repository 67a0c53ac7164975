package org.sis2sds.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.batch.BatchFormat;
import org.sis2sds.batch.DistrictGenerator;
import org.sis2sds.validate.BatchValidator;
import org.sis2sds.validate.ValidationResult;

/** A valid v1 batch converts to a v2.1 batch that validates clean and keeps every person, section and membership. */
class V1ToV21ConverterTest {
    @TempDir
    Path tmp;

    @Test
    void aGeneratedV1DistrictConvertsCleanAndKeepsEveryRow() throws IOException {
        Path v1 = tmp.resolve("v1");
        DistrictGenerator.Counts g = DistrictGenerator.write(v1, 3000, 4L);
        V21Mapping.Counts c = V1ToV21Converter.convert(v1, tmp.resolve("v21"));

        ValidationResult r = new BatchValidator().validate(tmp.resolve("v21"));
        assertThat(r.format()).isEqualTo(BatchFormat.V2_1);
        assertThat(r.messages()).isEmpty();
        assertThat(c.students()).isEqualTo(g.students());
        assertThat(c.teachers()).isEqualTo(g.teachers());
        assertThat(c.classes()).isEqualTo(g.sections());
        assertThat(c.studentEnrollments()).isEqualTo(g.studentEnrollments());
        assertThat(c.teacherEnrollments()).isEqualTo(g.teacherRosters());
        assertThat(r.rowCounts()).containsEntry("orgs", g.schools())
                .containsEntry("users", g.students() + g.teachers())
                .containsEntry("roles", g.students() + g.teachers())
                .containsEntry("classes", g.sections())
                .containsEntry("enrollments", g.studentEnrollments() + g.teacherRosters())
                .containsEntry("academicSessions", 1L);
        assertThat(Files.readString(tmp.resolve("v21/roles.csv"))).contains(",student,,kg,true,", ",student,,07,true,",
                ",teacher,,,true,");
    }

    private static void write(Path dir, String file, String content) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), content);
    }

    private static Path small(Path dir, String section, String students, String teachers) throws IOException {
        write(dir, "School.csv", "SIS ID,Name\nS1,Lincoln\n");
        write(dir, "Section.csv", section);
        write(dir, "Student.csv", students);
        write(dir, "Teacher.csv", teachers);
        write(dir, "StudentEnrollment.csv", "Section SIS ID,SIS ID\nC1,P1\n");
        write(dir, "TeacherRoster.csv", "Section SIS ID,SIS ID\nC1,T1\n");
        return dir;
    }

    @Test
    void termsWithoutDatesAndSectionsWithoutCoursesGiveClassesWithoutThem() throws IOException {
        Path v1 = small(tmp.resolve("v1"), "SIS ID,School SIS ID,Section Name,Term SIS ID\nC1,S1,Math,T2026\n",
                "SIS ID,School SIS ID,Username,Password,Grade\nP1,S1,p1,Secret1,1\nP1,S1,p1b,,2\n",
                "SIS ID,School SIS ID,Username\nT1,S1,t1\n");
        V21Mapping.Counts c = V1ToV21Converter.convert(v1, tmp.resolve("out"));
        assertThat(c.repeatedStudents()).isEqualTo(1);
        assertThat(tmp.resolve("out/academicSessions.csv")).doesNotExist();
        assertThat(tmp.resolve("out/courses.csv")).doesNotExist();
        assertThat(Files.readString(tmp.resolve("out/classes.csv"))).endsWith("C1,S1,Math,,\r\n");
        assertThat(Files.readString(tmp.resolve("out/users.csv"))).contains("P1,p1,,,Secret1,").doesNotContain("p1b");
        // v1 without names: SDS v2.1 needs them only to create users, so a Warning each, no Error
        assertThat(new BatchValidator().validate(tmp.resolve("out")).messages()).extracting(m -> m.type() + " "
                + m.rule() + " " + m.column()).containsExactly("Warning V21-07 givenName", "Warning V21-07 familyName");
    }

    @Test
    void aTeacherWithAStudentsSisIdIsRefusedAndNothingIsLeftBehind() throws IOException {
        Path v1 = small(tmp.resolve("v1"), "SIS ID,School SIS ID,Section Name\nC1,S1,Math\n",
                "SIS ID,School SIS ID,Username\nP1,S1,p1\n", "SIS ID,School SIS ID,Username\nP1,S1,t1\n");
        assertThatThrownBy(() -> V1ToV21Converter.convert(v1, tmp.resolve("out")))
                .isInstanceOf(ConversionRefused.class).hasMessageContaining("The SIS ID P1 is both a student's and "
                        + "a teacher's");
        try (var files = Files.list(tmp.resolve("out"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void gradesAndDatesBecomeV21Codes() {
        assertThat(V21Mapping.grade("K")).isEqualTo("kg");
        assertThat(V21Mapping.grade("PK")).isEqualTo("pk");
        assertThat(V21Mapping.grade("Pre-K")).isEqualTo("pk");
        assertThat(V21Mapping.grade("3")).isEqualTo("03");
        assertThat(V21Mapping.grade("12")).isEqualTo("12");
        assertThat(V21Mapping.grade("PS2")).isEqualTo("ps2");
        assertThat(V21Mapping.grade("Adult")).isEqualTo("Adult");
        assertThat(V21Mapping.grade(" ")).isNull();
        assertThat(V21Mapping.isoDate("8/18/2025")).isEqualTo("2025-08-18");
        assertThat(V21Mapping.isoDate("20250818")).isEqualTo("2025-08-18");
        assertThat(V21Mapping.isoDate("2025-08-18")).isEqualTo("2025-08-18");
        assertThat(V21Mapping.isoDate("")).isNull();
    }
}
