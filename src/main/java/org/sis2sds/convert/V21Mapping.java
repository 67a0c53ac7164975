package org.sis2sds.convert;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sis2sds.batch.DistrictGenerator;
import org.sis2sds.batch.School;
import org.sis2sds.batch.Section;
import org.sis2sds.batch.Student;
import org.sis2sds.batch.StudentEnrollment;
import org.sis2sds.batch.Teacher;
import org.sis2sds.batch.TeacherRoster;
import org.sis2sds.batch.V21Enum;
import org.sis2sds.batch.v21.AcademicSessionRow;
import org.sis2sds.batch.v21.ClassRow;
import org.sis2sds.batch.v21.CourseRow;
import org.sis2sds.batch.v21.EnrollmentRow;
import org.sis2sds.batch.v21.OrgRow;
import org.sis2sds.batch.v21.RoleRow;
import org.sis2sds.batch.v21.UserRow;
import org.sis2sds.batch.v21.V21Writer;
import org.sis2sds.validate.Hash64;
import org.sis2sds.validate.LongHashSet;

/**
 * The SDS v1 → v2.1 mapping of research industrydata.md §4.7, row by row into a {@link V21Writer} (streaming: it
 * keeps the IDs of students and teachers as 64-bit hashes, and the few term and course IDs).
 *
 * <ul>
 *   <li>School → orgs.csv ({@code type} school, the parent org when given).</li>
 *   <li>Section → classes.csv; its term → academicSessions.csv ({@code type} term, {@code schoolYear} the year its
 *       end date falls in) and its course → courses.csv, each once, the first time it is seen.</li>
 *   <li>Student and Teacher → users.csv and one roles.csv row at their school ({@code student} with the grade as a
 *       v2.1 code, {@code teacher}; {@code isPrimary} true).</li>
 *   <li>StudentEnrollment and TeacherRoster → enrollments.csv with {@code role} student and teacher.</li>
 * </ul>
 * A repeated student or teacher SIS ID (a v1 Warning: SDS syncs one of them) keeps the first row; a teacher whose
 * SIS ID is also a student's refuses the conversion, since v2.1 users share one ID space.
 */
public final class V21Mapping implements DistrictGenerator.Sink, Closeable {
    /** Rows written or skipped. */
    public record Counts(long orgs, long academicSessions, long courses, long students, long teachers, long classes,
                         long studentEnrollments, long teacherEnrollments, long repeatedStudents,
                         long repeatedTeachers) {
        public long users() {
            return students + teachers;
        }

        public long enrollments() {
            return studentEnrollments + teacherEnrollments;
        }
    }

    private final V21Writer out;
    private final String parentOrg;
    private final LongHashSet students = new LongHashSet(1 << 16);
    private final LongHashSet teachers = new LongHashSet(1 << 12);
    private final Set<String> sessions = new HashSet<>();
    private final Set<String> courses = new HashSet<>();
    private long orgs;
    private long classes;
    private long studentRows;
    private long teacherRows;
    private long studentEnrollments;
    private long teacherEnrollments;
    private long repeatedStudents;
    private long repeatedTeachers;
    private long sessionRows;
    private long courseRows;

    /**
     * @param out       the writer, opened with at least orgs, academicSessions, courses, users, classes, roles and
     *                  enrollments
     * @param parentOrg the sourcedId of the schools' parent org (a district row the caller writes), or null
     */
    public V21Mapping(V21Writer out, String parentOrg) {
        this.out = out;
        this.parentOrg = parentOrg;
    }

    @Override
    public void school(School s) {
        out.write(new OrgRow(s.sisId(), s.name(), "school", parentOrg));
        orgs++;
    }

    @Override
    public void section(Section s) {
        String session = session(s);
        String course = blank(s.courseSisId());
        if (course != null && courses.add(course)) {
            out.write(new CourseRow(course, s.schoolSisId(), s.courseName().isBlank() ? course : s.courseName(),
                    blank(s.courseNumber()), null, null, null));
            courseRows++;
        }
        out.write(new ClassRow(s.sisId(), s.schoolSisId(), s.sectionName(), session == null ? null : List.of(session),
                course));
        classes++;
    }

    /** The section's term as an academic session (written the first time), or null without a term or its dates. */
    private String session(Section s) {
        String id = blank(s.termSisId());
        if (id == null) {
            return null;
        }
        String start = isoDate(s.termStartDate());
        String end = isoDate(s.termEndDate());
        if (start == null || end == null) {
            return sessions.contains(id) ? id : null; // v2.1 needs both dates: a term without them is left out
        }
        if (sessions.add(id)) {
            out.write(new AcademicSessionRow(id, s.termName().isBlank() ? id : s.termName(), "term",
                    end.substring(0, 4), start, end));
            sessionRows++;
        }
        return id;
    }

    @Override
    public void student(Student s) throws IOException {
        student(s, null);
    }

    /** A student, with the v1 {@code Password} when there is one. */
    public void student(Student s, String password) throws IOException {
        if (person(s.sisId(), students, teachers, new UserRow(s.sisId(), s.username(), blank(s.firstName()),
                blank(s.lastName()), blank(password), null, blank(s.secondaryEmail()), null, null),
                new RoleRow(s.sisId(), s.schoolSisId(), "student", null, grade(s.grade()), true, null, null))) {
            studentRows++;
        } else {
            repeatedStudents++;
        }
    }

    @Override
    public void teacher(Teacher t) throws IOException {
        teacher(t, null);
    }

    /** A teacher, with the v1 {@code Password} when there is one. */
    public void teacher(Teacher t, String password) throws IOException {
        if (person(t.sisId(), teachers, students, new UserRow(t.sisId(), t.username(), blank(t.firstName()),
                blank(t.lastName()), blank(password), null, blank(t.secondaryEmail()), null, null),
                new RoleRow(t.sisId(), t.schoolSisId(), "teacher", null, null, true, null, null))) {
            teacherRows++;
        } else {
            repeatedTeachers++;
        }
    }

    /**
     * Writes a person's user and role rows unless the SIS ID was seen before among {@code own} (then false). A SIS ID
     * of the {@code other} kind of person refuses the conversion.
     */
    private boolean person(String sisId, LongHashSet own, LongHashSet other, UserRow user, RoleRow role)
            throws ConversionRefused {
        long h = Hash64.hash(sisId);
        if (other.contains(h)) {
            throw conflict(sisId);
        }
        if (!own.add(h)) {
            return false;
        }
        out.write(user);
        out.write(role);
        return true;
    }

    private static ConversionRefused conflict(String id) {
        return new ConversionRefused("The SIS ID " + id + " is both a student's and a teacher's. SDS v2.1 keeps "
                + "students and teachers in one users.csv, where every sourcedId must be unique: give one of them "
                + "another SIS ID in the source and export again.");
    }

    @Override
    public void enrollment(StudentEnrollment e) {
        out.write(new EnrollmentRow(e.sectionSisId(), e.sisId(), "student"));
        studentEnrollments++;
    }

    @Override
    public void roster(TeacherRoster r) {
        out.write(new EnrollmentRow(r.sectionSisId(), r.sisId(), "teacher"));
        teacherEnrollments++;
    }

    public Counts counts() {
        return new Counts(orgs, sessionRows, courseRows, studentRows, teacherRows, classes, studentEnrollments,
                teacherEnrollments, repeatedStudents, repeatedTeachers);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private static String blank(String v) {
        return v == null || v.isBlank() ? null : v;
    }

    /**
     * A v1 grade as a v2.1 grade code: {@code K} → kg, {@code PK} → pk, {@code TK} → tk, {@code 1}–{@code 13} →
     * 01–13, any code of the list as SDS writes it; another value is kept as it is (the validator warns, SDS drops it).
     */
    static String grade(String v1) {
        String g = blank(v1);
        if (g == null) {
            return null;
        }
        g = g.strip();
        String k = g.toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
        switch (k) {
            case "k", "kg", "kindergarten", "kindergarden" -> {
                return "kg";
            }
            case "pk", "prek", "prekindergarten", "p" -> {
                return "pk";
            }
            case "tk", "transitionalkindergarten" -> {
                return "tk";
            }
            default -> {
                if (k.matches("0?[0-9]|1[0-4]")) {
                    return String.format(Locale.ROOT, "%02d", Integer.parseInt(k));
                }
                return V21Enum.GRADE.canonical(g).orElse(g);
            }
        }
    }

    /** A v1 date (YYYY-MM-DD, YYYYMMDD or M/D/YYYY) in ISO 8601 form, or null when blank or unreadable. */
    static String isoDate(String v1) {
        String d = blank(v1);
        if (d == null) {
            return null;
        }
        d = d.strip();
        if (d.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return d;
        }
        if (d.matches("\\d{8}")) {
            return d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})").matcher(d);
        if (m.matches()) {
            return String.format(Locale.ROOT, "%s-%02d-%02d", m.group(3), Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)));
        }
        return null;
    }
}
