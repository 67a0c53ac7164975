package org.sis2sds.sandbox.industrydata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sis2sds.batch.CsvRowReader;
import org.sis2sds.core.FileTrees;
import org.sis2sds.sandbox.graph.GraphError;

/**
 * Upload sessions and their validation (research §1.5, §1.6, §8.2). Per connector: getUploadSession returns the
 * same open session (same container) until it is validated, expires or is reset; validate finalizes it (the files
 * are copied out and the container is deleted), answers 202 with a Location, and the fileValidateOperation moves
 * notStarted → running → succeeded. Only an upload without errors becomes the connector's validated snapshot and
 * asks for a run.
 */
final class Uploads {
    /** One getUploadSession answer's state. */
    static final class Session {
        final String tenantId;
        final String containerId;
        final Instant created;
        final Instant sessionExpires;
        final Instant containerExpires;
        final String url;
        boolean finalized;

        Session(String tenantId, String containerId, Instant created, Instant sessionExpires,
                Instant containerExpires, String url) {
            this.tenantId = tenantId;
            this.containerId = containerId;
            this.created = created;
            this.sessionExpires = sessionExpires;
            this.containerExpires = containerExpires;
            this.url = url;
        }
    }

    /** A validated upload: where its files were copied, by catalogue name, and its format. */
    record Snapshot(String operationId, Path dir, Map<String, Path> files, String format) {
    }

    private final IndustryDataService s;
    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<String, Snapshot> pending = new HashMap<>();
    private final Map<String, Snapshot> validated = new HashMap<>();

    Uploads(IndustryDataService s) {
        this.s = s;
    }

    ObjectNode session(GraphCall c, ObjectNode connector, boolean reset) {
        String connectorId = connector.path("id").asText();
        requireFileConnector(connector, "getUploadSession");
        Instant now = s.now();
        Session cur = sessions.get(connectorId);
        boolean usable = cur != null && !cur.finalized && now.isBefore(cur.sessionExpires);
        if (!usable || reset) {
            if (cur != null && !cur.finalized) {
                s.storage.deleteContainer(cur.tenantId, connectorId, cur.containerId);
            }
            String container = s.newId();
            Instant sessionExp = now.plus(s.o.sessionLifetime);
            Instant containerExp = now.plus(s.o.containerLifetime);
            String url = s.storage.createContainer(c.caller().tenantId(), connectorId, container, sessionExp);
            cur = new Session(c.caller().tenantId(), container, now, sessionExp, containerExp, url);
            sessions.put(connectorId, cur);
        }
        ObjectNode n = Bodies.JSON.createObjectNode();
        n.put("@odata.context", c.graphBase() + "/$metadata#microsoft.graph.industryData.fileUploadSession");
        n.put("containerExpirationDateTime", cur.containerExpires.toString());
        n.put("containerId", cur.containerId);
        n.put("sessionExpirationDateTime", cur.sessionExpires.toString());
        n.put("sessionUrl", cur.url);
        return n;
    }

    /** validate: finalizes the open session and starts its fileValidateOperation; returns the operation's id. */
    String validate(GraphCall c, ObjectNode connector) {
        String connectorId = connector.path("id").asText();
        requireFileConnector(connector, "validate");
        Instant now = s.now();
        Session cur = sessions.get(connectorId);
        if (cur == null || cur.finalized || !now.isBefore(cur.sessionExpires)) {
            throw GraphError.badRequest("Data connector " + connectorId + " has no open file upload session"
                    + (cur != null && cur.finalized ? " (its last one was already validated)"
                    : cur != null ? " (its last one expired at " + cur.sessionExpires + ")" : "")
                    + ": call getUploadSession and upload the files first.");
        }
        cur.finalized = true;
        String opId = s.newId();
        String format = connector.path("fileFormat").path("code").asText(CsvFileSpec.V21);
        Path dir = s.work.resolve("snapshots").resolve(connectorId).resolve(opId);
        FileCheck.Result result;
        Map<String, Path> copied = new LinkedHashMap<>();
        try {
            List<String> names = s.storage.list(cur.tenantId, connectorId, cur.containerId);
            result = FileCheck.check(format, names, name -> header(cur, connectorId, name));
            Files.createDirectories(dir);
            for (Map.Entry<String, String> f : result.files().entrySet()) {
                Path to = dir.resolve(f.getKey());
                try (InputStream in = s.storage.open(cur.tenantId, connectorId, cur.containerId, f.getValue())) {
                    Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                }
                copied.put(f.getKey(), to);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            s.storage.deleteContainer(cur.tenantId, connectorId, cur.containerId);
        }
        pending.put(opId, new Snapshot(opId, dir, copied, format));
        ObjectNode op = Bodies.JSON.createObjectNode();
        op.put("@odata.type", SetupResources.NS + "fileValidateOperation");
        op.put("id", opId);
        op.put("createdDateTime", now.toString());
        op.put("resourceLocation", c.graphBase() + (s.o.resourceLocationExternal ? "/external" : "")
                + "/industryData/dataConnectors/" + connectorId);
        op.put("_created", now.toString());
        op.put("_done", now.plus(s.o.validateDelay).toString());
        op.put("_connector", connectorId);
        op.set("_errors", Bodies.JSON.valueToTree(result.errors()));
        op.set("_warnings", Bodies.JSON.valueToTree(result.warnings()));
        op.set("_validatedFiles", Bodies.JSON.valueToTree(result.validatedFiles()));
        s.operations.put(opId, op);
        return opId;
    }

    private List<String> header(Session cur, String connectorId, String name) throws IOException {
        try (InputStream in = s.storage.open(cur.tenantId, connectorId, cur.containerId, name);
             CsvRowReader r = new CsvRowReader(in, 1 << 16)) {
            return r.next() ? r.fields() : List.of();
        }
    }

    private static void requireFileConnector(ObjectNode connector, String op) {
        if (!SetupResources.ADLS.equals(connector.path("@odata.type").asText())) {
            throw GraphError.badRequest(op + " is available on an azureDataLakeConnector only; data connector "
                    + connector.path("id").asText() + " is a " + connector.path("@odata.type").asText()
                    .substring(SetupResources.NS.length()) + ".");
        }
    }

    /** The operation as it looks at {@code now}. */
    ObjectNode render(ObjectNode op, Instant now) {
        Instant created = Instant.parse(op.path("_created").asText());
        Instant done = Instant.parse(op.path("_done").asText());
        Instant running = created.plus(java.time.Duration.between(created, done).dividedBy(2));
        ObjectNode n = Bodies.JSON.createObjectNode();
        n.put("@odata.type", op.path("@odata.type").asText());
        n.put("id", op.path("id").asText());
        n.put("createdDateTime", created.toString());
        boolean finished = !now.isBefore(done);
        n.put("lastActionDateTime", (finished ? done : now.isBefore(running) ? created : running).toString());
        n.put("resourceLocation", op.path("resourceLocation").asText());
        n.put("status", finished ? "succeeded" : now.isBefore(running) ? "notStarted" : "running");
        n.putNull("statusDetail");
        n.set("errors", finished ? op.get("_errors") : Bodies.JSON.createArrayNode());
        n.set("warnings", finished ? op.get("_warnings") : Bodies.JSON.createArrayNode());
        n.set("validatedFiles", finished ? op.get("_validatedFiles") : Bodies.JSON.createArrayNode());
        return n;
    }

    /** The operations still to finish, by completion time (the event loop's view). */
    List<ObjectNode> unfinished() {
        List<ObjectNode> l = new ArrayList<>();
        for (ObjectNode op : s.operations.all()) {
            if (pending.containsKey(op.path("id").asText())) {
                l.add(op);
            }
        }
        return l;
    }

    /** An operation reached succeeded at {@code at}: its snapshot becomes the connector's, or is dropped. */
    void finish(ObjectNode op, Instant at) {
        Snapshot snap = pending.remove(op.path("id").asText());
        if (snap == null) {
            return;
        }
        String connectorId = op.path("_connector").asText();
        if (op.path("_errors").isEmpty()) {
            Snapshot old = validated.put(connectorId, snap);
            if (old != null) {
                FileTrees.deleteQuietly(old.dir());
            }
            s.runEngine.uploadValidated(connectorId, at);
        } else {
            FileTrees.deleteQuietly(snap.dir());
        }
    }

    /** The connector's latest validated snapshot, or null. */
    Snapshot validated(String connectorId) {
        return validated.get(connectorId);
    }

    /** Containers whose lifetime ended are deleted (their SAS ended with the session already). */
    void expire(Instant now) {
        sessions.forEach((connectorId, cur) -> {
            if (!cur.finalized && now.isAfter(cur.containerExpires)) {
                cur.finalized = true;
                s.storage.deleteContainer(cur.tenantId, connectorId, cur.containerId);
            }
        });
    }
}
