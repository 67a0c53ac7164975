package org.sis2sds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    @Test
    void generatesADistrictThatValidatesClean() throws IOException {
        Path batch = dir.resolve("district");
        assertThat(Sis2sds.execute("generate", batch.toString(), "--students", "400", "--seed", "3")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("400 students", "seed 3");
        assertThat(Files.list(batch).count()).isEqualTo(6);
        assertThat(Sis2sds.execute("validate", batch.toString())).isZero();
    }

    @Test
    void missingOrBadStudentsIsAUsageError() throws IOException {
        assertThat(Sis2sds.execute("generate", dir.toString())).isEqualTo(2);
        assertThat(Sis2sds.execute("generate", dir.toString(), "--students", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--students must be 1 or more.");
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertThat(Sis2sds.execute("generate", file.toString(), "--students", "5")).isEqualTo(2);
    }
}
