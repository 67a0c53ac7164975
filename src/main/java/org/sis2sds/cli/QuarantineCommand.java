package org.sis2sds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sis2sds.boot.Daemon;
import org.sis2sds.core.Settings;
import org.sis2sds.sync.QuarantineEntry;
import org.sis2sds.sync.Run;
import org.sis2sds.sync.SyncException;
import org.sis2sds.sync.SyncManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code quarantine list|release ID|discard ID}. When a daemon answers on the management API (with the configured
 * token) the command asks it; otherwise it opens the work dir and the database itself. Exit 0 on success, 1 when
 * refused (unknown batch, not held, or the released batch did not go through), 2 on usage or configuration errors.
 */
@Command(name = "quarantine", mixinStandardHelpOptions = true,
        description = "Lists, releases and discards quarantined batches.",
        subcommands = {QuarantineCommand.ListCmd.class, QuarantineCommand.ReleaseCmd.class,
                QuarantineCommand.DiscardCmd.class})
public final class QuarantineCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Name what to do: sis2sds quarantine list, release ID or discard ID");
    }

    /** What a command does, either through the running daemon's API or locally. */
    interface Backend extends AutoCloseable {
        List<String[]> list();

        /** Releases and waits; returns {status, run id, reason}. */
        String[] release(String id) throws Exception;

        String discard(String id);

        @Override
        void close();
    }

    static Backend backend(Settings s) throws Exception {
        Runnable restore = RunCommand.logsToStderr(true);
        try {
            Optional<Backend> api = ApiBackend.connect(s);
            Backend b = api.isPresent() ? api.get() : new LocalBackend(s);
            return new Backend() {
                @Override
                public List<String[]> list() {
                    return b.list();
                }

                @Override
                public String[] release(String id) throws Exception {
                    return b.release(id);
                }

                @Override
                public String discard(String id) {
                    return b.discard(id);
                }

                @Override
                public void close() {
                    try {
                        b.close();
                    } finally {
                        restore.run();
                    }
                }
            };
        } catch (Exception | Error e) {
            restore.run();
            throw e;
        }
    }

    static String[] row(QuarantineEntry q) {
        return new String[] {q.id, q.status, q.syncId == null ? "-" : q.syncId,
                q.runId == null ? "-" : String.valueOf(q.runId), q.reason == null ? "" : q.reason};
    }

    /** The base of every subcommand: opens the backend, runs, flushes the output. */
    abstract static class Sub implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public final Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Backend b = backend(Settings.load())) {
                int rc = run(b, out);
                out.flush();
                return rc;
            }
        }

        abstract int run(Backend b, PrintWriter out) throws Exception;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the batches in quarantine/.")
    static final class ListCmd extends Sub {
        @Override
        int run(Backend b, PrintWriter out) {
            List<String[]> rows = b.list();
            if (rows.isEmpty()) {
                out.println("Nothing in quarantine.");
            }
            int w = Math.max(2, rows.stream().mapToInt(r -> r[0].length()).max().orElse(2));
            if (!rows.isEmpty()) {
                out.println(String.format("%-" + w + "s  %-11s  %-20s  %-6s  %s", "ID", "STATUS", "SYNC", "RUN",
                        "REASON"));
            }
            for (String[] r : rows) {
                out.println(String.format("%-" + w + "s  %-11s  %-20s  %-6s  %s", (Object[]) r).stripTrailing());
            }
            return 0;
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true,
            description = "Publishes a batch held by the shrink guard (it bypasses the guard) and waits for the result.")
    static final class ReleaseCmd extends Sub {
        @Parameters(paramLabel = "ID", description = "The batch id (its folder name in quarantine/).")
        String id;

        @Override
        int run(Backend b, PrintWriter out) throws Exception {
            String[] r = b.release(id);
            out.println("Batch " + id + " released: run " + r[1] + " " + r[0]
                    + (r[2] == null || r[2].isBlank() ? "." : " - " + r[2]));
            return Run.SUCCEEDED.equals(r[0]) ? 0 : 1;
        }
    }

    @Command(name = "discard", mixinStandardHelpOptions = true,
            description = "Marks a quarantined batch as discarded; it stays in quarantine/ and is never published.")
    static final class DiscardCmd extends Sub {
        @Parameters(paramLabel = "ID", description = "The batch id (its folder name in quarantine/).")
        String id;

        @Override
        int run(Backend b, PrintWriter out) {
            out.println(b.discard(id));
            return 0;
        }
    }

    // ------------------------------------------------------------------------------------------------ local

    /** Opens the work dir and the database in this process (no schedules, no API). */
    static final class LocalBackend implements Backend {
        private final Daemon daemon;
        private final SyncManager manager;
        private final Duration timeout;

        LocalBackend(Settings s) throws Exception {
            timeout = s.getDuration("sis2sds.syncs.once-timeout", Duration.ofHours(2));
            daemon = Daemon.start(RunCommand.oneShot(s));
            manager = daemon.context().getRegistry().lookupByNameAndType("syncManager", SyncManager.class);
        }

        @Override
        public List<String[]> list() {
            return manager.quarantine().stream().map(QuarantineCommand::row).toList();
        }

        @Override
        public String[] release(String id) throws Exception {
            try {
                Run r = manager.awaitRun(manager.release(id).id, timeout);
                return new String[] {r.status, String.valueOf(r.id), r.reason};
            } catch (SyncException e) {
                throw new CliException(1, e.getMessage());
            }
        }

        @Override
        public String discard(String id) {
            try {
                QuarantineEntry q = manager.discard(id);
                return "Batch " + q.id + " discarded: it stays in quarantine and will not be published.";
            } catch (SyncException e) {
                throw new CliException(1, e.getMessage());
            }
        }

        @Override
        public void close() {
            daemon.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ API

    /** Talks to a running daemon through its management API. */
    static final class ApiBackend implements Backend {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final String base;
        private final String token;
        private final Duration timeout;

        private ApiBackend(String base, String token, Duration timeout) {
            this.base = base;
            this.token = token;
            this.timeout = timeout;
        }

        static Optional<Backend> connect(Settings s) {
            if (!s.getBool("camel.server.enabled", false)) {
                return Optional.empty();
            }
            String host = s.get("camel.server.host", "127.0.0.1");
            if (host.equals("0.0.0.0")) {
                host = "127.0.0.1";
            }
            ApiBackend b = new ApiBackend("http://" + host + ":" + s.getInt("camel.server.port", 8080) + "/api/v1",
                    s.secret("sis2sds.api.token"), s.getDuration("sis2sds.syncs.once-timeout", Duration.ofHours(2)));
            try {
                JsonNode n = b.send("GET", "/quarantine");
                return n == null ? Optional.empty() : Optional.of(b);
            } catch (ConnectException | HttpTimeoutException e) {
                return Optional.empty();
            } catch (CliException e) {
                throw e;
            } catch (Exception e) {
                return Optional.empty();
            }
        }

        /** The envelope of a successful answer; a refusal becomes a CliException with the API's message. */
        JsonNode send(String method, String path) throws IOException, InterruptedException {
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (!token.isEmpty()) {
                rb.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode n;
            try {
                n = JSON.readTree(r.body());
            } catch (IOException e) {
                return null; // not our API
            }
            if (r.statusCode() == 401) {
                throw new CliException(Sis2sds.USAGE, "The running daemon refused the API token; set SIS2SDS_API_TOKEN "
                        + "to the token the daemon uses.");
            }
            if (!n.path("success").asBoolean(false)) {
                throw new CliException(1, n.path("message").asText("The daemon refused the request."));
            }
            return n;
        }

        @Override
        public List<String[]> list() {
            try {
                JsonNode n = send("GET", "/quarantine");
                java.util.ArrayList<String[]> rows = new java.util.ArrayList<>();
                for (JsonNode q : n.path("data")) {
                    JsonNode a = q.path("attributes");
                    rows.add(new String[] {q.path("id").asText(), a.path("status").asText(),
                            a.path("sync_id").asText("-"), a.path("run_id").asText("-"), a.path("reason").asText("")});
                }
                return rows;
            } catch (IOException | InterruptedException e) {
                throw noAnswer(e);
            }
        }

        @Override
        public String[] release(String id) throws Exception {
            try {
                JsonNode run = send("POST", "/quarantine/" + id + "/release").path("data");
                String runId = run.path("id").asText();
                String syncId = run.path("attributes").path("sync_id").asText();
                long end = System.nanoTime() + timeout.toNanos();
                while (true) {
                    JsonNode a = send("GET", "/syncs/" + syncId + "/runs/" + runId).path("data").path("attributes");
                    String st = a.path("status").asText();
                    if (!st.equals(Run.PENDING) && !st.equals(Run.RUNNING) || System.nanoTime() > end) {
                        return new String[] {st, runId, a.path("reason").asText("")};
                    }
                    Thread.sleep(200);
                }
            } catch (IOException e) {
                throw noAnswer(e);
            }
        }

        @Override
        public String discard(String id) {
            try {
                return send("POST", "/quarantine/" + id + "/discard").path("message").asText();
            } catch (IOException | InterruptedException e) {
                throw noAnswer(e);
            }
        }

        /** The daemon went away mid-command: one sentence, also when the exception has no message. */
        private static CliException noAnswer(Exception e) {
            return new CliException(1, "The daemon did not answer ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); check that it is still running and try again.", e);
        }

        @Override
        public void close() {
        }
    }
}
