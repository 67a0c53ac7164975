package org.sis2sds.sandbox.powerschool;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A generated PowerSchool district, consistent across every endpoint and deterministic for a seed. Nothing big is
 * stored: each record is derived on demand from its id and the seed, so a 100,000-student district costs a few
 * small arrays (one entry per school).
 *
 * <p>Shape: about 600 students per school; per school 3 current-year terms (year, S1, S2) and one previous-year
 * term, 24 courses, one section per ~25 seats (plus 2 previous-year sections without enrollments), one teacher per 5
 * sections; every 10th teacher of a school also teaches in the next school (a second SCHOOLSTAFF record with the same
 * {@code users_dcid}). Students: ~88% active, the rest transferred, pre-registered or inactive; each active student
 * has 6 or 7 section enrollments, about 1 in 40 of them {@code dropped:true}.
 *
 * <p>Records are plain maps with every expansion filled in ({@code ""} for an empty expansion), string values only
 * (the server turns numeric-looking strings into JSON numbers on the way out).
 */
public final class District {
    public static final int STUDENTS_PER_SCHOOL = 600;
    public static final int COURSES = 24;
    public static final int PREVIOUS_YEAR_SECTIONS = 2;
    static final int TERMS = 4;

    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "John",
        "Katherine", "Linus", "Margaret", "Niklaus", "Radia", "Ken", "Sophie", "Tim", "Hedy", "Dennis", "Mary", "Guido",
        "Anita", "Bjarne", "Carol", "Dorothy", "Elena", "Fatima", "Gustavo", "Hiro", "Ines", "Jamal", "Kofi", "Leila",
        "Mateo", "Noor", "Olga", "Priya", "Quentin", "Rosa", "Sven", "Tariq"};
    private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen",
        "McCarthy", "Johnson", "Torvalds", "Hamilton", "Wirth", "Perlman", "Thompson", "Wilson", "Berners-Lee",
        "Lamarr", "Ritchie", "Keller", "van Rossum", "Borg", "Stroustrup", "Shaw", "Vaughan", "Garcia", "Okafor",
        "Nakamura", "Silva", "O'Brien", "Haddad", "Mensah", "Khan", "Rossi", "Novak", "Ivanova", "Patel", "Dubois",
        "Moreno", "Lindqvist", "Aziz"};
    private static final String[] COURSE_NAMES = {"Algebra I", "Geometry", "Biology", "Chemistry", "World History",
        "English Language Arts", "Spanish I", "French I", "Physical Education", "Art", "Music", "Computer Science",
        "Physics", "Earth Science", "US History", "Economics", "Algebra II", "Statistics", "Drama", "Health",
        "Reading", "Writing Workshop", "Geography", "Robotics"};
    private static final String[] SUBJECT = {"MAT", "MAT", "SCI", "SCI", "SOC", "ENG", "WLG", "WLG", "PHE", "ART",
        "MUS", "CSC", "SCI", "SCI", "SOC", "SOC", "MAT", "MAT", "ART", "PHE", "ENG", "ENG", "SOC", "CSC"};

    private final long seed;
    private final int students;
    private final int startYear;
    private final int schools;
    private final int perSchool;
    private final int[] sections;
    private final int[] teachers;
    private final int[] personBase;
    private final int[] shared;

    /**
     * @param students  students in the whole district
     * @param seed      the seed everything derives from
     * @param startYear the start year of the current school year (2025 for 2025-26)
     */
    public District(int students, long seed, int startYear) {
        this.seed = seed;
        this.students = Math.max(0, students);
        this.startYear = startYear;
        this.schools = Math.max(2, (this.students + STUDENTS_PER_SCHOOL - 1) / STUDENTS_PER_SCHOOL);
        this.perSchool = Math.max(1, (this.students + schools - 1) / schools);
        sections = new int[schools];
        teachers = new int[schools];
        personBase = new int[schools];
        shared = new int[schools];
        int base = 0;
        for (int i = 0; i < schools; i++) {
            int n = studentCount(i);
            sections[i] = Math.max(7, (int) Math.ceil(n * 6.5 / 25));
            teachers[i] = Math.max(1, (sections[i] + 4) / 5);
            personBase[i] = base;
            base += teachers[i];
            shared[i] = i == 0 ? 0 : (teachers[i - 1] + 9) / 10;
        }
    }

    /** The start year of the current school year: the calendar year when today is in July or later, else the one before. */
    public static int currentStartYear(LocalDate today, int yearStartMonth) {
        return today.getMonthValue() >= yearStartMonth ? today.getYear() : today.getYear() - 1;
    }

    public long seed() { return seed; }
    public int studentTotal() { return students; }
    public int startYear() { return startYear; }
    public int schoolCount() { return schools; }

    // ------------------------------------------------------------------ ids

    public static long schoolId(int i) { return 101 + i; }
    public static long termId(int i, int j) { return 20_000L + i * 10L + j; }
    public static long courseId(int i, int c) { return 30_000L + i * 100L + c; }
    public static long staffId(int i, int slot) { return 40_000L + i * 1000L + slot; }
    public static long usersDcid(int person) { return 60_000L + person; }
    public static long sectionId(int i, int s) { return 100_000L + i * 10_000L + s; }
    public static long studentId(int k) { return 1_000_000L + k; }
    static long enrollmentId(int k, int r) { return 50_000_000L + k * 8L + r; }

    /** The school index of a school DCID, or -1. */
    public int schoolIndex(long id) {
        long i = id - 101;
        return i >= 0 && i < schools ? (int) i : -1;
    }

    public int studentCount(int i) {
        int from = i * perSchool;
        return Math.max(0, Math.min(students, from + perSchool) - from);
    }

    public int sectionCount(int i) { return sections[i]; }
    /** Current-year plus previous-year sections of a school. */
    public int allSectionCount(int i) { return sections[i] + PREVIOUS_YEAR_SECTIONS; }
    public int staffCount(int i) { return teachers[i] + shared[i]; }

    // ------------------------------------------------------------------ hashing

    private long h(long a, long b) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private int pick(long a, long b, int n) {
        return (int) Math.floorMod(h(a, b), (long) n);
    }

    // ------------------------------------------------------------------ district and schools

    public Map<String, Object> district() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", "Sandbox Unified School District");
        d.put("district_number", "4200");
        d.put("uuid", new java.util.UUID(seed, 0x5D5L).toString());
        d.put("addresses", Map.of("physical", address(0)));
        d.put("phones", Map.of("main", Map.of("number", "5555550100")));
        return d;
    }

    private Map<String, Object> address(int n) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("street", (100 + n) + " Main Street");
        a.put("city", "Springfield");
        a.put("state_province", "IL");
        a.put("postal_code", String.valueOf(62701 + n % 50));
        return a;
    }

    public Map<String, Object> school(int i) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", str(schoolId(i)));
        s.put("name", LAST[i % LAST.length] + (i < LAST.length ? "" : " " + (i / LAST.length + 1)) + " School");
        s.put("school_number", str(100L * (i + 1)));
        s.put("state_province_id", String.format(Locale.ROOT, "%05d", 17 * (i + 1))); // leading zero: stays a string
        s.put("low_grade", "0");
        s.put("high_grade", "12");
        s.put("alternate_school_number", "0");
        s.put("addresses", Map.of("physical", address(i + 1)));
        s.put("phones", Map.of("main", Map.of("number", str(5555550200L + i))));
        Map<String, Object> principal = new LinkedHashMap<>();
        principal.put("email", "principal" + (i + 1) + "@district.example.org");
        principal.put("name", name(FIRST[pick(7, i, FIRST.length)], null, LAST[pick(8, i, LAST.length)]));
        s.put("principal", principal);
        return s;
    }

    private static Map<String, Object> name(String first, String middle, String last) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("first_name", first);
        if (middle != null) {
            n.put("middle_name", middle);
        }
        n.put("last_name", last);
        return n;
    }

    // ------------------------------------------------------------------ terms and courses

    /** Term j of school i: 0 = previous year, 1 = current year (portion 1), 2 and 3 = semesters (portion 2). */
    public Map<String, Object> term(int i, int j) {
        int y = j == 0 ? startYear - 1 : startYear;
        LocalDate start = switch (j) {
            case 0, 1, 2 -> LocalDate.of(y, 8, 15);
            default -> LocalDate.of(y + 1, 1, 6);
        };
        LocalDate end = switch (j) {
            case 2 -> LocalDate.of(y, 12, 20);
            default -> LocalDate.of(y + 1, 6, 10);
        };
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", str(termId(i, j)));
        t.put("school_id", str(schoolId(i)));
        t.put("start_year", str(y));
        t.put("portion", j <= 1 ? "1" : "2");
        t.put("start_date", start.toString());
        t.put("end_date", end.toString());
        String yy = y % 100 + "-" + (y + 1) % 100;
        t.put("abbreviation", j <= 1 ? yy : (j == 2 ? "S1" : "S2"));
        t.put("name", j <= 1 ? y + "-" + (y + 1) : "Semester " + (j - 1) + " " + y + "-" + (y + 1));
        return t;
    }

    /** The term a section of school i runs in (term index). */
    private int sectionTerm(int i, int s) {
        return s >= sections[i] ? 0 : 1 + s % 3;
    }

    public Map<String, Object> course(int i, int c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", str(courseId(i, c)));
        m.put("course_number", SUBJECT[c] + (101 + c));
        m.put("course_name", COURSE_NAMES[c]);
        return m;
    }

    // ------------------------------------------------------------------ staff

    /** The person (users) index behind staff slot {@code slot} of school i. */
    public int person(int i, int slot) {
        if (slot < teachers[i]) {
            return personBase[i] + slot;
        }
        return personBase[i - 1] + (slot - teachers[i]) * 10;
    }

    /** The schools (indexes) a person teaches in: the own school, and the next one for every 10th teacher. */
    private List<Integer> schoolsOfPerson(int person) {
        int i = 0;
        while (i + 1 < schools && personBase[i + 1] <= person) {
            i++;
        }
        List<Integer> l = new ArrayList<>(2);
        l.add(i);
        if ((person - personBase[i]) % 10 == 0 && i + 1 < schools) {
            l.add(i + 1);
        }
        return l;
    }

    public Map<String, Object> staff(int i, int slot) {
        int p = person(i, slot);
        String first = FIRST[pick(11, p, FIRST.length)];
        String last = LAST[pick(12, p, LAST.length)];
        String username = (first.charAt(0) + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + p;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", str(staffId(i, slot)));
        m.put("users_dcid", str(usersDcid(p)));
        m.put("local_id", str(7000L + p));
        m.put("admin_username", username);
        m.put("teacher_username", username);
        m.put("name", name(first, p % 3 == 0 ? FIRST[pick(13, p, FIRST.length)] : null, last));
        if (p % 13 == 5) {
            m.put("emails", "");
        } else {
            m.put("emails", Map.of("work_email", username + "@district.example.org"));
        }
        m.put("addresses", "");
        m.put("phones", "");
        List<Object> aff = new ArrayList<>();
        for (int s : schoolsOfPerson(p)) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("school_id", str(schoolId(s)));
            a.put("type", "1");
            a.put("status", "1");
            aff.add(a);
        }
        m.put("school_affiliations", Map.of("school_affiliation", aff.size() == 1 ? aff.get(0) : aff));
        return m;
    }

    // ------------------------------------------------------------------ sections

    public Map<String, Object> section(int i, int s) {
        int c = s % COURSES;
        int j = sectionTerm(i, s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", str(sectionId(i, s)));
        m.put("school_id", str(schoolId(i)));
        m.put("course_id", str(courseId(i, c)));
        m.put("term_id", str(termId(i, j)));
        if (hasLeadTeacher(i, s)) {
            m.put("staff_id", str(staffId(i, s % staffCount(i))));
        }
        m.put("section_number", str(s / COURSES + 1));
        m.put("expression", (s % 7 + 1) + "(A)");
        m.put("external_expression", String.valueOf(s % 7 + 1));
        m.put("gradebooktype", "2");
        m.put("term", term(i, j));
        return m;
    }

    /** One section in 53 has no lead teacher (a data gap seen in real districts). */
    public boolean hasLeadTeacher(int i, int s) {
        return s % 53 != 52;
    }

    /** The lead teacher's person index, or -1. */
    public int leadTeacherPerson(int i, int s) {
        return hasLeadTeacher(i, s) ? person(i, s % staffCount(i)) : -1;
    }

    // ------------------------------------------------------------------ students

    private int globalIndex(int i, int j) {
        return i * perSchool + j;
    }

    /** A, T, P or I. */
    public String status(int k) {
        int u = pick(21, k, 100);
        return u < 88 ? "A" : u < 93 ? "T" : u < 97 ? "P" : "I";
    }

    public boolean active(int k) {
        return status(k).equals("A");
    }

    public int grade(int k) {
        return pick(22, k, 13);
    }

    /** The student's username (numeric for every 9th student, as PowerSchool sometimes sends). */
    public String username(int k) {
        if (k % 9 == 4) {
            return String.valueOf(500_000 + k);
        }
        return (FIRST[pick(23, k, FIRST.length)].charAt(0) + LAST[pick(24, k, LAST.length)])
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + k;
    }

    public Map<String, Object> student(int i, int j) {
        int k = globalIndex(i, j);
        String st = status(k);
        int grade = grade(k);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", str(studentId(k)));
        m.put("local_id", str(500_000L + k));
        m.put("student_username", username(k));
        if (k % 17 != 0) {
            m.put("state_province_id", String.format(Locale.ROOT, "%010d", 7L * k + 13));
        }
        m.put("name", name(FIRST[pick(23, k, FIRST.length)], k % 4 == 1 ? FIRST[pick(25, k, FIRST.length)] : null,
                LAST[pick(24, k, LAST.length)]));
        Map<String, Object> se = new LinkedHashMap<>();
        se.put("enroll_status", st);
        se.put("enroll_status_code", switch (st) {
            case "A" -> "0";
            case "T" -> "2";
            case "P" -> "-1";
            default -> "5";
        });
        se.put("enroll_status_description", switch (st) {
            case "A" -> "Active";
            case "T" -> "Transferred Out";
            case "P" -> "Pre-Registered";
            default -> "Inactive";
        });
        se.put("grade_level", str(grade));
        se.put("entry_date", LocalDate.of(startYear, 8, 15).toString());
        if (!st.equals("A") && !st.equals("P")) {
            se.put("exit_date", LocalDate.of(startYear, 10, 1 + pick(26, k, 28)).toString());
        } else {
            se.put("exit_date", LocalDate.of(startYear + 1, 6, 11).toString());
        }
        se.put("school_number", str(100L * (i + 1)));
        se.put("school_id", str(schoolId(i)));
        m.put("school_enrollment", se);
        Map<String, Object> demo = new LinkedHashMap<>();
        demo.put("gender", pick(27, k, 2) == 0 ? "F" : "M");
        demo.put("birth_date", LocalDate.of(startYear - 6 - grade, 1 + pick(28, k, 12), 1 + pick(29, k, 28)).toString());
        demo.put("projected_graduation_year", str(startYear + 13 - grade));
        m.put("demographics", demo);
        if (k % 10 == 3) {
            m.put("contact_info", "");
        } else {
            m.put("contact_info", Map.of("email", username(k) + "@students.example.org"));
        }
        m.put("addresses", "");
        m.put("phones", "");
        m.put("contact", "");
        m.put("ethnicity_race", "");
        return m;
    }

    // ------------------------------------------------------------------ section enrollments

    private int stride(int i) {
        return Math.max(1, sections[i] / 7);
    }

    private boolean hasSeventh(int k) {
        return pick(31, k, 2) == 0;
    }

    /** Whether enrollment r of student k is dropped. */
    public boolean dropped(int k, int r) {
        return pick(32, k * 8L + r, 40) == 0;
    }

    /** Section enrollments of section s of school i, sorted by student id. */
    public List<Map<String, Object>> sectionEnrollments(int i, int s) {
        List<long[]> rows = new ArrayList<>(); // {k, r}
        if (s < sections[i]) {
            int n = studentCount(i);
            int sec = sections[i];
            for (int r = 0; r < 7; r++) {
                int j0 = Math.floorMod(s - r * stride(i), sec);
                for (int j = j0; j < n; j += sec) {
                    int k = globalIndex(i, j);
                    if (active(k) && (r < 6 || hasSeventh(k))) {
                        rows.add(new long[] {k, r});
                    }
                }
            }
        }
        rows.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        Map<String, Object> term = term(i, sectionTerm(i, s));
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (long[] row : rows) {
            int k = (int) row[0];
            int r = (int) row[1];
            boolean dropped = dropped(k, r);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", str(enrollmentId(k, r)));
            m.put("section_id", str(sectionId(i, s)));
            m.put("student_id", str(studentId(k)));
            m.put("entry_date", term.get("start_date"));
            m.put("exit_date", dropped ? term.get("start_date") : term.get("end_date"));
            m.put("dropped", dropped);
            out.add(m);
        }
        return out;
    }

    /** The sections (indexes within school i) student j of school i is enrolled in, dropped ones included. */
    public List<int[]> enrollmentsOf(int i, int j) {
        int k = globalIndex(i, j);
        List<int[]> l = new ArrayList<>();
        if (!active(k)) {
            return l;
        }
        for (int r = 0; r < 7; r++) {
            if (r < 6 || hasSeventh(k)) {
                l.add(new int[] {(j + r * stride(i)) % sections[i], r});
            }
        }
        return l;
    }

    public int globalStudentIndex(int i, int j) {
        return globalIndex(i, j);
    }

    private static String str(long v) {
        return Long.toString(v);
    }
}
