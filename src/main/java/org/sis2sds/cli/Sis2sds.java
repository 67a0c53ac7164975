package org.sis2sds.cli;

import java.io.PrintWriter;
import org.sis2sds.app.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/sis2sds}: the command line. Errors are one sentence on stderr; {@code --verbose} adds the trace. */
@Command(name = "sis2sds", mixinStandardHelpOptions = true, versionProvider = Sis2sds.Version.class,
        description = "Keeps Microsoft School Data Sync fed from a student information system.",
        subcommands = {ValidateCommand.class, RunCommand.class, DemoCommand.class, SandboxCommand.class,
                ProfileCommand.class, GenerateCommand.class, QuarantineCommand.class})
public final class Sis2sds implements Runnable {
    /** Exit code for usage and I/O problems (and configuration errors). */
    public static final int USAGE = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    static boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command, for example: sis2sds demo");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (tests call this). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Sis2sds());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println("sis2sds: " + oneSentence(ex));
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ex instanceof CliException ce ? ce.exitCode() : USAGE;
        });
        return cl;
    }

    static String oneSentence(Throwable ex) {
        if (ex instanceof ConfigException || ex instanceof CliException) {
            return ex.getMessage();
        }
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof ConfigException) {
                return root.getMessage();
            }
            root = root.getCause();
        }
        String m = root.getMessage() == null ? "" : root.getMessage().strip().lines().findFirst().orElse("");
        return m.isBlank() ? root.getClass().getSimpleName() + " (run with --verbose for details)." : m;
    }

    /** The version from the jar manifest, or "development". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Sis2sds.class.getPackage().getImplementationVersion();
            return new String[] {"sis2sds " + (v == null ? "development" : v)};
        }
    }
}
