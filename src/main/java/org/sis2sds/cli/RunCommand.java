package org.sis2sds.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs the daemon.")
public final class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new CliException(Sis2sds.USAGE, "The run command is not built yet.");
    }
}
