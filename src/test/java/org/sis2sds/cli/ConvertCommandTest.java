package org.sis2sds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.batch.DistrictGenerator;
import org.sis2sds.support.StdStreams;

/** convert DIR OUT --to v2.1: exit 0 converted, 1 invalid input with the messages printed, 2 usage. */
class ConvertCommandTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final StdStreams std = new StdStreams();

    @Test
    void aValidV1BatchIsConvertedAndTheResultValidates() throws IOException {
        DistrictGenerator.write(dir.resolve("v1"), 300, 2L);
        assertThat(Sis2sds.execute("convert", dir.resolve("v1").toString(), dir.resolve("v21").toString(), "--to",
                "v2.1")).isZero();
        assertThat(std.out()).contains("(SDS v1) to", "(SDS v2.1)", "300 students", "The v2.1 batch has 0 error(s) "
                + "and 0 warning(s).");
        assertThat(Sis2sds.execute("validate", dir.resolve("v21").toString())).isZero();
    }

    @Test
    void anInvalidV1BatchIsRefusedWithItsMessages() throws IOException {
        DistrictGenerator.write(dir.resolve("v1"), 50, 2L);
        Files.delete(dir.resolve("v1/TeacherRoster.csv"));
        assertThat(Sis2sds.execute("convert", dir.resolve("v1").toString(), dir.resolve("v21").toString(), "--to",
                "v2.1")).isEqualTo(1);
        assertThat(std.out()).contains("Error    File not found - teacherroster.csv");
        assertThat(std.err()).contains("has 1 error(s) that SDS would reject (listed above)");
        assertThat(dir.resolve("v21")).doesNotExist();
    }

    @Test
    void usageProblemsExitTwo() throws IOException {
        DistrictGenerator.write(dir.resolve("v1"), 5, 2L);
        assertThat(Sis2sds.execute("convert", dir.resolve("v1").toString(), dir.resolve("o").toString(), "--to",
                "v1")).isEqualTo(2);
        assertThat(std.err()).contains("--to must be v2.1");
        assertThat(Sis2sds.execute("convert", dir.resolve("nope").toString(), dir.resolve("o").toString(), "--to",
                "v2.1")).isEqualTo(2);
        assertThat(Sis2sds.execute("convert", dir.resolve("v1").toString(), dir.resolve("v1").toString(), "--to",
                "v2.1")).isEqualTo(2);
        assertThat(Sis2sds.execute("convert", dir.resolve("v1").toString())).isEqualTo(2);
    }
}
