package org.sis2sds.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a synthetic, internally consistent school district as an SDS v1 batch (the six files), row by row: nothing is
 * held in memory, so a 1,000,000-student district generates in constant memory. The district goes row by row to a
 * {@link Sink}: {@link #write} writes the six v1 files; other sinks write the same district in another format (the
 * SDS v2.1 generator maps it as {@code convert} would).
 *
 * <p>Shape: about 2.5 schools per 1,000 students (half elementary K-5, three in ten middle 6-8, two in ten high 9-12),
 * one teacher per 16 students, sections of about 25 students for one full-year term, 6 or 7 enrollments per student
 * (all in sections of the student's own school), one teacher per section on the roster, the school's first teacher
 * as principal. Names are drawn from realistic lists (some with accents); usernames are ASCII, lower case and unique
 * ({@code jgarcia100042} for students, {@code mary.johnson2001} for teachers). The same seed gives the same files.
 * The batch validates with zero Errors and zero Warnings.
 */
public final class DistrictGenerator {

    /** What was written: rows per file. */
    public record Counts(long schools, long sections, long students, long teachers, long studentEnrollments,
                         long teacherRosters) {
        public long total() {
            return schools + sections + students + teachers + studentEnrollments + teacherRosters;
        }
    }

    public static final String[] FIRST = {"Olivia", "Liam", "Emma", "Noah", "Charlotte", "Oliver", "Amelia", "Elijah",
        "Sophia", "James", "Isabella", "William", "Mia", "Benjamin", "Evelyn", "Lucas", "Harper", "Henry", "Luna",
        "Theodore", "Camila", "Jack", "Gianna", "Levi", "Elizabeth", "Alexander", "Eleanor", "Jackson", "Ella",
        "Mateo", "Abigail", "Daniel", "Sofía", "Michael", "Avery", "Mason", "Scarlett", "Sebastián", "Emily", "Ethan",
        "Aria", "Logan", "Penelope", "Owen", "Chloe", "Samuel", "Layla", "Jacob", "Mila", "Asher", "Nora", "Aiden",
        "Hazel", "John", "Madison", "Joseph", "Ellie", "Wyatt", "Lily", "David", "Nova", "Leo", "Isla", "Luke",
        "Grace", "Julian", "Violet", "Hudson", "Aurora", "Grayson", "Riley", "Matthew", "Zoë", "Ezra", "Willow",
        "Gabriel", "Emilia", "Carter", "Stella", "Isaac", "Zoey", "Jayden", "Victoria", "Luca", "Hannah", "Anthony",
        "Addison", "Dylan", "Leah", "Lincoln", "Lucy", "Thomas", "Eliana", "Maverick", "Ivy", "Elias", "Everly",
        "Josiah", "Lillian", "Charles", "Paisley", "Caleb", "Elena", "Christopher", "Naomi", "Ezekiel", "Maya",
        "Miles", "Natalie", "Jaxon", "Kinsley", "Isaiah", "Delilah", "Andrew", "Claire", "Joshua", "Audrey", "Nathan",
        "Aaliyah", "Nolan", "Ruby", "Adrian", "Brooklyn", "Cameron", "Alice", "Santiago", "Aubrey", "Eli", "Autumn",
        "Aaron", "Leilani", "Ryan", "Savannah", "Angel", "Valentina", "Cooper", "Kennedy", "Waylon", "Madelyn",
        "Easton", "Josephine", "Kai", "Bella", "Christian", "Skylar", "Landon", "Genesis", "Colton", "Sadie", "Chloé",
        "José", "Renée", "André", "Zoé", "Björn", "Siobhán", "Mohammed", "Aisha", "Wei", "Mei", "Hiroshi", "Yuki",
        "Priya", "Arjun", "Oluwaseun", "Chiamaka", "Dmitri", "Anya", "Tomás", "Ximena"};

    static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
        "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
        "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis",
        "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
        "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez",
        "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris",
        "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey", "Reed",
        "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Chavez", "Wood", "James",
        "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes", "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers",
        "Long", "Ross", "Foster", "Jiménez", "O'Brien", "O'Connor", "Müller", "Núñez", "Schäfer", "Dubois",
        "Kowalski", "Nakamura", "Okafor", "Haddad", "Ivanova", "Chen", "Wang", "Singh", "Kumar", "Ali", "Hussain",
        "Van der Berg", "De la Cruz", "McAllister", "Fitzgerald", "Lindqvist"};

    static final String[] PLACES = {"Lincoln", "Washington", "Jefferson", "Roosevelt", "Franklin", "Madison",
        "Kennedy", "Riverside", "Lakeview", "Hillcrest", "Oak Grove", "Maple Ridge", "Cedar Park", "Pine Valley",
        "Willow Creek", "Sunnyside", "Meadowbrook", "Eastwood", "Westfield", "Northgate", "Southport", "Fairview",
        "Highland", "Brookside", "Greenwood", "Parkview", "Springdale", "Stonebridge", "Harborview", "Clearwater",
        "Mountain View", "Golden Hills", "Silver Lake", "Bayside", "Crestwood", "Ridgeway", "Pleasant Valley",
        "Cesar Chavez", "Sojourner Truth", "Rosa Parks", "Amelia Earhart", "Marie Curie", "Thurgood Marshall"};

    static final String[] CITIES = {"Springfield", "Riverton", "Fairfield", "Georgetown", "Salem", "Madison",
        "Clinton", "Arlington", "Ashland", "Dover", "Franklin", "Greenville", "Hudson", "Kingston", "Milton"};

    static final String[] STREETS = {"Main St", "Oak Ave", "School Rd", "Maple Dr", "Elm St", "College Blvd",
        "Park Ave", "Church St", "Mill Rd", "Lake Dr"};

    private static final String[][] ELEMENTARY = {{"Reading", "English Language Arts"}, {"Mathematics", "Mathematics"},
        {"Science", "Science"}, {"Social Studies", "Social Studies"}, {"Art", "Fine Arts"}, {"Music", "Fine Arts"},
        {"Physical Education", "Physical Education"}, {"Library", "English Language Arts"}};
    private static final String[][] MIDDLE = {{"English 6", "English Language Arts"}, {"Math 7", "Mathematics"},
        {"Pre-Algebra", "Mathematics"}, {"Life Science", "Science"}, {"Earth Science", "Science"},
        {"World History", "Social Studies"}, {"U.S. History", "Social Studies"}, {"Spanish I", "World Languages"},
        {"Band", "Fine Arts"}, {"Health & PE", "Physical Education"}, {"Computer Science Discoveries",
        "Computer Science"}};
    private static final String[][] HIGH = {{"English 9", "English Language Arts"}, {"English 10",
        "English Language Arts"}, {"AP English Literature", "English Language Arts"}, {"Algebra I", "Mathematics"},
        {"Geometry", "Mathematics"}, {"Algebra II", "Mathematics"}, {"Pre-Calculus", "Mathematics"},
        {"AP Calculus AB", "Mathematics"}, {"Biology", "Science"}, {"Chemistry", "Science"}, {"Physics", "Science"},
        {"AP Environmental Science", "Science"}, {"World History", "Social Studies"}, {"U.S. Government",
        "Social Studies"}, {"Economics", "Social Studies"}, {"Spanish II", "World Languages"}, {"French I",
        "World Languages"}, {"Chorus", "Fine Arts"}, {"Ceramics", "Fine Arts"}, {"AP Computer Science A",
        "Computer Science"}, {"Physical Education", "Physical Education"}};

    private static final String TERM_ID = "TERM-2025-26";
    private static final String TERM_NAME = "2025-2026 School Year";
    private static final String TERM_START = "2025-08-18";
    private static final String TERM_END = "2026-06-05";
    private static final int SCHOOL_YEAR_END = 2026;

    private DistrictGenerator() {
    }

    /** Receives a generated district row by row, in the order the generator makes it. */
    public interface Sink {
        void teacher(Teacher t) throws IOException;

        void school(School s) throws IOException;

        void section(Section s) throws IOException;

        void roster(TeacherRoster r) throws IOException;

        void student(Student s) throws IOException;

        void enrollment(StudentEnrollment e) throws IOException;
    }

    /** Writes the six files of a district of {@code students} students into {@code dir} (created if needed). */
    public static Counts write(Path dir, int students, long seed) throws IOException {
        if (students < 1) {
            throw new IllegalArgumentException("A district needs at least 1 student.");
        }
        Files.createDirectories(dir);
        try (CsvWriter school = new CsvWriter(dir.resolve(SdsFile.SCHOOL.canonicalName()), School.COLUMNS);
             CsvWriter section = new CsvWriter(dir.resolve(SdsFile.SECTION.canonicalName()), Section.COLUMNS);
             CsvWriter student = new CsvWriter(dir.resolve(SdsFile.STUDENT.canonicalName()), Student.COLUMNS);
             CsvWriter teacher = new CsvWriter(dir.resolve(SdsFile.TEACHER.canonicalName()), Teacher.COLUMNS);
             CsvWriter enroll = new CsvWriter(dir.resolve(SdsFile.STUDENT_ENROLLMENT.canonicalName()),
                     StudentEnrollment.COLUMNS);
             CsvWriter roster = new CsvWriter(dir.resolve(SdsFile.TEACHER_ROSTER.canonicalName()),
                     TeacherRoster.COLUMNS)) {
            return generate(students, seed, new Sink() {
                @Override
                public void teacher(Teacher t) {
                    teacher.write(t.cells());
                }

                @Override
                public void school(School s) {
                    school.write(s.cells());
                }

                @Override
                public void section(Section s) {
                    section.write(s.cells());
                }

                @Override
                public void roster(TeacherRoster r) {
                    roster.write(r.cells());
                }

                @Override
                public void student(Student s) {
                    student.write(s.cells());
                }

                @Override
                public void enrollment(StudentEnrollment e) {
                    enroll.write(e.cells());
                }
            });
        }
    }

    /** Generates a district of {@code students} students (1 or more) into {@code sink}; the same seed, the same rows. */
    public static Counts generate(int students, long seed, Sink sink) throws IOException {
        if (students < 1) {
            throw new IllegalArgumentException("A district needs at least 1 student.");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int schools = (int) Math.max(1, Math.round(students * 2.5 / 1000));
        long sectionSeq = 0;
        long teacherSeq = 0;
        long studentSeq = 0;
        long enrollments = 0;
        long rosters = 0;
        for (int s = 0; s < schools; s++) {
            int from = (int) ((long) students * s / schools);
            int to = (int) ((long) students * (s + 1) / schools);
            int n = to - from;
            int kind = s % 10 < 5 ? 0 : s % 10 < 8 ? 1 : 2; // elementary, middle, high
            int gradeLow = kind == 0 ? 0 : kind == 1 ? 6 : 9;
            int gradeHigh = kind == 0 ? 5 : kind == 1 ? 8 : 12;
            String[][] courses = kind == 0 ? ELEMENTARY : kind == 1 ? MIDDLE : HIGH;
            String schoolId = String.format(Locale.ROOT, "SCH%05d", s + 1);
            int teachers = Math.max(1, Math.round(n / 16f));
            int sections = Math.max(1, (int) Math.ceil(n * 6.5 / 25));
            long firstTeacher = teacherSeq + 1;
            long firstSection = sectionSeq + 1;

            // teachers (the first one is the principal)
            String principalName = null;
            for (int t = 0; t < teachers; t++) {
                long no = ++teacherSeq;
                String first = pick(rnd, FIRST);
                String last = pick(rnd, LAST);
                if (t == 0) {
                    principalName = first + " " + last;
                }
                String username = ascii(first) + "." + ascii(last) + (1000 + no);
                sink.teacher(new Teacher(teacherId(no), schoolId, username, first, last,
                        rnd.nextInt(4) == 0 ? String.valueOf((char) ('A' + rnd.nextInt(26))) : "",
                        username + "@staffmail.example.org", String.valueOf(1000 + no), "Active", "",
                        t == 0 ? "Principal" : "Teacher", rnd.nextInt(3) == 0 ? "M.Ed." : "B.A."));
            }
            int zipBase = 10000 + (s * 37) % 89000;
            sink.school(new School(schoolId, PLACES[s % PLACES.length] + (kind == 0 ? " Elementary School"
                            : kind == 1 ? " Middle School" : " High School")
                            + (s >= PLACES.length * 3 ? " " + (s + 1) : ""),
                    String.valueOf(100 + s), String.format(Locale.ROOT, "ST-%06d", 500000 + s),
                    gradeLow == 0 ? "K" : String.valueOf(gradeLow), String.valueOf(gradeHigh),
                    teacherId(firstTeacher), principalName, "principal" + (s + 1) + "@district.example.org",
                    (100 + rnd.nextInt(9800)) + " " + pick(rnd, STREETS), CITIES[s % CITIES.length], "WA",
                    String.valueOf(zipBase), String.format(Locale.ROOT, "(555) %03d-%04d", 200 + s % 700,
                            rnd.nextInt(10000))));

            // sections, one teacher each
            for (int k = 0; k < sections; k++) {
                long no = ++sectionSeq;
                String[] course = courses[k % courses.length];
                int period = (k / courses.length) % 7 + 1;
                String sectionId = sectionId(no);
                String courseId = String.format(Locale.ROOT, "CRS-%d-%02d", kind, k % courses.length + 1);
                sink.section(new Section(sectionId, schoolId, course[0] + " - Period " + period,
                        String.valueOf(no), TERM_ID, TERM_NAME, TERM_START, TERM_END, courseId, course[0],
                        String.format(Locale.ROOT, "%d%02d", kind + 1, k % courses.length + 1), course[1],
                        String.valueOf(period), "Active"));
                sink.roster(new TeacherRoster(sectionId, teacherId(firstTeacher + k % teachers)));
                rosters++;
            }

            // students and their enrollments
            for (int l = 0; l < n; l++) {
                long no = ++studentSeq;
                String first = pick(rnd, FIRST);
                String last = pick(rnd, LAST);
                String middle = rnd.nextInt(3) == 0 ? pick(rnd, FIRST) : "";
                int grade = gradeLow + rnd.nextInt(gradeHigh - gradeLow + 1);
                LocalDate born = LocalDate.of(SCHOOL_YEAR_END - 7 - grade, 9, 1).plusDays(rnd.nextInt(365));
                long number = 100000 + no;
                String username = ascii(first).charAt(0) + ascii(last) + number;
                String id = String.format(Locale.ROOT, "STU%07d", no);
                sink.student(new Student(id, schoolId, username, first, last, middle,
                        rnd.nextInt(4) == 0 ? "" : ascii(first) + "." + ascii(last) + number + "@family.example.net",
                        String.valueOf(number), grade == 0 ? "K" : String.valueOf(grade),
                        String.format(Locale.ROOT, "WA%09d", no), "Active", born.toString(),
                        String.valueOf(SCHOOL_YEAR_END + 12 - grade)));
                int e = Math.min(sections, 6 + rnd.nextInt(2));
                int step = Math.max(1, sections / e);
                for (int k = 0; k < e; k++) {
                    sink.enrollment(new StudentEnrollment(sectionId(firstSection + (l + (long) k * step) % sections),
                            id));
                    enrollments++;
                }
            }
        }
        return new Counts(schools, sectionSeq, studentSeq, teacherSeq, enrollments, rosters);
    }

    private static String teacherId(long no) {
        return String.format(Locale.ROOT, "TCH%06d", no);
    }

    private static String sectionId(long no) {
        return String.format(Locale.ROOT, "SEC%07d", no);
    }

    private static String pick(SplittableRandom rnd, String[] values) {
        return values[rnd.nextInt(values.length)];
    }

    /** Lower-case ASCII letters only: accents removed, spaces and apostrophes dropped. */
    public static String ascii(String name) {
        String d = Normalizer.normalize(name, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = Character.toLowerCase(d.charAt(i));
            if (c >= 'a' && c <= 'z') {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
