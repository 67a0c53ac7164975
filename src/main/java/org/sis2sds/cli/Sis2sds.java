package org.sis2sds.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.ServiceLoader;
import org.sis2sds.core.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/sis2sds}: the command line. Errors are one sentence on stderr; {@code --verbose} adds the trace. */
@Command(name = "sis2sds", mixinStandardHelpOptions = true, versionProvider = Sis2sds.Version.class,
        description = "Keeps Microsoft School Data Sync fed from a student information system.",
        subcommands = {ValidateCommand.class, RunCommand.class, ProfileCommand.class, FlowCommand.class,
                GenerateCommand.class, ConvertCommand.class, QuarantineCommand.class})
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
        for (CommandProvider p : ServiceLoader.load(CommandProvider.class)) {
            p.commands().forEach(c -> cl.addSubcommand(c));
        }
        for (String name : SANDBOX_COMMANDS) {
            if (!cl.getSubcommands().containsKey(name)) {
                cl.addSubcommand(name, new Missing(name));
            }
        }
        cl.setDefaultValueProvider(new WaitOptions.DefaultProvider());
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

    /** Commands the sandbox jar brings (lib/sandbox/, put on the class path by bin/sis2sds for these only). */
    static final List<String> SANDBOX_COMMANDS = List.of("demo", "sandbox");

    /** Stands in for a command whose jar is not on the class path, and says so in one sentence. */
    @Command(name = "missing", hidden = true)
    static final class Missing implements Runnable {
        private final String name;

        Missing(String name) {
            this.name = name;
        }

        @Override
        public void run() {
            throw new CliException(USAGE, "The '" + name + "' command needs the sandboxes (lib/sandbox/ of the "
                    + "distribution); run it through bin/sis2sds, which puts them on the class path.");
        }
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
