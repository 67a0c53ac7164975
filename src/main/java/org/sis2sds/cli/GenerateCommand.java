package org.sis2sds.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "generate", mixinStandardHelpOptions = true, description = "Writes a synthetic district as an SDS v1 batch.")
public final class GenerateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new CliException(Sis2sds.USAGE, "The generate command is not built yet.");
    }
}
