package org.sis2sds.powerschool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.batch.CsvWriter;

class CsvSortTest {
    @TempDir
    Path dir;

    @Test
    void sortsInRunsAndMergesKeepingQuotedCells() throws Exception {
        Path f = dir.resolve("Student.csv");
        List<String> header = List.of("SIS ID", "Name");
        try (CsvWriter w = new CsvWriter(f, header)) {
            w.write("10", "ten, with a comma");
            w.write("9", "nine \"quoted\"");
            w.write("b", "two\nlines");
            w.write("100", "hundred");
            w.write("a", "");
            w.write("010", "leading zero");
            w.write("2", "two");
        }
        CsvSort.sort(f, header, 2);
        assertThat(Files.readString(f)).isEqualTo("SIS ID,Name\r\n2,two\r\n9,\"nine \"\"quoted\"\"\"\r\n"
                + "10,\"ten, with a comma\"\r\n100,hundred\r\n010,leading zero\r\na,\r\nb,\"two\nlines\"\r\n");
        try (var s = Files.list(dir)) {
            assertThat(s.toList()).containsExactly(f);
        }
    }

    @Test
    void anEmptyFileKeepsItsHeader() throws Exception {
        Path f = dir.resolve("TeacherRoster.csv");
        List<String> header = List.of("Section SIS ID", "SIS ID");
        new CsvWriter(f, header).close();
        CsvSort.sort(f, header, 10);
        assertThat(Files.readString(f)).isEqualTo("Section SIS ID,SIS ID\r\n");
    }
}
