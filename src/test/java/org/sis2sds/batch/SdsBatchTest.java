package org.sis2sds.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdsBatchTest {
    @TempDir
    Path dir;

    @Test
    void findsFilesCaseInsensitivelyAndReadsTypedRecords() throws IOException {
        Files.writeString(dir.resolve("school.CSV"), "\uFEFFName,SIS ID,Zone\r\n\"Lincoln, High\",S1,x\r\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("STUDENT.csv"), "SIS ID,School SIS ID,Username,First Name\nST1,S1,jdoe,Zoë\n");
        Files.writeString(dir.resolve("studentenrollment.csv"), "Section SIS ID,SIS ID\nSEC1,ST1\nSEC2,ST1\n");
        Files.writeString(dir.resolve("notes.txt"), "hi");
        SdsBatch b = SdsBatch.locate(dir);
        assertThat(b.file(SdsFile.SCHOOL)).contains(dir.resolve("school.CSV"));
        assertThat(b.file(SdsFile.STUDENT)).contains(dir.resolve("STUDENT.csv"));
        assertThat(b.file(SdsFile.TEACHER)).isEmpty();
        assertThat(b.otherFiles()).containsExactly(dir.resolve("notes.txt"));
        try (Stream<School> s = b.schools()) {
            assertThat(s.toList()).singleElement().satisfies(x -> {
                assertThat(x.sisId()).isEqualTo("S1");
                assertThat(x.name()).isEqualTo("Lincoln, High");
                assertThat(x.zip()).isEmpty();
            });
        }
        try (Stream<Student> s = b.students()) {
            Student st = s.findFirst().orElseThrow();
            assertThat(st.username()).isEqualTo("jdoe");
            assertThat(st.firstName()).isEqualTo("Zoë");
            assertThat(st.schoolSisId()).isEqualTo("S1");
        }
        try (Stream<StudentEnrollment> s = b.studentEnrollments()) {
            assertThat(s.map(StudentEnrollment::sectionSisId).toList()).containsExactly("SEC1", "SEC2");
        }
        try (Stream<Teacher> s = b.teachers()) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void canonicalNameWinsOverOtherSpellings() throws IOException {
        Files.writeString(dir.resolve("SCHOOL.csv"), "SIS ID,Name\n");
        Files.writeString(dir.resolve("School.csv"), "SIS ID,Name\n");
        assertThat(SdsBatch.locate(dir).file(SdsFile.SCHOOL)).contains(dir.resolve("School.csv"));
    }

    @Test
    void sdsCsvReaderNumbersDataRowsAndTrimsHeader() throws IOException {
        Path f = dir.resolve("Section.csv");
        Files.writeString(f, " SIS ID ,Section Name\nA,Math\nB\n");
        try (SdsCsvReader r = SdsCsvReader.open(f)) {
            assertThat(r.header()).containsExactly("SIS ID", "Section Name");
            assertThat(r.next()).isTrue();
            assertThat(r.rowNumber()).isEqualTo(1);
            assertThat(r.get("Section Name")).isEqualTo("Math");
            assertThat(r.next()).isTrue();
            assertThat(r.get("Section Name")).isEmpty();
            assertThat(r.get("Nope")).isEmpty();
            assertThat(r.next()).isFalse();
        }
    }

    @Test
    void writerOutputReadsBack() throws IOException {
        Path f = dir.resolve("Teacher.csv");
        Teacher t = new Teacher("T1", "S1", "m.o'neil", "Mary", "O'Neil", "", "m@x.org", "7", "Active", "", "Dr, PhD",
                "line1\nline2 \"q\"");
        try (CsvWriter w = new CsvWriter(f, Teacher.COLUMNS)) {
            w.write(t.cells());
        }
        try (Stream<Teacher> s = SdsBatch.locate(dir).teachers()) {
            assertThat(s.toList()).isEqualTo(List.of(t));
        }
    }

    @Test
    void missingOrNonFolderIsAnIoError() throws IOException {
        assertThatThrownBy(() -> SdsBatch.locate(dir.resolve("nope"))).isInstanceOf(NoSuchFileException.class);
        Path file = Files.writeString(dir.resolve("x"), "");
        assertThatThrownBy(() -> SdsBatch.locate(file)).isInstanceOf(NotDirectoryException.class);
    }
}
