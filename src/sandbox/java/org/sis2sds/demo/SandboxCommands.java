package org.sis2sds.demo;

import java.util.List;
import org.sis2sds.cli.CommandProvider;

/** Adds {@code demo} and {@code sandbox} to {@code bin/sis2sds} when the sandbox jar is on the class path. */
public final class SandboxCommands implements CommandProvider {
    @Override
    public List<Object> commands() {
        return List.of(new DemoCommand(), new SandboxCommand());
    }
}
