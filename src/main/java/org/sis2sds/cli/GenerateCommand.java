package org.sis2sds.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.sis2sds.batch.BatchFormat;
import org.sis2sds.batch.DistrictGenerator;
import org.sis2sds.batch.V21File;
import org.sis2sds.convert.V21DistrictGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sis2sds generate DIR --students N [--seed S] [--format v1|v2.1]}: writes a synthetic district as an SDS v1
 * or v2.1 batch (the same district for the same seed).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes a synthetic, internally consistent district as an SDS v1 batch (the six CSV files) or "
                + "an SDS v2.1 batch (the ten files).")
public final class GenerateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The folder to write the files into "
            + "(created if needed; existing SDS files in it are replaced).")
    Path dir;

    @Option(names = "--format", paramLabel = "v1|v2.1", defaultValue = "v1",
            description = "The format to write (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--students", required = true, paramLabel = "N", description = "Number of students (1 or more).")
    int students;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Random seed; the same seed gives the same files (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (students < 1) {
            throw new CliException(Sis2sds.USAGE, "--students must be 1 or more.");
        }
        BatchFormat f = BatchFormat.fromCode(format).orElseThrow(() -> new CliException(Sis2sds.USAGE,
                "--format must be v1 or v2.1, not '" + format + "'."));
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CliException(Sis2sds.USAGE, dir + " is a file; name a folder to write the batch into.");
        }
        long started = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (f == BatchFormat.V2_1) {
                Map<V21File, Long> rows = V21DistrictGenerator.write(dir, students, seed);
                out.printf(Locale.ROOT, "Wrote %s (SDS v2.1): %s (%,d rows, %,d students, seed %d) in %.1f s.%n", dir,
                        rows.entrySet().stream().map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(),
                                e.getKey().canonicalName())).collect(Collectors.joining(", ")),
                        rows.values().stream().mapToLong(Long::longValue).sum(), students, seed,
                        (System.nanoTime() - started) / 1e9);
            } else {
                DistrictGenerator.Counts c = DistrictGenerator.write(dir, students, seed);
                out.printf(Locale.ROOT, "Wrote %s: %,d schools, %,d sections, %,d students, %,d teachers, "
                                + "%,d student enrollments, %,d teacher roster rows (%,d rows, seed %d) in %.1f s.%n",
                        dir, c.schools(), c.sections(), c.students(), c.teachers(), c.studentEnrollments(),
                        c.teacherRosters(), c.total(), seed, (System.nanoTime() - started) / 1e9);
            }
        } catch (IOException e) {
            throw new CliException(Sis2sds.USAGE, "Cannot write the batch into " + dir + " (" + e.getMessage()
                    + "); check the folder and its free space.", e);
        }
        out.flush();
        return 0;
    }
}
