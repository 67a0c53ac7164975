package org.sis2sds.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.convert.V21DistrictGenerator;

/** The v2.1 validator gives exactly the same messages inline and on its second thread, for any buffer size. */
class V21ValidatorTest {
    @TempDir
    Path dir;

    private void append(String file, String rows) throws IOException {
        Files.writeString(dir.resolve(file), rows, StandardOpenOption.APPEND);
    }

    @Test
    void theSecondThreadGivesExactlyTheSameMessages() throws IOException {
        V21DistrictGenerator.write(dir, 3000, 5L);
        String taken = Files.readAllLines(dir.resolve("users.csv")).get(1).split(",")[1];
        append("users.csv", "STU0000001,dup@x.org,A,B,,,,,\r\nU9," + taken.toUpperCase() + ",A,B,,,bad@mail,555,\r\n");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append("SEC0000001,GHOST").append(i % 7).append(",student\r\nSEC999").append(i)
                    .append(",STU0000002,Student\r\nSEC0000002,STU0000003,pupil\r\n");
        }
        append("enrollments.csv", sb.toString());
        append("roles.csv", "STU0000004,SCH00001,student,,99,maybe,2025-02-30,\r\nSTU0000005,NOPE,student,,,,,\r\n");
        V21Validator inline = new V21Validator();
        inline.parallelThreshold = Long.MAX_VALUE;
        V21Validator threaded = new V21Validator();
        threaded.parallelThreshold = 0;
        ValidationResult a = inline.validate(dir);
        assertThat(a.messages()).isNotEmpty().isEqualTo(threaded.validate(dir).messages());
        for (int size : new int[] {16, 100, 4096}) {
            inline.bufferSize = size;
            threaded.bufferSize = size;
            assertThat(inline.validate(dir).messages()).as("inline, buffer %d", size).isEqualTo(a.messages());
            assertThat(threaded.validate(dir).messages()).as("threaded, buffer %d", size).isEqualTo(a.messages());
        }
        assertThat(a.messages()).extracting(m -> m.type() + " " + m.fileName() + " " + m.rule() + " " + m.column()
                + " " + m.count()).containsExactly(
                "Warning users.csv V21-08 email 1",
                "Warning users.csv V21-08 phone 1",
                "Error users.csv V21-11 sourcedId 1",
                "Warning users.csv V21-12 username 1",
                "Warning roles.csv V21-08 isPrimary 1",
                "Warning roles.csv V21-08 roleStartDate 1",
                "Warning roles.csv V21-09 grade 1",
                "Warning roles.csv V21-13 role 1",
                "Error roles.csv V21-14 orgSourcedId 1",
                "Error enrollments.csv V21-09 role 40",
                "Error enrollments.csv V21-14 classSourcedId 40",
                "Error enrollments.csv V21-14 userSourcedId 40");
    }
}
