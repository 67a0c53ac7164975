package org.sis2sds.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.sis2sds.cli.Sis2sds;
import picocli.CommandLine;

/**
 * One {@code bin/sis2sds} command line run in-process, with what it printed.
 *
 * @param code the exit code
 * @param out  its standard output
 * @param err  its standard error
 */
public record CliRun(int code, String out, String err) {

    /** Runs {@code args}; a {@code tail} (e.g. {@code --sandbox=PORT}) is appended after them when not null. */
    public static CliRun of(String[] args, String tail) {
        CommandLine cl = Sis2sds.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = args;
        if (tail != null) {
            all = java.util.Arrays.copyOf(args, args.length + 1);
            all[args.length] = tail;
        }
        return new CliRun(cl.execute(all), out.toString(), err.toString());
    }
}
