package org.sis2sds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sis2sds.core.Settings;
import org.sis2sds.sds.SdsException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The plumbing every verb of {@code profile} (SDS Classic) and {@code flow} (SDS over Graph industryData) shares:
 * {@code --json} (only the service's JSON on stdout), {@code --sandbox[=PORT]} (the local sandbox with its
 * credentials), and the exit codes: 0 success, 1 the service refused (its error printed as one sentence), 2 usage.
 *
 * @param <C> the client the verbs talk through
 */
abstract class GraphVerb<C extends AutoCloseable> implements Callable<Integer> {

    /** Options every verb takes. */
    static final class Common {
        @Option(names = "--json", description = "Print the service's JSON instead of text.")
        boolean json;

        @Option(names = "--sandbox", arity = "0..1", fallbackValue = "18082", paramLabel = "PORT",
                description = "Talk to the local SDS sandbox on 127.0.0.1:PORT (default 18082) with its credentials.")
        Integer sandboxPort;
    }

    @Mixin
    Common common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    PrintWriter out;

    @Override
    public final Integer call() throws Exception {
        out = spec.commandLine().getOut();
        if (common.json && LoggerFactory.getLogger("org.sis2sds") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(ch.qos.logback.classic.Level.WARN); // keep stdout parseable JSON
        }
        try (C client = client()) {
            int rc = run(client);
            out.flush();
            return rc;
        } catch (SdsException e) {
            throw new CliException(1, e.getMessage(), e);
        } catch (IOException e) {
            if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.nio.file.AccessDeniedException) {
                throw new CliException(Sis2sds.USAGE, "Cannot read " + e.getMessage() + ".", e);
            }
            throw new CliException(1, e.getMessage() == null ? "SDS could not be reached." : e.getMessage(), e);
        }
    }

    /** The client for this verb (closed when the verb ends). */
    abstract C client();

    abstract int run(C client) throws Exception;

    /** The settings, pointed at the sandbox (its URLs and credentials) with {@code --sandbox}. */
    Settings settings() {
        Settings s = Settings.load();
        if (common.sandboxPort != null) {
            String base = "http://127.0.0.1:" + common.sandboxPort;
            Map<String, String> m = new LinkedHashMap<>();
            m.put("sis2sds.sds.graph-url", base + "/beta");
            m.put("sis2sds.sds.login-url", base);
            m.put("sis2sds.sds.tenant", "sandbox");
            m.put("sis2sds.sds.client-id", s.get("sis2sds.sds.sandbox.client-id", "sandbox"));
            String secret = s.secret("sis2sds.sds.sandbox.client-secret");
            m.put("sis2sds.sds.client-secret", secret.isEmpty() ? "sandbox-secret" : secret);
            s = s.with(m);
        }
        return s;
    }

    void print(JsonNode n) throws IOException {
        out.println(ProfileCommand.JSON.writeValueAsString(n));
    }

    Duration timeout(String option) {
        try {
            return Settings.parseDuration(option);
        } catch (RuntimeException e) {
            throw new CliException(Sis2sds.USAGE, "--timeout is '" + option + "' but must be a duration such as "
                    + "30s, 10m or 2h.");
        }
    }
}
