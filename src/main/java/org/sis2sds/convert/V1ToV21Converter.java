package org.sis2sds.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.sis2sds.batch.SdsBatch;
import org.sis2sds.batch.SdsCsvReader;
import org.sis2sds.batch.SdsFile;
import org.sis2sds.batch.School;
import org.sis2sds.batch.Section;
import org.sis2sds.batch.Student;
import org.sis2sds.batch.StudentEnrollment;
import org.sis2sds.batch.Teacher;
import org.sis2sds.batch.TeacherRoster;
import org.sis2sds.batch.V21File;
import org.sis2sds.batch.v21.V21Writer;

/**
 * Turns an SDS v1 batch folder into an SDS v2.1 batch with {@link V21Mapping}, streaming: each v1 file is read once,
 * in SDS order. The caller validates the v1 batch first (a batch with Errors must not be converted). academicSessions
 * and courses are left out when the v1 batch has no terms or courses.
 */
public final class V1ToV21Converter {
    private V1ToV21Converter() {
    }

    /**
     * Converts {@code v1Dir} into {@code out} (created; its v2.1 files are replaced). On failure the files written
     * so far are removed.
     */
    public static V21Mapping.Counts convert(Path v1Dir, Path out) throws IOException {
        SdsBatch b = SdsBatch.locate(v1Dir);
        V21Mapping.Counts counts;
        try {
            V21Mapping m = new V21Mapping(V21Writer.open(out, V21Writer.ROSTER), null);
            try (m) {
                each(b, SdsFile.SCHOOL, r -> m.school(School.from(r)));
                each(b, SdsFile.SECTION, r -> m.section(Section.from(r)));
                each(b, SdsFile.STUDENT, r -> m.student(Student.from(r), r.get("Password")));
                each(b, SdsFile.TEACHER, r -> m.teacher(Teacher.from(r), r.get("Password")));
                each(b, SdsFile.STUDENT_ENROLLMENT, r -> m.enrollment(StudentEnrollment.from(r)));
                each(b, SdsFile.TEACHER_ROSTER, r -> m.roster(TeacherRoster.from(r)));
            }
            counts = m.counts();
        } catch (IOException | RuntimeException e) {
            for (V21File f : V21Writer.ROSTER) {
                Files.deleteIfExists(out.resolve(f.canonicalName()));
            }
            throw e;
        }
        if (counts.academicSessions() == 0) {
            Files.deleteIfExists(out.resolve(V21File.ACADEMIC_SESSIONS.canonicalName()));
        }
        if (counts.courses() == 0) {
            Files.deleteIfExists(out.resolve(V21File.COURSES.canonicalName()));
        }
        return counts;
    }

    /** One step of the conversion: a data row of a v1 file. */
    @FunctionalInterface
    private interface RowStep {
        void row(SdsCsvReader r) throws IOException;
    }

    /** Streams every data row of one v1 file (none when the file is absent) into {@code step}. */
    private static void each(SdsBatch b, SdsFile f, RowStep step) throws IOException {
        Optional<Path> p = b.file(f);
        if (p.isEmpty()) {
            return;
        }
        try (SdsCsvReader r = SdsCsvReader.open(p.get())) {
            while (r.next()) {
                step.row(r);
            }
        }
    }
}
