package org.sis2sds.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "quarantine", mixinStandardHelpOptions = true, description = "Lists, releases and discards quarantined batches.")
public final class QuarantineCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new CliException(Sis2sds.USAGE, "The quarantine command is not built yet.");
    }
}
