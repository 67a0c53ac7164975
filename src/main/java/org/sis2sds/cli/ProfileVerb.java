package org.sis2sds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.sis2sds.sds.ClassicSdsClient;
import org.sis2sds.sds.ProfileStatus;
import org.sis2sds.sds.SdsClientConfig;
import org.sis2sds.sds.SdsDestination;
import org.sis2sds.sds.SdsException;
import org.sis2sds.validate.Message;

/**
 * The base of every {@code profile} verb: opens the SDS Classic client, maps SDS's refusals to exit 1, and holds
 * what several verbs do alike (describe a profile, wait for provisioning or a final status, start a sync).
 */
abstract class ProfileVerb extends SdsCommand {

    @Override
    protected final int execute() throws Exception {
        try (SdsDestination sds = destination()) {
            return run(sds);
        }
    }

    /** What the verb does with SDS; returns the exit code. */
    abstract int run(SdsDestination sds) throws Exception;

    @Override
    protected CliException refusal(Exception e) {
        return e instanceof SdsException ? new CliException(REFUSED, e.getMessage(), e) : null;
    }

    SdsDestination destination() {
        return new ClassicSdsClient(SdsClientConfig.from(settings()));
    }

    /** Reads a profile file; {@code ${NAME}} is replaced by the environment variable NAME (keeps secrets out). */
    JsonNode readJson(Path file) {
        return ProfileFile.read(file, ProfileCommand.env);
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
    ProfileStatus awaitFinal(SdsDestination sds, String id, Duration timeout) throws Exception {
        ProfileStatus[] now = new ProfileStatus[1];
        String[] last = new String[1];
        awaitUntil(timeout, pollInterval(), () -> {
            now[0] = sds.status(id);
            String wire = now[0].status().wire();
            if (!json() && !wire.equals(last[0])) {
                out.println("  status: " + wire
                        + (now[0].statusMessage() == null ? "" : "  (" + now[0].statusMessage() + ")"));
                out.flush();
                last[0] = wire;
            }
            return now[0].status().isFinal();
        }, () -> "Profile " + id + " was still " + now[0].status().wire() + " after " + timeout.toSeconds()
                + " s; check it later with: sis2sds profile status " + id);
        return now[0];
    }

    Duration pollInterval() {
        return settings().getDuration("sis2sds.sds.poll-interval", Duration.ofSeconds(10));
    }

    /** Prints a final status; exit 1 when SDS rejected the data. */
    int finalStatus(ProfileStatus st, String id) throws IOException {
        if (json()) {
            print(statusJson(st));
        } else {
            out.println("Profile " + id + " finished with status " + st.status().wire() + " (" + st.errorCount()
                    + " error(s)).");
        }
        if (st.status().isRejection()) {
            throw new CliException(REFUSED, "SDS ended the sync of profile " + id + " with status "
                    + st.status().wire() + "; see: sis2sds profile errors " + id);
        }
        return OK;
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
    int provisioned(SdsDestination sds, JsonNode p, String id, WaitOptions wait, String done) throws Exception {
        if (wait.await()) {
            p = sds.awaitProvisioned(id, wait.timeout());
        }
        if (json()) {
            print(p);
        } else {
            out.println(done + " profile " + id + " (" + p.path("state").asText() + ").");
        }
        return OK;
    }

    /** Starts the sync; with --wait, waits for a final status unless SDS refused to start. */
    int start(SdsDestination sds, String id, WaitOptions wait) throws Exception {
        List<Message> msgs = sds.start(id);
        if (!wait.await() || msgs.stream().anyMatch(Message::isError)) {
            return startMessages(msgs, id);
        }
        if (!json()) {
            startMessages(msgs, id);
        }
        return finalStatus(awaitFinal(sds, id, wait.timeout()), id);
    }

    /** Prints start messages; exit 1 when any is an Error. */
    int startMessages(List<Message> msgs, String id) throws IOException {
        long errors = msgs.stream().filter(Message::isError).count();
        if (json()) {
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
            throw new CliException(REFUSED, "SDS refused to start profile " + id + ": the uploaded files have "
                    + errors + " error(s); fix them and upload again.");
        }
        if (!json()) {
            out.println("Started profile " + id + (msgs.isEmpty() ? "." : " (" + msgs.size() + " warning(s))."));
        }
        return OK;
    }
}
