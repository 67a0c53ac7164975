package org.sis2sds.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sis2sds.batch.DistrictGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sis2sds generate DIR --students N [--seed S]}: writes a synthetic district as an SDS v1 batch. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes a synthetic, internally consistent district as an SDS v1 batch (the six CSV files).")
public final class GenerateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The folder to write the six files into "
            + "(created if needed; existing SDS files in it are replaced).")
    Path dir;

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
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CliException(Sis2sds.USAGE, dir + " is a file; name a folder to write the batch into.");
        }
        long started = System.nanoTime();
        DistrictGenerator.Counts c;
        try {
            c = DistrictGenerator.write(dir, students, seed);
        } catch (IOException e) {
            throw new CliException(Sis2sds.USAGE, "Cannot write the batch into " + dir + " (" + e.getMessage()
                    + "); check the folder and its free space.", e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Wrote %s: %,d schools, %,d sections, %,d students, %,d teachers, "
                        + "%,d student enrollments, %,d teacher roster rows (%,d rows, seed %d) in %.1f s.%n", dir,
                c.schools(), c.sections(), c.students(), c.teachers(), c.studentEnrollments(), c.teacherRosters(),
                c.total(), seed, (System.nanoTime() - started) / 1e9);
        out.flush();
        return 0;
    }
}
