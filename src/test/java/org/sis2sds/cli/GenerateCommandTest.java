package org.sis2sds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.support.StdStreams;

class GenerateCommandTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final StdStreams std = new StdStreams();

    @Test
    void generatesADistrictThatValidatesClean() throws IOException {
        Path batch = dir.resolve("district");
        assertThat(Sis2sds.execute("generate", batch.toString(), "--students", "400", "--seed", "3")).isZero();
        assertThat(std.out()).contains("400 students", "seed 3");
        assertThat(Files.list(batch).count()).isEqualTo(6);
        assertThat(Sis2sds.execute("validate", batch.toString())).isZero();
    }

    @Test
    void missingOrBadStudentsIsAUsageError() throws IOException {
        assertThat(Sis2sds.execute("generate", dir.toString())).isEqualTo(2);
        assertThat(Sis2sds.execute("generate", dir.toString(), "--students", "0")).isEqualTo(2);
        assertThat(std.err()).contains("--students must be 1 or more.");
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertThat(Sis2sds.execute("generate", file.toString(), "--students", "5")).isEqualTo(2);
    }

    @Test
    void generatesAV21DistrictThatValidatesClean() throws IOException {
        Path batch = dir.resolve("v21");
        assertThat(Sis2sds.execute("generate", batch.toString(), "--students", "200", "--format", "v2.1")).isZero();
        assertThat(std.out()).contains("(SDS v2.1)", "orgs.csv", "relationships.csv", "200 students");
        assertThat(Files.list(batch).count()).isEqualTo(10);
        assertThat(Sis2sds.execute("validate", batch.toString())).isZero();
        assertThat(Sis2sds.execute("generate", batch.toString(), "--students", "5", "--format", "v3")).isEqualTo(2);
    }
}
