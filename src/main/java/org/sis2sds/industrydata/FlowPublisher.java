package org.sis2sds.industrydata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.sis2sds.azure.DataLakeUploader;
import org.sis2sds.azure.UploadException;
import org.sis2sds.batch.BatchFile;
import org.sis2sds.batch.BatchFormat;
import org.sis2sds.sds.SdsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one batch folder to an inbound flow (research industrydata.md §2.2), one step at a time so that the
 * route (or {@code flow upload}) can poll in between, recording each step in a {@link PublishState} before going on:
 * resolve the flow (refusing an expired one) → upload every CSV file to the session's Data Lake folder (a session
 * that expires mid-upload is replaced and the upload redone on the new one) → validate (once; an unknown outcome is
 * settled by reading the operations and the session) → read the operation → start a run (optional, once) → find
 * the run that picked the upload up.
 */
public final class FlowPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(FlowPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SESSIONS = 3;
    private final IndustryDataClient client;
    private final DataLakeUploader uploader;
    private final IndustryDataSettings cfg;

    public FlowPublisher(IndustryDataClient client, DataLakeUploader uploader, IndustryDataSettings cfg) {
        this.client = client;
        this.uploader = uploader;
        this.cfg = cfg;
    }

    public IndustryDataClient client() {
        return client;
    }

    public IndustryDataSettings settings() {
        return cfg;
    }

    /** The flow and its connector; an expired flow is refused with the fix. */
    public Graph.Flow flow(String flowId) throws IOException, InterruptedException {
        if (flowId == null || flowId.isBlank()) {
            throw new SdsException(0, "noFlow", "Setting " + IndustryDataSettings.P + "flow-id is missing: run "
                    + "bin/sis2sds flow setup and put the inbound flow id it prints in the configuration.");
        }
        Graph.Flow f = client.flow(flowId);
        if (f.expiredAt(Instant.now())) {
            throw expired(f);
        }
        return f;
    }

    static SdsException expired(Graph.Flow f) {
        return new SdsException(0, "flowExpired", "Inbound flow \"" + f.displayName() + "\" (" + f.id() + ") expired"
                + (f.expiration() == null ? "" : " on " + f.expiration()) + ", so SDS no longer runs it; run bin/sis2sds "
                + "flow setup for the next school year and put the new flow id in " + IndustryDataSettings.P + "flow-id.");
    }

    /** The CSV files a batch sends (every one, so the file set is the same every time), in name order. */
    public static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv"))
                    .sorted().toList();
        }
    }

    /** The name a file gets in SDS: its format's exact spelling (SDS's names are case-sensitive), else as it is. */
    static String remoteName(Path file) {
        String n = file.getFileName().toString();
        return BatchFormat.fileNamed(n).map(BatchFile::canonicalName).orElse(n);
    }

    /** Uploads every CSV file of {@code dir}, unless already done; returns the bytes sent (0 when skipped). */
    public long upload(Graph.Flow flow, Path dir, PublishState st) throws IOException, InterruptedException {
        if (st.has(PublishState.UPLOADED) || st.has(PublishState.VALIDATE_CALLING)) {
            return 0;
        }
        List<Path> files = files(dir);
        Graph.UploadSession s = client.uploadSession(flow.connectorId(), false);
        if (s.sessionExpires() != null && s.sessionExpires().isBefore(Instant.now().plus(cfg.sessionMargin()))) {
            s = client.uploadSession(flow.connectorId(), true); // too close to its end: a fresh one
        }
        for (int attempt = 1; ; attempt++) {
            try {
                long bytes = 0;
                for (Path f : files) {
                    bytes += uploader.upload(s.url(), remoteName(f), f);
                }
                ObjectNode rec = JSON.createObjectNode().put("containerId", s.containerId()).put("bytes", bytes);
                files.forEach(f -> rec.withArray("files").add(remoteName(f)));
                st.record(PublishState.UPLOADED, rec.toString());
                LOG.info("Uploaded {} file(s), {} bytes, to data connector {} (container {})", files.size(), bytes,
                        flow.connectorId(), s.containerId());
                return bytes;
            } catch (UploadException e) {
                if (!e.isSignatureRefused() || attempt >= MAX_SESSIONS) {
                    throw new SdsException(e.status(), e.code(), e.getMessage());
                }
                String old = s.containerId();
                s = client.uploadSession(flow.connectorId(), false);
                if (s.containerId().equals(old)) {
                    s = client.uploadSession(flow.connectorId(), true);
                }
                LOG.warn("The upload session of data connector {} expired mid-upload; uploading again on a new one "
                        + "(container {})", flow.connectorId(), s.containerId());
            }
        }
    }

    /**
     * Validates the upload once and returns the operation's location. After a crash or an unknown outcome it asks
     * SDS: an operation created since the call is taken; an upload session still open on the same container proves
     * the call never arrived (then it is sent); a session gone without an operation means the upload is lost, and
     * it is done again ({@link #NEEDS_UPLOAD}).
     */
    public String validate(Graph.Flow flow, PublishState st) throws IOException, InterruptedException {
        if (st.has(PublishState.OPERATION)) {
            return st.get(PublishState.OPERATION);
        }
        if (st.has(PublishState.VALIDATE_CALLING)) {
            String found = settle(flow, st);
            if (found != null) {
                return found;
            }
        }
        String location = null;
        for (int attempt = 1; location == null; attempt++) {
            st.record(PublishState.VALIDATE_CALLING, Instant.now().toString());
            try {
                location = client.validate(flow.connectorId()).orElse(null);
                if (location == null) {
                    location = client.latestOperation(Instant.parse(st.get(PublishState.VALIDATE_CALLING)))
                            .map(Graph.Operation::id).orElseThrow(() -> new SdsException(202, "noLocation", "SDS "
                                    + "accepted the validation but gave no operation to follow."));
                }
            } catch (IndustryDataClient.OutcomeUnknown e) {
                LOG.warn("{} Looking for the operation instead of validating again.", e.getMessage());
                location = settle(flow, st);
                if (location == null && attempt >= 2) {
                    throw new SdsException(0, "validateLost", "SDS did not say whether it took the validation of "
                            + "data connector " + flow.connectorId() + " (twice); try again later.");
                }
                if (location != null) {
                    return location; // an operation found, or NEEDS_UPLOAD
                }
                // the session is still open on the same container: the call never arrived; send it once more
            }
        }
        st.record(PublishState.OPERATION, location);
        return location;
    }

    /** Sentinel: the validation never happened and the session is gone; the caller uploads again. */
    public static final String NEEDS_UPLOAD = "needs-upload";

    private String settle(Graph.Flow flow, PublishState st) throws IOException, InterruptedException {
        Instant since = Instant.parse(st.get(PublishState.VALIDATE_CALLING));
        Optional<Graph.Operation> op = client.latestOperation(since);
        if (op.isPresent()) {
            st.record(PublishState.OPERATION, op.get().id());
            return op.get().id();
        }
        String uploaded = st.has(PublishState.UPLOADED)
                ? JSON.readTree(st.get(PublishState.UPLOADED)).path("containerId").asText("") : "";
        Graph.UploadSession s = client.uploadSession(flow.connectorId(), false);
        if (!uploaded.isEmpty() && uploaded.equals(s.containerId())) {
            return null; // the same session is still open: validate never reached SDS; send it
        }
        st.forgetUpload();
        return NEEDS_UPLOAD;
    }

    public Graph.Operation operation(String location) throws IOException, InterruptedException {
        return client.operation(location);
    }

    /** Records a finished operation's verdict; returns it. */
    public JsonNode recordVerdict(Graph.Operation op, PublishState st) throws IOException {
        ObjectNode v = JSON.createObjectNode().put("at", (op.created() == null ? Instant.now() : op.created()).toString())
                .put("status", op.status());
        v.set("errors", JSON.valueToTree(op.errors()));
        v.set("warnings", JSON.valueToTree(op.warnings()));
        v.set("files", JSON.valueToTree(op.validatedFiles()));
        if (op.errors().isEmpty() && "succeeded".equalsIgnoreCase(op.status())) {
            st.record(PublishState.VALIDATED, v.toString());
        }
        return v;
    }

    /** Asks for an on-demand run once (when configured); a crash between asking and hearing counts as UNKNOWN. */
    public Graph.Start start(PublishState st) throws IOException, InterruptedException {
        if (st.has(PublishState.STARTED)) {
            return Graph.Start.valueOf(st.get(PublishState.STARTED));
        }
        if (st.has(PublishState.START_CALLING)) {
            st.record(PublishState.STARTED, Graph.Start.UNKNOWN.name());
            return Graph.Start.UNKNOWN;
        }
        st.record(PublishState.START_CALLING, Instant.now().toString());
        Graph.Start s = client.startRun();
        st.record(PublishState.STARTED, s.name());
        return s;
    }

    /**
     * The run that picked the validated upload up: the first run that started at or after the validation (by
     * SDS's own clock), once known recorded; empty while there is none yet.
     */
    public Optional<Graph.Run> run(PublishState st) throws IOException, InterruptedException {
        if (st.has(PublishState.RUN)) {
            return Optional.of(client.run(st.get(PublishState.RUN)));
        }
        Instant since = Instant.parse(JSON.readTree(st.get(PublishState.VALIDATED)).path("at").asText());
        List<Graph.Run> runs = new ArrayList<>(client.runs());
        java.util.Collections.reverse(runs); // oldest first
        for (Graph.Run r : runs) {
            if (r.start() != null && !r.start().isBefore(since)) {
                st.record(PublishState.RUN, r.id());
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** This flow's activity in a run (matched by the flow's id, else its display name), if the run has one. */
    public Optional<JsonNode> activity(String runId, Graph.Flow flow) throws IOException, InterruptedException {
        for (JsonNode a : client.activities(runId)) {
            if (flow.id().equals(a.path("activity").path("id").asText(null))
                    || flow.displayName().equals(a.path("displayName").asText(null))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public JsonNode statistics(String runId) throws IOException, InterruptedException {
        return client.statistics(runId);
    }
}
