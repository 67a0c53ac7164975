package org.sis2sds.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true, description = "Runs the demo against the embedded sandboxes.")
public final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new CliException(Sis2sds.USAGE, "The demo command is not built yet.");
    }
}
