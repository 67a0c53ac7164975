package org.sis2sds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.sis2sds.sds.ClassicSdsClient;
import org.sis2sds.sds.ErrorPage;
import org.sis2sds.sds.ProfileStatus;
import org.sis2sds.sds.SdsClientConfig;
import org.sis2sds.sds.SdsDestination;
import org.sis2sds.sds.SdsError;
import org.sis2sds.sds.SdsException;
import org.sis2sds.sds.SyncStatus;
import org.sis2sds.validate.Message;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sis2sds profile <verb>}: SDS synchronization-profile operations against the configured SDS
 * ({@code sis2sds.sds.*}) or, with {@code --sandbox}, the local SDS sandbox. Exit 0 success, 1 SDS refused
 * (its error printed as one sentence), 2 usage.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "SDS synchronization-profile operations against the configured SDS endpoint.",
        subcommands = {ProfileCommand.ListVerb.class, ProfileCommand.GetVerb.class, ProfileCommand.CreateVerb.class,
                ProfileCommand.UpdateVerb.class, ProfileCommand.DeleteVerb.class, ProfileCommand.UploadVerb.class,
                ProfileCommand.StartVerb.class, ProfileCommand.PauseVerb.class, ProfileCommand.ResumeVerb.class,
                ProfileCommand.ResetVerb.class, ProfileCommand.StatusVerb.class, ProfileCommand.ErrorsVerb.class})
public final class ProfileCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final java.util.regex.Pattern ENV_REF = java.util.regex.Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    /** Where ${NAME} references in profile files are looked up (tests replace it). */
    static java.util.function.Function<String, String> env = System::getenv;

    static String env(String name) {
        return env.apply(name);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a profile verb: list, get, create, update, "
                + "delete, upload, start, pause, resume, reset, status or errors.");
    }

    /** The base of every verb: the SDS Classic client. */
    abstract static class Verb extends GraphVerb<SdsDestination> {
        @Override
        SdsDestination client() {
            return destination();
        }

        SdsDestination destination() {
            return new ClassicSdsClient(SdsClientConfig.from(settings()));
        }

        /** Reads a profile file; {@code ${NAME}} is replaced by the environment variable NAME (keeps secrets out). */
        JsonNode readJson(Path file) {
            String text;
            try {
                text = Files.readString(file);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new CliException(Sis2sds.USAGE, "The profile file " + file + " does not exist.");
            } catch (IOException e) {
                throw new CliException(Sis2sds.USAGE, "The profile file " + file + " is not valid JSON: "
                        + e.getMessage().lines().findFirst().orElse("") + ".");
            }
            java.util.regex.Matcher m = ENV_REF.matcher(text);
            StringBuilder sb = new StringBuilder();
            try {
                while (m.find()) {
                    String v = env(m.group(1));
                    if (v == null) {
                        throw new CliException(Sis2sds.USAGE, "The profile file " + file + " needs the environment "
                                + "variable " + m.group(1) + "; set it and try again.");
                    }
                    String quoted = JSON.writeValueAsString(v);
                    m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(
                            quoted.substring(1, quoted.length() - 1)));
                }
                m.appendTail(sb);
                return JSON.readTree(sb.toString());
            } catch (IOException e) {
                // the parser quotes what it stumbled on: explain with the file as written, never with a secret in it
                String why;
                try {
                    JSON.readTree(text);
                    why = "a value from the environment does not fit where its ${NAME} stands";
                } catch (IOException asWritten) {
                    why = asWritten.getMessage().lines().findFirst().orElse("");
                }
                throw new CliException(Sis2sds.USAGE, "The profile file " + file + " is not valid JSON: " + why + ".");
            }
        }

        void describe(JsonNode p) {
            out.println("Profile " + p.path("id").asText() + "  \"" + p.path("displayName").asText() + "\"");
            out.println("  state:     " + p.path("state").asText());
            out.println("  provider:  " + provider(p));
            JsonNode id = p.path("identitySynchronizationConfiguration");
            out.println("  identity:  " + type(id));
            for (JsonNode d : id.path("userDomains")) {
                out.println("    " + d.path("appliesTo").asText() + " -> " + d.path("name").asText());
            }
            for (JsonNode m : id.path("matchingOptions")) {
                out.println("    " + m.path("appliesTo").asText() + ": " + m.path("sourcePropertyName").asText()
                        + " -> " + m.path("targetPropertyName").asText()
                        + (m.hasNonNull("targetDomain") ? " @" + m.get("targetDomain").asText() : ""));
            }
            if (p.hasNonNull("expirationDate")) {
                out.println("  expires:   " + p.get("expirationDate").asText());
            }
        }

        static String provider(JsonNode p) {
            String t = type(p.path("dataProvider"));
            return switch (t) {
                case "educationCsvDataProvider" -> "CSV";
                case "educationPowerSchoolDataProvider" -> "PowerSchool (" + p.path("dataProvider")
                        .path("connectionUrl").asText() + ")";
                case "educationOneRosterApiDataProvider" -> "OneRoster API";
                default -> t;
            };
        }

        static String type(JsonNode n) {
            String t = n.path("@odata.type").asText("");
            int dot = t.lastIndexOf('.');
            return dot < 0 ? t : t.substring(dot + 1);
        }

        /** Polls profileStatus until a final status; prints each change. */
        ProfileStatus awaitFinal(SdsDestination sds, String id, Duration timeout, Duration interval) throws Exception {
            Instant until = Instant.now().plus(timeout);
            String last = null;
            while (true) {
                ProfileStatus st = sds.status(id);
                if (!common.json && !st.status().wire().equals(last)) {
                    out.println("  status: " + st.status().wire()
                            + (st.statusMessage() == null ? "" : "  (" + st.statusMessage() + ")"));
                    out.flush();
                    last = st.status().wire();
                }
                if (st.status().isFinal()) {
                    return st;
                }
                if (Instant.now().isAfter(until)) {
                    throw new CliException(1, "Profile " + id + " was still " + st.status().wire() + " after "
                            + timeout.toSeconds() + " s; check it later with: sis2sds profile status " + id);
                }
                Thread.sleep(Math.max(50, interval.toMillis()));
            }
        }

        Duration pollInterval() {
            return settings().getDuration("sis2sds.sds.poll-interval", Duration.ofSeconds(10));
        }

        /** Prints a final status; exit 1 when SDS rejected the data. */
        int finalStatus(ProfileStatus st, String id) throws IOException {
            if (common.json) {
                print(statusJson(st));
            } else {
                out.println("Profile " + id + " finished with status " + st.status().wire() + " (" + st.errorCount()
                        + " error(s)).");
            }
            if (st.status().isRejection()) {
                throw new CliException(1, "SDS ended the sync of profile " + id + " with status " + st.status().wire()
                        + "; see: sis2sds profile errors " + id);
            }
            return 0;
        }

        static ObjectNode statusJson(ProfileStatus st) {
            ObjectNode n = JSON.createObjectNode();
            n.put("status", st.status().wire());
            n.put("lastSynchronizationDateTime", st.lastSynchronization() == null ? null
                    : st.lastSynchronization().toString());
            n.put("lastActivityDateTime", st.lastActivity() == null ? null : st.lastActivity().toString());
            n.put("errorCount", st.errorCount());
            n.put("statusMessage", st.statusMessage());
            return n;
        }

        /** With --wait, waits until the profile is provisioned; prints it, or "{done} profile ID (state).". */
        int provisioned(SdsDestination sds, JsonNode p, String id, boolean await, String timeout, String done)
                throws Exception {
            if (await) {
                p = sds.awaitProvisioned(id, timeout(timeout));
            }
            if (common.json) {
                print(p);
            } else {
                out.println(done + " profile " + id + " (" + p.path("state").asText() + ").");
            }
            return 0;
        }

        /** Starts the sync; with --wait, waits for a final status unless SDS refused to start. */
        int start(SdsDestination sds, String id, boolean await, String timeout) throws Exception {
            List<Message> msgs = sds.start(id);
            if (!await || msgs.stream().anyMatch(Message::isError)) {
                return startMessages(msgs, id);
            }
            if (!common.json) {
                startMessages(msgs, id);
            }
            return finalStatus(awaitFinal(sds, id, timeout(timeout), pollInterval()), id);
        }

        /** Prints that an action was done: {@code {"id", "done": word}} with --json, else the sentence. */
        int done(String id, String word, String sentence) throws IOException {
            if (common.json) {
                print(JSON.createObjectNode().put("id", id).put("done", word));
            } else {
                out.println(sentence);
            }
            return 0;
        }

        /** Prints start messages; exit 1 when any is an Error. */
        int startMessages(List<Message> msgs, String id) throws IOException {
            long errors = msgs.stream().filter(Message::isError).count();
            if (common.json) {
                ObjectNode n = JSON.createObjectNode();
                ArrayNode v = n.putArray("value");
                msgs.forEach(m -> v.addObject().put("type", m.type()).put("fileName", m.fileName())
                        .put("description", m.description()));
                print(n);
            } else {
                for (Message m : msgs) {
                    out.println(m.type() + "  " + m.fileName() + "  " + m.description());
                }
            }
            if (errors > 0) {
                out.flush();
                throw new CliException(1, "SDS refused to start profile " + id + ": the uploaded files have " + errors
                        + " error(s); fix them and upload again.");
            }
            if (!common.json) {
                out.println("Started profile " + id + (msgs.isEmpty() ? "." : " (" + msgs.size() + " warning(s))."));
            }
            return 0;
        }
    }

    @Command(name = "list", description = "Lists the synchronization profiles.")
    static final class ListVerb extends Verb {
        @Override
        int run(SdsDestination sds) throws Exception {
            List<JsonNode> all = sds.listProfiles();
            if (common.json) {
                ObjectNode n = JSON.createObjectNode();
                ArrayNode v = n.putArray("value");
                all.forEach(v::add);
                print(n);
                return 0;
            }
            if (all.isEmpty()) {
                out.println("No synchronization profiles.");
                return 0;
            }
            out.printf("%-36s  %-18s  %-12s  %s%n", "ID", "STATE", "PROVIDER", "NAME");
            for (JsonNode p : all) {
                String prov = provider(p);
                out.printf("%-36s  %-18s  %-12s  %s%n", p.path("id").asText(), p.path("state").asText(),
                        prov.startsWith("PowerSchool") ? "PowerSchool" : prov, p.path("displayName").asText());
            }
            return 0;
        }
    }

    @Command(name = "get", description = "Shows one profile.")
    static final class GetVerb extends Verb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int run(SdsDestination sds) throws Exception {
            JsonNode p = sds.getProfile(id);
            if (common.json) {
                print(p);
            } else {
                describe(p);
            }
            return 0;
        }
    }

    @Command(name = "create", description = "Creates a profile from a JSON file (see config/examples/).")
    static final class CreateVerb extends Verb {
        @Parameters(index = "0", paramLabel = "FILE.json")
        Path file;

        @Option(names = "--wait", description = "Wait until the profile is provisioned.")
        boolean await;

        @Option(names = "--timeout", defaultValue = "10m", description = "Longest wait with --wait (default 10m).")
        String timeout;

        @Override
        int run(SdsDestination sds) throws Exception {
            JsonNode p = sds.createProfile(readJson(file));
            return provisioned(sds, p, p.path("id").asText(), await, timeout, "Created");
        }
    }

    @Command(name = "update", description = "Updates a profile from a JSON file (SDS provisions it again).")
    static final class UpdateVerb extends Verb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "FILE.json")
        Path file;

        @Option(names = "--wait", description = "Wait until the profile is provisioned again.")
        boolean await;

        @Option(names = "--timeout", defaultValue = "10m", description = "Longest wait with --wait (default 10m).")
        String timeout;

        @Override
        int run(SdsDestination sds) throws Exception {
            return provisioned(sds, sds.updateProfile(id, readJson(file)), id, await, timeout, "Updated");
        }
    }

    @Command(name = "delete", description = "Deletes a profile (nothing is deleted from Entra ID).")
    static final class DeleteVerb extends Verb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--wait", description = "Wait until SDS no longer knows the profile.")
        boolean await;

        @Option(names = "--timeout", defaultValue = "10m", description = "Longest wait with --wait (default 10m).")
        String timeout;

        @Override
        int run(SdsDestination sds) throws Exception {
            sds.deleteProfile(id);
            if (await) {
                Instant until = Instant.now().plus(timeout(timeout));
                while (true) {
                    try {
                        sds.getProfile(id);
                    } catch (SdsException e) {
                        if (e.status() == 404) {
                            break;
                        }
                        throw e;
                    }
                    if (Instant.now().isAfter(until)) {
                        throw new CliException(1, "Profile " + id + " was still being deleted after " + timeout + ".");
                    }
                    Thread.sleep(200);
                }
            }
            if (common.json) {
                print(JSON.createObjectNode().put("id", id).put("state", await ? "deleted" : "deleting"));
            } else {
                out.println((await ? "Deleted profile " : "Deleting profile ") + id + ".");
            }
            return 0;
        }
    }

    @Command(name = "upload", description = "Uploads the six CSV files of DIR to a profile.")
    static final class UploadVerb extends Verb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "DIR")
        Path dir;

        @Option(names = "--start", description = "Start the sync after the upload.")
        boolean start;

        @Option(names = "--wait", description = "With --start: wait for a final status.")
        boolean await;

        @Option(names = "--timeout", defaultValue = "2h", description = "Longest wait with --wait (default 2h).")
        String timeout;

        @Override
        int run(SdsDestination sds) throws Exception {
            if (!Files.isDirectory(dir)) {
                throw new CliException(Sis2sds.USAGE, dir + " is not a folder; name the folder holding the six CSV "
                        + "files.");
            }
            sds.uploadBatch(id, dir);
            if (!common.json) {
                out.println("Uploaded " + dir + " to profile " + id + ".");
            }
            if (!start) {
                if (common.json) {
                    print(JSON.createObjectNode().put("id", id).put("uploaded", dir.toString()));
                }
                return 0;
            }
            return start(sds, id, await, timeout);
        }
    }

    @Command(name = "start", description = "Starts the sync of the uploaded files; prints SDS's messages.")
    static final class StartVerb extends Verb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--wait", description = "Wait for a final status.")
        boolean await;

        @Option(names = "--timeout", defaultValue = "2h", description = "Longest wait with --wait (default 2h).")
        String timeout;

        @Override
        int run(SdsDestination sds) throws Exception {
            return start(sds, id, await, timeout);
        }
    }

    @Command(name = "pause", description = "Pauses a profile's sync.")
    static final class PauseVerb extends Verb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int run(SdsDestination sds) throws Exception {
            sds.pause(id);
            return done(id, "paused", "Paused profile " + id + ".");
        }
    }

    @Command(name = "resume", description = "Resumes a paused profile.")
    static final class ResumeVerb extends Verb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int run(SdsDestination sds) throws Exception {
            sds.resume(id);
            return done(id, "resumed", "Resumed profile " + id + ".");
        }
    }

    @Command(name = "reset", description = "Restarts a profile's sync and deletes its recorded errors.")
    static final class ResetVerb extends Verb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int run(SdsDestination sds) throws Exception {
            sds.reset(id);
            return done(id, "reset", "Reset profile " + id + ": errors cleared, sync restarted.");
        }
    }

    @Command(name = "status", description = "Shows a profile's sync status.")
    static final class StatusVerb extends Verb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--wait", description = "Wait for a final status (success, error, validationError, "
                + "quarantined).")
        boolean await;

        @Option(names = "--timeout", defaultValue = "2h", description = "Longest wait with --wait (default 2h).")
        String timeout;

        @Override
        int run(SdsDestination sds) throws Exception {
            if (await) {
                return finalStatus(awaitFinal(sds, id, timeout(timeout), pollInterval()), id);
            }
            ProfileStatus st = sds.status(id);
            if (common.json) {
                print(statusJson(st));
            } else {
                out.println("status:               " + st.status().wire()
                        + (st.status() == SyncStatus.UNKNOWN_FUTURE_VALUE && st.raw() != null
                        && !st.raw().equals(st.status().wire()) ? " (SDS said " + st.raw() + ")" : ""));
                out.println("message:              " + (st.statusMessage() == null ? "" : st.statusMessage()));
                out.println("errors:               " + st.errorCount());
                out.println("last synchronization: " + (st.lastSynchronization() == null ? "never"
                        : st.lastSynchronization()));
                out.println("last activity:        " + (st.lastActivity() == null ? "none" : st.lastActivity()));
            }
            return 0;
        }
    }

    @Command(name = "errors", description = "Lists the errors SDS recorded for a profile.")
    static final class ErrorsVerb extends Verb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--max", defaultValue = "100", description = "Show at most this many (default 100).")
        int max;

        @Override
        int run(SdsDestination sds) throws Exception {
            if (max < 1) {
                throw new CliException(Sis2sds.USAGE, "--max must be at least 1.");
            }
            ErrorPage page = sds.errors(id, max);
            if (common.json) {
                ObjectNode n = JSON.createObjectNode();
                n.put("@odata.count", page.total());
                ArrayNode v = n.putArray("value");
                page.errors().forEach(e -> v.add(JSON.valueToTree(e.toMap())));
                print(n);
                return 0;
            }
            out.println(page.total() + " error(s)" + (page.total() > page.errors().size() ? ", the first "
                    + page.errors().size() + " shown" : "") + ".");
            for (SdsError e : page.errors()) {
                out.println(e.entryType() + "  " + e.errorCode() + "  " + e.reportableIdentifier() + "  "
                        + e.errorMessage());
            }
            return 0;
        }
    }
}
