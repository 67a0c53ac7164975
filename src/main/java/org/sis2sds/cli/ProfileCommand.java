package org.sis2sds.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "profile", mixinStandardHelpOptions = true, description = "SDS synchronization-profile operations.")
public final class ProfileCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new CliException(Sis2sds.USAGE, "The profile command is not built yet.");
    }
}
