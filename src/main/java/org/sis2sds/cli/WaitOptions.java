package org.sis2sds.cli;

import java.time.Duration;
import org.sis2sds.core.Settings;
import picocli.CommandLine;

/**
 * {@code --wait} and {@code --timeout DURATION} for a verb of an {@link SdsCommand} that can wait for SDS to finish.
 * Add it with {@code @Mixin WaitOptions wait;} and let the verb implement {@link Defaults} to say how long it waits
 * by default (shown in its help); {@link #timeout()} parses the option and refuses a bad one with exit 2.
 */
public final class WaitOptions {
    /** Implemented by a verb that mixes in WaitOptions: its default {@code --timeout}. */
    public interface Defaults {
        /** A duration such as {@code 10m} or {@code 2h}. */
        String defaultTimeout();
    }

    /** Gives {@code --timeout} the default of the verb it belongs to (registered in {@link Sis2sds}). */
    static final class DefaultProvider implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(CommandLine.Model.ArgSpec arg) {
            if (arg instanceof CommandLine.Model.OptionSpec o && "--timeout".equals(o.longestName())
                    && arg.command() != null && arg.command().userObject() instanceof Defaults d) {
                return d.defaultTimeout();
            }
            return null;
        }
    }

    @CommandLine.Option(names = "--wait", description = "Wait until SDS has finished (what that means is in the "
            + "command's description).")
    boolean await;

    @CommandLine.Option(names = "--timeout", description = "Longest wait with --wait (default ${DEFAULT-VALUE}).")
    String timeout;

    /** True with {@code --wait}. */
    public boolean await() {
        return await;
    }

    /** The {@code --timeout} (its default when not given). */
    public Duration timeout() {
        try {
            return Settings.parseDuration(timeout);
        } catch (RuntimeException e) {
            throw new CliException(SdsCommand.USAGE, "--timeout is '" + timeout + "' but must be a duration such as "
                    + "30s, 10m or 2h.");
        }
    }

    /** The {@code --timeout} as given (or its default), for messages. */
    public String timeoutText() {
        return timeout;
    }
}
