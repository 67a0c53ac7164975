package org.sis2sds.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.sis2sds.core.Settings;
import org.sis2sds.sync.Run;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code quarantine list|release ID|discard ID}. When a daemon answers on the management API (with the configured
 * token) the command asks it; otherwise it opens the work dir and the database itself. Exit 0 on success, 1 when
 * refused (unknown batch, not held, or the released batch did not go through), 2 on usage or configuration errors.
 */
@Command(name = "quarantine", mixinStandardHelpOptions = true,
        description = "Lists, releases and discards quarantined batches.",
        subcommands = {QuarantineCommand.ListCmd.class, QuarantineCommand.ReleaseCmd.class,
                QuarantineCommand.DiscardCmd.class})
public final class QuarantineCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Name what to do: sis2sds quarantine list, release ID or discard ID");
    }

    /** The base of every subcommand: opens the backend, runs, flushes the output. */
    abstract static class Sub implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public final Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (QuarantineBackend b = QuarantineBackend.open(Settings.load())) {
                int rc = run(b, out);
                out.flush();
                return rc;
            }
        }

        abstract int run(QuarantineBackend b, PrintWriter out) throws Exception;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the batches in quarantine/.")
    static final class ListCmd extends Sub {
        @Override
        int run(QuarantineBackend b, PrintWriter out) {
            List<String[]> rows = b.list();
            if (rows.isEmpty()) {
                out.println("Nothing in quarantine.");
            }
            int w = Math.max(2, rows.stream().mapToInt(r -> r[0].length()).max().orElse(2));
            if (!rows.isEmpty()) {
                out.println(String.format("%-" + w + "s  %-11s  %-20s  %-6s  %s", "ID", "STATUS", "SYNC", "RUN",
                        "REASON"));
            }
            for (String[] r : rows) {
                out.println(String.format("%-" + w + "s  %-11s  %-20s  %-6s  %s", (Object[]) r).stripTrailing());
            }
            return 0;
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true,
            description = "Publishes a batch held by the shrink guard (it bypasses the guard) and waits for the result.")
    static final class ReleaseCmd extends Sub {
        @Parameters(paramLabel = "ID", description = "The batch id (its folder name in quarantine/).")
        String id;

        @Override
        int run(QuarantineBackend b, PrintWriter out) throws Exception {
            String[] r = b.release(id);
            out.println("Batch " + id + " released: run " + r[1] + " " + r[0]
                    + (r[2] == null || r[2].isBlank() ? "." : " - " + r[2]));
            return Run.SUCCEEDED.equals(r[0]) ? 0 : 1;
        }
    }

    @Command(name = "discard", mixinStandardHelpOptions = true,
            description = "Marks a quarantined batch as discarded; it stays in quarantine/ and is never published.")
    static final class DiscardCmd extends Sub {
        @Parameters(paramLabel = "ID", description = "The batch id (its folder name in quarantine/).")
        String id;

        @Override
        int run(QuarantineBackend b, PrintWriter out) {
            out.println(b.discard(id));
            return 0;
        }
    }
}
