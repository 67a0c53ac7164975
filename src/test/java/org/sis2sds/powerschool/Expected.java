package org.sis2sds.powerschool;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.sis2sds.sandbox.powerschool.District;

/** What an extraction of a generated district must produce (active students, current year, drops left out). */
final class Expected {
    final Set<String> schools = new HashSet<>();
    final Set<String> students = new HashSet<>();
    final Set<String> teachers = new HashSet<>();
    final Set<String> sections = new HashSet<>();
    final Set<String> enrollments = new HashSet<>();
    final Set<String> roster = new HashSet<>();

    Expected(District d) {
        for (int i = 0; i < d.schoolCount(); i++) {
            schools.add(Long.toString(District.schoolId(i)));
            for (int slot = 0; slot < d.staffCount(i); slot++) {
                teachers.add(Long.toString(District.usersDcid(d.person(i, slot))));
            }
            for (int s = 0; s < d.sectionCount(i); s++) {
                String sec = Long.toString(District.sectionId(i, s));
                sections.add(sec);
                if (d.hasLeadTeacher(i, s)) {
                    roster.add(sec + "|" + District.usersDcid(d.leadTeacherPerson(i, s)));
                }
            }
            for (int j = 0; j < d.studentCount(i); j++) {
                int k = d.globalStudentIndex(i, j);
                if (!d.active(k)) {
                    continue;
                }
                students.add(Long.toString(District.studentId(k)));
                for (int[] e : d.enrollmentsOf(i, j)) {
                    if (!d.dropped(k, e[1])) {
                        enrollments.add(District.sectionId(i, e[0]) + "|" + District.studentId(k));
                    }
                }
            }
        }
    }

    static List<CSVRecord> read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }

    static List<String> column(Path file, String col) throws IOException {
        List<String> out = new ArrayList<>();
        for (CSVRecord r : read(file)) {
            out.add(r.get(col));
        }
        return out;
    }

    static List<String> pairs(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (CSVRecord r : read(file)) {
            out.add(r.get("Section SIS ID") + "|" + r.get("SIS ID"));
        }
        return out;
    }
}
