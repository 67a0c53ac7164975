package org.sis2sds.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "sandbox", mixinStandardHelpOptions = true, description = "Runs the PowerSchool and SDS sandboxes.")
public final class SandboxCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new CliException(Sis2sds.USAGE, "The sandbox command is not built yet.");
    }
}
