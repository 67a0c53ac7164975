package org.sis2sds.sandbox.sds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sis2sds.sandbox.graph.GraphError;
import org.sis2sds.sandbox.graph.GraphRequest;
import org.sis2sds.sandbox.graph.GraphResponse;
import org.sis2sds.sandbox.graph.GraphService;
import org.sis2sds.sandbox.storage.StorageServer;
import org.sis2sds.validate.Message;
import org.sis2sds.validate.ValidationResult;

/**
 * SDS Classic's Graph beta {@code /education/synchronizationProfiles} API (research sds-api.md §3–§9) as a
 * {@link GraphService}: list, get, create, update, delete, uploadUrl (a SAS URL on the storage sandbox),
 * start, pause, resume, reset, profileStatus and errors.
 */
final class ClassicProfileService implements GraphService {
    static final String PATH = "/beta/education/synchronizationProfiles";
    /** SDS's upload URL is a write-only container SAS of this signed version (research §8). */
    static final String SAS_VERSION = "2015-07-08";
    private static final String READ = "EduAdministration.Read.All";
    static final String WRITE = "EduAdministration.ReadWrite.All";
    private static final Pattern FILTER = Pattern.compile("(entryType|errorCode)\\s+eq\\s+'([^']*)'");

    private final SdsSandboxOptions o;
    private final StorageServer storage;
    private final ProfileBodies bodies = new ProfileBodies();
    private final ProfileRuns runs;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, SandboxProfile> profiles = new LinkedHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong uploadUrls = new java.util.concurrent.atomic.AtomicLong();
    /** One entry per start taken: {@link SdsSandbox#contentDigest} of the files uploaded to the profile then. */
    private final List<String> starts = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    ClassicProfileService(SdsSandboxOptions o, StorageServer storage) {
        this.o = o;
        this.storage = storage;
        this.runs = new ProfileRuns(o);
    }

    @Override
    public GraphResponse handle(GraphRequest r) throws IOException {
        if (r.method().equals("GET")) {
            r.requireAny(READ, WRITE);
        } else {
            r.requireAny(WRITE);
        }
        synchronized (profiles) {
            Instant now = Instant.now();
            runs.advanceAll(profiles.values(), now);
            profiles.values().removeIf(p -> {
                if (p.gone) {
                    storage.deleteContainer(p.id);
                }
                return p.gone;
            });
            return route(r);
        }
    }

    private GraphResponse route(GraphRequest r) throws IOException {
        if (r.size() == 0) {
            switch (r.method()) {
                case "GET":
                    return list(r);
                case "POST":
                    return create(r);
                case "PUT": {
                    JsonNode b = r.json();
                    String id = b.path("id").asText("");
                    if (id.isEmpty()) {
                        throw GraphError.badRequest("The profile id is missing from the request body.");
                    }
                    return update(r, id, b, false);
                }
                default:
                    throw GraphError.methodNotAllowed(r.method());
            }
        }
        if (r.size() == 1 && r.seg(0).equals("$count")) {
            r.requireMethod("GET");
            return GraphResponse.text(200, String.valueOf(visible().size()));
        }
        String id = r.seg(0);
        SandboxProfile p = find(id);
        if (r.size() == 1) {
            return switch (r.method()) {
                case "GET" -> GraphResponse.ok(bodies.render(p, "education/synchronizationProfiles/$entity"));
                case "PUT" -> update(r, id, r.json(), false);
                case "PATCH" -> update(r, id, r.json(), true);
                case "DELETE" -> delete(p);
                default -> throw GraphError.methodNotAllowed(r.method());
            };
        }
        if (r.size() > 2) {
            throw GraphError.noSegment(r.seg(2));
        }
        String op = r.seg(1).toLowerCase(Locale.ROOT);
        switch (op) {
            case "start", "pause", "resume", "reset" -> r.requireMethod("POST");
            case "uploadurl", "profilestatus", "errors" -> r.requireMethod("GET");
            default -> throw GraphError.noSegment(r.seg(1));
        }
        Instant now = Instant.now();
        return switch (op) {
            case "uploadurl" -> uploadUrl(p);
            case "start" -> start(p);
            case "pause" -> {
                runs.pause(p, now);
                yield GraphResponse.empty(200);
            }
            case "resume" -> {
                runs.resume(p, now);
                yield GraphResponse.empty(200);
            }
            case "reset" -> reset(p);
            case "profilestatus" -> profileStatus(r, p);
            default -> errors(r, p);
        };
    }

    private SandboxProfile find(String id) {
        SandboxProfile p = profiles.get(id);
        if (p == null || p.gone) {
            throw GraphError.notFound("The synchronization profile " + id + " was not found.");
        }
        return p;
    }

    private List<SandboxProfile> visible() {
        return profiles.values().stream().filter(p -> !p.gone).toList();
    }

    // ------------------------------------------------------------------------------------------ profiles

    private GraphResponse list(GraphRequest r) {
        List<SandboxProfile> all = visible();
        int skip = r.intQuery("$skip", 0);
        int top = r.intQuery("$top", 100);
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", ProfileBodies.META + "education/synchronizationProfiles");
        if ("true".equalsIgnoreCase(r.query("$count"))) {
            out.put("@odata.count", all.size());
        }
        ArrayNode v = out.putArray("value");
        all.stream().skip(skip).limit(top).forEach(p -> v.add(bodies.render(p, null)));
        if (skip + top < all.size()) {
            out.put("@odata.nextLink", r.serviceUrl() + "?$top=" + top + "&$skip=" + (skip + top)
                    + (r.query().containsKey("$count") ? "&$count=" + r.query("$count") : ""));
        }
        return GraphResponse.ok(out);
    }

    private GraphResponse create(GraphRequest r) throws IOException {
        ObjectNode normal = bodies.normalize(r.json(), null);
        String id = UUID.randomUUID().toString();
        storage.createContainer(id);
        SandboxProfile p = new SandboxProfile(id, normal, storage.folder(id, null), Instant.now());
        p.failProvisioning = o.provisioningFails;
        profiles.put(id, p);
        return GraphResponse.json(o.createStatus, bodies.render(p, "education/synchronizationProfiles/$entity"))
                .header("Location", r.serviceUrl() + "/" + id);
    }

    private GraphResponse update(GraphRequest r, String id, JsonNode b, boolean merge) {
        SandboxProfile p = find(id);
        if (p.state.equals("deleting")) {
            throw GraphError.conflict("The synchronization profile " + id + " is being deleted.");
        }
        JsonNode in = b;
        if (merge) {
            ObjectNode m = p.body.deepCopy();
            b.fields().forEachRemaining(e -> m.set(e.getKey(), e.getValue()));
            in = m;
        }
        p.body = bodies.normalize(in, p.body);
        p.failProvisioning = o.provisioningFails;
        p.state = "provisioning";
        p.stateSince = Instant.now();
        return GraphResponse.json(202, bodies.render(p, "education/synchronizationProfiles/$entity"));
    }

    private GraphResponse delete(SandboxProfile p) {
        if (!p.state.equals("deleting")) {
            p.state = "deleting";
            p.stateSince = Instant.now();
            p.phase = SandboxProfile.Phase.NONE;
        }
        return GraphResponse.empty(202);
    }

    // ------------------------------------------------------------------------------------------ runs

    /** SDS's refusal when {@code p} cannot take a CSV operation now; {@code whenRunning} when a run is busy. */
    private static void refuseCsvOperation(SandboxProfile p, String op, String whenRunning) {
        if (!p.isCsv()) {
            throw new GraphError(400, "invalidRequest", op + " applies to profiles with the CSV data provider only.");
        }
        if (!p.state.equals("provisioned")) {
            throw GraphError.conflict("The profile is " + p.state + "; wait until it is provisioned.");
        }
        if (p.running()) {
            throw GraphError.conflict(whenRunning);
        }
    }

    long uploadUrls() {
        return uploadUrls.get();
    }

    List<String> starts() {
        synchronized (starts) {
            return List.copyOf(starts);
        }
    }

    private GraphResponse uploadUrl(SandboxProfile p) {
        refuseCsvOperation(p, "uploadUrl", "A previous request is still being processed; try again later.");
        uploadUrls.incrementAndGet();
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", ProfileBodies.META + "String");
        out.put("value", storage.sasUrl(p.id, null, "w", o.sasLifetime, SAS_VERSION));
        return GraphResponse.ok(out);
    }

    private GraphResponse start(SandboxProfile p) throws IOException {
        refuseCsvOperation(p, "start", "A synchronization is already in progress for this profile.");
        starts.add(java.nio.file.Files.isDirectory(p.container) ? SdsSandbox.contentDigest(p.container) : "");
        ValidationResult vr = runs.validate(p);
        List<Message> errs = vr.messages().stream().filter(Message::isError).toList();
        ObjectNode body = json.createObjectNode();
        body.put("@odata.context", ProfileBodies.META + "education/Collection(microsoft.graph.verificationMessage)");
        ArrayNode v = body.putArray("value");
        Instant now = Instant.now();
        p.errors.clear();
        if (!errs.isEmpty() && !o.deferValidationErrors) {
            vr.messages().forEach(m -> v.add(message(m)));
            p.phase = SandboxProfile.Phase.DONE;
            p.paused = false;
            p.status = "validationError";
            p.statusMessage = "The uploaded files have " + errs.size() + " error(s); synchronization did not start.";
            p.lastActivity = now;
            if (o.startErrorsAs200) {
                return GraphResponse.ok(body);
            }
            // an OData error (what Graph SDKs read from a 400) beside the documented value[] of messages
            ObjectNode err = json.createObjectNode();
            ObjectNode e = err.putObject("error");
            e.put("code", "BadRequest").put("message", p.statusMessage);
            ArrayNode details = e.putArray("details");
            errs.forEach(m -> details.addObject().put("code", "Error").put("message", m.description())
                    .put("target", m.fileName()));
            err.set("value", v);
            return GraphResponse.json(400, err);
        }
        vr.messages().stream().filter(m -> !m.isError()).forEach(m -> v.add(message(m)));
        p.deferredErrors = errs.stream().map(m -> runs.validationError(m, now)).toList();
        runs.beginRun(p, now);
        return GraphResponse.ok(body);
    }

    private ObjectNode message(Message m) {
        return json.createObjectNode().put("type", m.type()).put("fileName", m.fileName())
                .put("description", m.description());
    }

    private GraphResponse reset(SandboxProfile p) throws IOException {
        if (!p.state.equals("provisioned")) {
            throw GraphError.conflict("The profile is " + p.state + "; wait until it is provisioned.");
        }
        p.errors.clear();
        p.deferredErrors = List.of();
        Instant now = Instant.now();
        if (p.isCsv()) {
            ValidationResult vr = runs.validate(p);
            if (vr.hasErrors()) {
                p.deferredErrors = vr.messages().stream().filter(Message::isError)
                        .map(m -> runs.validationError(m, now)).toList();
            }
        }
        runs.beginRun(p, now);
        return GraphResponse.empty(200);
    }

    private GraphResponse profileStatus(GraphRequest r, SandboxProfile p) {
        String prefer = r.header("Prefer") == null ? "" : r.header("Prefer");
        boolean evolvable = prefer.toLowerCase(Locale.ROOT).contains("include-unknown-enum-members");
        String status = p.status;
        if (!evolvable && (status.equals("extracting") || status.equals("validating"))) {
            status = "unknownFutureValue";
        }
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", ProfileBodies.META + "education/synchronizationProfiles('" + p.id
                + "')/profileStatus/$entity");
        out.put("id", p.id);
        out.put("status", status);
        putTime(out, "lastSynchronizationDateTime", p.lastSync);
        putTime(out, "lastActivityDateTime", p.lastActivity);
        out.put("errorCount", p.errors.size());
        out.put("statusMessage", p.statusMessage);
        return GraphResponse.ok(out);
    }

    private GraphResponse errors(GraphRequest r, SandboxProfile p) {
        List<ObjectNode> all = p.errors;
        String filter = r.query("$filter");
        if (filter != null && !filter.isBlank()) {
            Matcher m = FILTER.matcher(filter);
            Map<String, String> eq = new LinkedHashMap<>();
            while (m.find()) {
                eq.put(m.group(1), m.group(2));
            }
            if (eq.isEmpty()) {
                throw GraphError.badRequest("Only $filter=entryType eq '...' and errorCode eq '...' are supported.");
            }
            all = all.stream().filter(e -> eq.entrySet().stream()
                    .allMatch(c -> c.getValue().equalsIgnoreCase(e.path(c.getKey()).asText()))).toList();
        }
        int skip = r.intQuery("$skip", 0);
        int top = Math.min(r.intQuery("$top", 100), 999);
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", ProfileBodies.META + "education/synchronizationProfiles('" + p.id + "')/errors");
        if ("true".equalsIgnoreCase(r.query("$count"))) {
            out.put("@odata.count", all.size());
        }
        ArrayNode v = out.putArray("value");
        all.stream().skip(skip).limit(top).forEach(e -> v.add(e.deepCopy()));
        if (skip + top < all.size()) {
            StringBuilder next = new StringBuilder(r.serviceUrl() + "/" + p.id + "/errors?$top=" + top + "&$skip="
                    + (skip + top));
            if (r.query().containsKey("$count")) {
                next.append("&$count=").append(r.query("$count"));
            }
            if (filter != null) {
                next.append("&$filter=").append(URLEncoder.encode(filter, StandardCharsets.UTF_8));
            }
            out.put("@odata.nextLink", next.toString());
        }
        return GraphResponse.ok(out);
    }

    private static void putTime(ObjectNode r, String key, Instant t) {
        if (t == null) {
            r.putNull(key);
        } else {
            r.put(key, t.toString());
        }
    }
}
