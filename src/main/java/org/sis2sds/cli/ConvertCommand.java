package org.sis2sds.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sis2sds.batch.BatchFormat;
import org.sis2sds.convert.ConversionRefused;
import org.sis2sds.convert.V1ToV21Converter;
import org.sis2sds.convert.V21Mapping;
import org.sis2sds.core.Settings;
import org.sis2sds.validate.BatchValidator;
import org.sis2sds.validate.ValidationOptions;
import org.sis2sds.validate.ValidationResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sis2sds convert DIR OUT --to v2.1}: validates an SDS v1 batch and, when SDS would accept it, writes it as
 * an SDS v2.1 batch (research industrydata.md §4.7), then validates the result. Exit 0 converted, 1 invalid input
 * (the messages printed), 2 usage or I/O problem.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Turns a valid SDS v1 batch folder into an SDS v2.1 batch (orgs, users, roles, classes, "
                + "enrollments, academicSessions, courses).",
        footer = {"", "Exit codes: 0 converted, 1 the v1 batch has errors or cannot be expressed in v2.1 (messages "
                + "printed), 2 usage or I/O problem."})
public final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The SDS v1 batch folder (School.csv, Section.csv, "
            + "Student.csv, Teacher.csv, StudentEnrollment.csv, TeacherRoster.csv).")
    Path dir;

    @Parameters(index = "1", paramLabel = "OUT", description = "The folder to write the v2.1 files into (created if "
            + "needed; v2.1 files already in it are replaced).")
    Path out;

    @Option(names = "--to", required = true, paramLabel = "v2.1", description = "The format to write: v2.1.")
    String to;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (BatchFormat.fromCode(to).orElse(null) != BatchFormat.V2_1) {
            throw new CliException(Sis2sds.USAGE, "--to must be v2.1: convert turns an SDS v1 batch into SDS v2.1.");
        }
        if (!Files.isDirectory(dir)) {
            throw new CliException(Sis2sds.USAGE, dir + (Files.exists(dir) ? " is not a folder" : " does not exist")
                    + "; name the SDS v1 batch folder to convert.");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CliException(Sis2sds.USAGE, out + " is a file; name a folder to write the v2.1 batch into.");
        }
        if (out.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
            throw new CliException(Sis2sds.USAGE, "OUT is the v1 batch folder itself; name another folder for the v2.1 "
                    + "batch.");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        long started = System.nanoTime();
        try {
            BatchFormat.Detection d = BatchFormat.detect(dir);
            if (d.format().orElse(BatchFormat.V1) == BatchFormat.V2_1) {
                throw new CliException(Sis2sds.USAGE, dir + " holds SDS v2.1 files already (" + String.join(", ",
                        d.files(BatchFormat.V2_1)) + "); convert turns an SDS v1 batch into v2.1.");
            }
            BatchValidator validator = new BatchValidator(ValidationOptions.of(Settings.load()));
            ValidationResult v1 = validator.validate(dir);
            if (v1.hasErrors()) {
                stdout.print(ValidateCommand.report(dir, v1));
                stdout.flush();
                throw new CliException(1, "The SDS v1 batch in " + dir + " has " + v1.errorCount() + " error(s) "
                        + "that SDS would reject (listed above); fix them in the source, export again and convert "
                        + "again.");
            }
            V21Mapping.Counts c;
            try {
                c = V1ToV21Converter.convert(dir, out);
            } catch (ConversionRefused e) {
                throw new CliException(1, e.getMessage(), e);
            }
            ValidationResult v21 = validator.validate(out, BatchFormat.V2_1);
            if (!v21.messages().isEmpty()) {
                stdout.print(ValidateCommand.report(out, v21));
            }
            stdout.printf(Locale.ROOT, "Converted %s (SDS v1) to %s (SDS v2.1) in %.1f s: %,d orgs, %,d academic "
                            + "sessions, %,d courses, %,d users (%,d students, %,d teachers), %,d classes, %,d "
                            + "enrollments (%,d of students, %,d of teachers)%s. The v2.1 batch has %d error(s) and "
                            + "%d warning(s).%n", dir, out, (System.nanoTime() - started) / 1e9, c.orgs(),
                    c.academicSessions(), c.courses(), c.users(), c.students(), c.teachers(), c.classes(),
                    c.enrollments(), c.studentEnrollments(), c.teacherEnrollments(), repeated(c),
                    v21.errorCount(), v21.warningCount());
            stdout.flush();
            return v21.hasErrors() ? 1 : 0;
        } catch (IOException e) {
            throw new CliException(Sis2sds.USAGE, "Cannot convert " + dir + " into " + out + " (" + e.getMessage()
                    + "); check both folders and the free space.", e);
        }
    }

    private static String repeated(V21Mapping.Counts c) {
        if (c.repeatedStudents() + c.repeatedTeachers() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "; %,d repeated student and %,d repeated teacher rows left out (the first "
                + "row of each SIS ID kept, as SDS would)", c.repeatedStudents(), c.repeatedTeachers());
    }
}
