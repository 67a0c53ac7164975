package org.sis2sds.sync;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small, consistent SDS v1 batches for the sync tests. */
public final class TestBatches {
    private TestBatches() {
    }

    /** A batch with one school, two sections, two teachers and {@code students} students ({@code tag} varies names). */
    public static Path write(Path dir, int students, String tag) throws IOException {
        Files.createDirectories(dir);
        lines(dir.resolve("School.csv"), "SIS ID,Name", "S1,Lincoln High");
        lines(dir.resolve("Section.csv"), "SIS ID,School SIS ID,Section Name", "SEC1,S1,Math", "SEC2,S1,Art");
        lines(dir.resolve("Teacher.csv"), "SIS ID,School SIS ID,Username,First Name",
                "T1,S1,t1@example.edu,Ann", "T2,S1,t2@example.edu,Bob");
        lines(dir.resolve("TeacherRoster.csv"), "Section SIS ID,SIS ID", "SEC1,T1", "SEC2,T2");
        try (Writer st = Files.newBufferedWriter(dir.resolve("Student.csv"), StandardCharsets.UTF_8);
             Writer en = Files.newBufferedWriter(dir.resolve("StudentEnrollment.csv"), StandardCharsets.UTF_8)) {
            st.write("SIS ID,School SIS ID,Username,First Name\r\n");
            en.write("Section SIS ID,SIS ID\r\n");
            for (int i = 1; i <= students; i++) {
                st.write("P" + i + ",S1,p" + i + "@example.edu,Name" + i + tag + "\r\n");
                en.write((i % 2 == 0 ? "SEC1" : "SEC2") + ",P" + i + "\r\n");
            }
        }
        return dir;
    }

    private static void lines(Path p, String... lines) throws IOException {
        Files.writeString(p, String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);
    }
}
