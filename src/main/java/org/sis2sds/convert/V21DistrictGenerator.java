package org.sis2sds.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.sis2sds.batch.DistrictGenerator;
import org.sis2sds.batch.School;
import org.sis2sds.batch.Section;
import org.sis2sds.batch.Student;
import org.sis2sds.batch.StudentEnrollment;
import org.sis2sds.batch.Teacher;
import org.sis2sds.batch.TeacherRoster;
import org.sis2sds.batch.V21File;
import org.sis2sds.batch.v21.DemographicsRow;
import org.sis2sds.batch.v21.OrgRow;
import org.sis2sds.batch.v21.RelationshipRow;
import org.sis2sds.batch.v21.UserFlagRow;
import org.sis2sds.batch.v21.UserRow;
import org.sis2sds.batch.v21.V21Writer;

/**
 * Writes a synthetic, consistent district as an SDS v2.1 batch (all ten files), row by row: the district of
 * {@link DistrictGenerator} for the same seed, mapped as {@code convert} maps a v1 batch ({@link V21Mapping}), under a
 * district org that is the parent of every school, plus what only v2.1 carries: demographics for every student (sex,
 * birth date), a user flag for about one student in twelve, and a guardian (a contact user with its relationship) for
 * about one student in seven.
 */
public final class V21DistrictGenerator {
    /** The sourcedId of the district org. */
    public static final String DISTRICT_ID = "DIST0001";
    private static final String[] FLAGS = {"iep", "504", "freeLunch", "englishLanguageLearner"};

    private V21DistrictGenerator() {
    }

    /** Writes the district into {@code dir} (created if needed); returns the data rows written per file. */
    public static Map<V21File, Long> write(Path dir, int students, long seed) throws IOException {
        SplittableRandom extra = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 21);
        try (V21Writer w = V21Writer.open(dir, V21Writer.ALL)) {
            w.write(new OrgRow(DISTRICT_ID, "Riverton Unified School District", "district", null));
            V21Mapping m = new V21Mapping(w, DISTRICT_ID);
            DistrictGenerator.generate(students, seed, new DistrictGenerator.Sink() {
                @Override
                public void teacher(Teacher t) throws IOException {
                    m.teacher(t);
                }

                @Override
                public void school(School s) {
                    m.school(s);
                }

                @Override
                public void section(Section s) {
                    m.section(s);
                }

                @Override
                public void roster(TeacherRoster r) {
                    m.roster(r);
                }

                @Override
                public void student(Student s) throws IOException {
                    m.student(s);
                    extras(w, s, extra);
                }

                @Override
                public void enrollment(StudentEnrollment e) {
                    m.enrollment(e);
                }
            });
            return w.counts();
        }
    }

    /** The v2.1-only rows of one student. */
    private static void extras(V21Writer w, Student s, SplittableRandom rnd) {
        w.write(new DemographicsRow(s.sisId(), rnd.nextBoolean() ? "female" : "male", s.birthdate(), null, null, null,
                null, null));
        if (rnd.nextInt(12) == 0) {
            w.write(new UserFlagRow(s.sisId(), FLAGS[rnd.nextInt(FLAGS.length)]));
        }
        if (rnd.nextInt(7) == 0) {
            String id = "GRD" + s.sisId().substring(3);
            String first = DistrictGenerator.FIRST[rnd.nextInt(DistrictGenerator.FIRST.length)];
            String mail = DistrictGenerator.ascii(first) + "." + DistrictGenerator.ascii(s.lastName())
                    + s.sisId().substring(3).toLowerCase(Locale.ROOT) + "@family.example.net";
            w.write(new UserRow(id, mail, first, s.lastName(), null, null, mail, null, null));
            w.write(new RelationshipRow(s.sisId(), id, rnd.nextInt(3) == 0 ? "parent" : "guardian"));
        }
    }
}
