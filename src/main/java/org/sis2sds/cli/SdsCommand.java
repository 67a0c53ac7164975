package org.sis2sds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.sis2sds.core.Settings;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * The plumbing of every command that talks to SDS ({@code profile}, {@code flow}): the options {@code --json} and
 * {@code --sandbox[=PORT]} ({@link Options}), {@code --wait} and {@code --timeout} for the verbs that wait
 * ({@link WaitOptions}), the SDS connection settings, and the exit codes: {@value #OK} done, {@value #REFUSED} the
 * service refused (its error printed as one sentence), {@value #USAGE} usage (a missing file, a bad option).
 *
 * <p>A verb extends this class and implements {@link #execute()}; whatever it throws becomes one sentence on stderr
 * (see {@link Sis2sds}): a {@link CliException} keeps its exit code, a refusal that {@link #refusal(Exception)}
 * recognises exits 1, a file that cannot be read exits 2, SDS out of reach exits 1.
 */
public abstract class SdsCommand implements Callable<Integer> {
    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = Sis2sds.USAGE;
    /** Indented JSON, as {@code --json} prints it. */
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** {@code --json} and {@code --sandbox[=PORT]}. */
    public static final class Options {
        @CommandLine.Option(names = "--json", description = "Print SDS's JSON instead of text.")
        boolean json;

        @CommandLine.Option(names = "--sandbox", arity = "0..1", fallbackValue = "18082", paramLabel = "PORT",
                description = "Talk to the local SDS sandbox on 127.0.0.1:PORT (default 18082) with its credentials.")
        Integer sandboxPort;
    }

    @Mixin
    protected Options options;

    @CommandLine.Spec
    protected CommandLine.Model.CommandSpec spec;

    /** The command's standard output (set when it runs). */
    protected PrintWriter out;

    @Override
    public final Integer call() throws Exception {
        out = spec.commandLine().getOut();
        if (options.json && LoggerFactory.getLogger("org.sis2sds") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(ch.qos.logback.classic.Level.WARN); // keep stdout parseable JSON
        }
        try {
            int rc = execute();
            out.flush();
            return rc;
        } catch (CliException e) {
            throw e;
        } catch (IOException e) {
            if (e instanceof NoSuchFileException || e instanceof AccessDeniedException) {
                throw new CliException(USAGE, "Cannot read " + e.getMessage() + ".", e);
            }
            throw new CliException(REFUSED, e.getMessage() == null ? "SDS could not be reached." : e.getMessage(), e);
        } catch (Exception e) {
            CliException refused = refusal(e);
            if (refused != null) {
                throw refused;
            }
            throw e;
        }
    }

    /** What the verb does; returns the exit code. */
    protected abstract int execute() throws Exception;

    /**
     * The exit-1 form of a service's refusal ({@code new CliException(REFUSED, e.getMessage(), e)}), or null when
     * {@code e} is not one (then it is reported as an unexpected error).
     */
    protected abstract CliException refusal(Exception e);

    /** True with {@code --json}. */
    protected boolean json() {
        return options.json;
    }

    /**
     * The settings, with {@code --sandbox}: the SDS connection keys pointed at the local SDS sandbox (its login,
     * Graph base and credentials; the client secret may be set in {@code sis2sds.sds.sandbox.client-secret}).
     */
    protected Settings settings() {
        Settings s = Settings.load();
        if (options.sandboxPort != null) {
            String base = "http://127.0.0.1:" + options.sandboxPort;
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

    /** Prints a JSON document (indented). */
    protected void print(JsonNode n) throws IOException {
        out.println(JSON.writeValueAsString(n));
    }

    /** Prints that an action was done: {@code {"id", "done": word}} with --json, else the sentence. */
    protected int done(String id, String word, String sentence) throws IOException {
        if (options.json) {
            print(JSON.createObjectNode().put("id", id).put("done", word));
        } else {
            out.println(sentence);
        }
        return OK;
    }

    /** A condition polled by {@link #awaitUntil}. */
    @FunctionalInterface
    protected interface Check {
        boolean done() throws Exception;
    }

    /**
     * Polls {@code check} every {@code interval} (at least 50 ms) until it is done; after {@code timeout} exits 1
     * with {@code stillBusy} (one sentence saying what is still going on and how to look later).
     */
    protected static void awaitUntil(Duration timeout, Duration interval, Check check, Supplier<String> stillBusy)
            throws Exception {
        Instant until = Instant.now().plus(timeout);
        while (!check.done()) {
            if (Instant.now().isAfter(until)) {
                throw new CliException(REFUSED, stillBusy.get());
            }
            Thread.sleep(Math.max(50, interval.toMillis()));
        }
    }
}
