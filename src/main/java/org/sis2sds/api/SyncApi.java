package org.sis2sds.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.sis2sds.sync.Catalog;
import org.sis2sds.sync.QuarantineEntry;
import org.sis2sds.sync.Run;
import org.sis2sds.sync.SyncAttributes;
import static org.sis2sds.sync.SyncAttributes.ts;
import org.sis2sds.sync.SyncDef;
import org.sis2sds.sync.SyncException;
import org.sis2sds.sync.SyncManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bean {@code syncApi}: the management API behind the Rest DSL of {@code routes/api.camel.yaml}. Every method checks
 * the bearer token, does its work through {@link SyncManager} and answers in the envelope
 * {@code {"success", "message", "data"}} (failures: {@code {"success": false, "message", "errors"}} with 400, 401,
 * 404 or 409).
 */
public final class SyncApi {
    private static final Logger LOG = LoggerFactory.getLogger(SyncApi.class);
    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    public static final String BASE = "/api/v1";

    private final SyncManager manager;
    private final Auth auth;

    /** How requests are authenticated: a bearer token compared in constant time, or nothing. */
    public static final class Auth {
        private final byte[] tokenDigest;

        private Auth(String token) {
            this.tokenDigest = token == null ? null : sha256(token);
        }

        public static Auth token(String token) {
            return new Auth(token);
        }

        public static Auth none() {
            return new Auth(null);
        }

        boolean accepts(String authorization) {
            if (tokenDigest == null) {
                return true;
            }
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return false;
            }
            // digests have one length, so the comparison time says nothing about the token
            return MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(7).trim()));
        }

        private static byte[] sha256(String s) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public SyncApi(SyncManager manager, Auth auth) {
        this.manager = manager;
        this.auth = auth;
    }

    /** An answer: status, message and data (an object, a list or null). */
    record Answer(int status, String message, Object data) {
    }

    private void respond(Exchange ex, Supplier<Answer> work) {
        int status;
        Map<String, Object> body = new LinkedHashMap<>();
        if (!auth.accepts(ex.getIn().getHeader("Authorization", String.class))) {
            status = 401;
            body.put("success", false);
            body.put("message", "Authentication required: send the header 'Authorization: Bearer <token>' with the "
                    + "token from SIS2SDS_API_TOKEN.");
            body.put("errors", List.of(Map.of("detail", "missing or wrong bearer token")));
            ex.getMessage().setHeader("WWW-Authenticate", "Bearer realm=\"sis2sds\"");
        } else {
            try {
                Answer a = work.get();
                status = a.status();
                body.put("success", true);
                body.put("message", a.message());
                body.put("data", a.data());
            } catch (SyncException e) {
                status = e.status();
                body.put("success", false);
                body.put("message", e.getMessage());
                body.put("errors", e.errors());
            } catch (RuntimeException e) {
                LOG.warn("API request {} {} failed", ex.getIn().getHeader(Exchange.HTTP_METHOD),
                        ex.getIn().getHeader(Exchange.HTTP_URI), e);
                status = 500;
                body.put("success", false);
                body.put("message", "The request failed inside sis2sds; see the daemon log.");
                body.put("errors", List.of(Map.of("detail", String.valueOf(e.getClass().getSimpleName()))));
            }
        }
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (Exception e) {
            status = 500;
            json = "{\"success\":false,\"message\":\"The answer could not be written.\",\"errors\":[]}";
        }
        // request headers (Authorization among them) must not echo back into the response
        String challenge = ex.getMessage().getHeader("WWW-Authenticate", String.class);
        ex.getMessage().removeHeaders("*");
        if (challenge != null) {
            ex.getMessage().setHeader("WWW-Authenticate", challenge);
        }
        ex.getMessage().setBody(json);
        ex.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        ex.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
    }

    // ------------------------------------------------------------------------------------------------ body

    private static Map<String, Object> syncBody(Exchange ex) {
        String raw = rawBody(ex);
        if (raw == null || raw.isBlank()) {
            throw new SyncException(400, "The request needs a JSON body {\"sync\": {...}}.");
        }
        Map<String, Object> body;
        try {
            body = JSON.readValue(raw, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (Exception e) {
            throw new SyncException(400, "The request body is not valid JSON: " + firstLine(e.getMessage()));
        }
        Object sync = body.get("sync");
        if (!(sync instanceof Map<?, ?>)) {
            throw new SyncException(400, "The request body must be {\"sync\": {...attributes...}}.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> attrs = new LinkedHashMap<>((Map<String, Object>) sync);
        return attrs;
    }

    /**
     * The request body as sent. A JSON body sent without {@code Content-Type: application/json} (curl -d) arrives
     * form-decoded as a one-entry map; it is put back together.
     */
    private static String rawBody(Exchange ex) {
        Object body = ex.getIn().getBody();
        if (body instanceof Map<?, ?> form && form.size() == 1) {
            Map.Entry<?, ?> e = form.entrySet().iterator().next();
            String key = String.valueOf(e.getKey());
            Object v = e.getValue() instanceof List<?> l && l.size() == 1 ? l.get(0) : e.getValue();
            String value = v == null ? "" : String.valueOf(v);
            if (key.trim().startsWith("{")) {
                return value.isEmpty() ? key : key + "=" + value;
            }
        }
        if (body instanceof Map<?, ?>) {
            throw new SyncException(400, "The body must be JSON sent with the header Content-Type: application/json.");
        }
        return ex.getIn().getBody(String.class);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private static String header(Exchange ex, String name) {
        return ex.getIn().getHeader(name, String.class);
    }

    // ------------------------------------------------------------------------------------------------ resources

    Map<String, Object> resource(SyncDef s) {
        return resource(s.id, "syncs", SyncAttributes.toAttributes(s, manager.statusOf(s)));
    }

    static Map<String, Object> resource(String id, String type, Map<String, Object> attributes) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("type", type);
        r.put("attributes", attributes);
        return r;
    }

    static Map<String, Object> run(Run r) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("sync_id", r.syncId);
        a.put("status", r.status);
        a.put("trigger", r.trigger);
        a.put("batch_id", r.batchId);
        a.put("reason", r.reason);
        a.put("sds_status", r.sdsStatus);
        a.put("created_at", ts(r.createdAt));
        a.put("started_at", ts(r.startedAt));
        a.put("finished_at", ts(r.finishedAt));
        a.put("duration_seconds", r.startedAt == null || r.finishedAt == null ? null
                : Duration.between(r.startedAt, r.finishedAt).toMillis() / 1000.0);
        a.put("entities", r.entities);
        Map<String, Long> totals = new LinkedHashMap<>();
        r.entities.values().forEach(m -> m.forEach((k, v) -> {
            if (v != null) {
                totals.merge(k, v, Long::sum);
            }
        }));
        a.put("totals", totals);
        a.put("sds_statistics", r.sdsStatistics);
        if (r.quarantineId != null) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("id", r.quarantineId);
            q.put("path", r.quarantinePath);
            q.put("link", BASE + "/quarantine/" + r.quarantineId);
            a.put("quarantine", q);
        } else {
            a.put("quarantine", null);
        }
        return resource(String.valueOf(r.id), "runs", a);
    }

    static Map<String, Object> quarantine(QuarantineEntry q) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("sync_id", q.syncId);
        a.put("run_id", q.runId == null ? null : String.valueOf(q.runId));
        a.put("kind", q.kind);
        a.put("status", q.status);
        a.put("reason", q.reason);
        a.put("path", q.path);
        a.put("source", q.source);
        a.put("created_at", ts(q.createdAt));
        a.put("resolved_at", ts(q.resolvedAt));
        a.put("release_run_id", q.releaseRunId == null ? null : String.valueOf(q.releaseRunId));
        return resource(q.id, "quarantine", a);
    }

    static Map<String, Object> item(Catalog.Item i, String type) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", i.name());
        a.put("type", i.type());
        a.put("configuration", SyncAttributes.mask(i.configuration()));
        return resource(i.id(), type, a);
    }

    // ------------------------------------------------------------------------------------------------ endpoints

    public void listSyncs(Exchange ex) {
        respond(ex, () -> {
            List<Object> data = new ArrayList<>();
            manager.list().forEach(s -> data.add(resource(s)));
            return new Answer(200, data.size() + " sync(s).", data);
        });
    }

    public void createSync(Exchange ex) {
        respond(ex, () -> {
            SyncDef s = manager.create(syncBody(ex));
            return new Answer(201, "Sync " + s.id + " created.", resource(s));
        });
    }

    public void getSync(Exchange ex) {
        respond(ex, () -> new Answer(200, "Sync " + header(ex, "id") + ".", resource(manager.get(header(ex, "id")))));
    }

    public void updateSync(Exchange ex) {
        respond(ex, () -> {
            String id = header(ex, "id");
            manager.get(id);
            SyncDef s = manager.update(id, syncBody(ex));
            return new Answer(200, "Sync " + id + " updated.", resource(s));
        });
    }

    public void deleteSync(Exchange ex) {
        respond(ex, () -> {
            String id = header(ex, "id");
            SyncDef s = manager.get(id);
            manager.delete(id);
            return new Answer(200, "Sync " + id + " deleted.", resource(s.id, "syncs",
                    SyncAttributes.toAttributes(s, "deleted")));
        });
    }

    public void pauseSync(Exchange ex) {
        respond(ex, () -> {
            SyncDef s = manager.pause(header(ex, "id"));
            return new Answer(200, "Sync " + s.id + " paused: no new runs start; a run in progress finishes.",
                    resource(s));
        });
    }

    public void resumeSync(Exchange ex) {
        respond(ex, () -> {
            SyncDef s = manager.resume(header(ex, "id"));
            return new Answer(200, "Sync " + s.id + " resumed.", resource(s));
        });
    }

    public void resetSync(Exchange ex) {
        respond(ex, () -> {
            String msg = manager.reset(header(ex, "id"));
            return new Answer(200, msg, resource(manager.get(header(ex, "id"))));
        });
    }

    public void runSync(Exchange ex) {
        respond(ex, () -> {
            Run r = manager.trigger(header(ex, "id"), "api", true);
            return new Answer(202, "Run " + r.id + " of sync " + r.syncId + " started; follow it at " + BASE + "/syncs/"
                    + r.syncId + "/runs/" + r.id + ".", run(r));
        });
    }

    public void syncStatus(Exchange ex) {
        respond(ex, () -> {
            String id = header(ex, "id");
            Map<String, Object> a = manager.statusDetails(id);
            Object last = a.get("last_run");
            a.put("last_run", last instanceof Run r ? run(r) : null);
            return new Answer(200, "Sync " + id + " is " + a.get("status") + ".", resource(id, "sync_status", a));
        });
    }

    public void listRuns(Exchange ex) {
        respond(ex, () -> {
            String id = header(ex, "id");
            manager.get(id);
            int perPage = intParam(ex, "per_page", 25, 1, 500);
            int page = intParam(ex, "page", 1, 1, Integer.MAX_VALUE);
            String status = header(ex, "status");
            List<Object> data = new ArrayList<>();
            manager.store().listRuns(id, status == null || status.isBlank() ? null : status, perPage,
                    (page - 1) * perPage).forEach(r -> data.add(run(r)));
            return new Answer(200, data.size() + " run(s) of sync " + id + ", newest first.", data);
        });
    }

    public void getRun(Exchange ex) {
        respond(ex, () -> {
            Run r = manager.getRun(header(ex, "id"), header(ex, "runId"));
            return new Answer(200, "Run " + r.id + " of sync " + r.syncId + " " + r.status + ".", run(r));
        });
    }

    public void listQuarantine(Exchange ex) {
        respond(ex, () -> {
            List<Object> data = new ArrayList<>();
            manager.quarantine().forEach(q -> data.add(quarantine(q)));
            return new Answer(200, data.size() + " quarantined batch(es).", data);
        });
    }

    public void releaseQuarantine(Exchange ex) {
        respond(ex, () -> {
            Run r = manager.release(header(ex, "id"));
            return new Answer(202, "Batch " + header(ex, "id") + " released: it is being published as run " + r.id
                    + " of sync " + r.syncId + ".", run(r));
        });
    }

    public void discardQuarantine(Exchange ex) {
        respond(ex, () -> {
            QuarantineEntry q = manager.discard(header(ex, "id"));
            return new Answer(200, "Batch " + q.id + " discarded: it stays in quarantine and will not be published.",
                    quarantine(q));
        });
    }

    public void listSources(Exchange ex) {
        respond(ex, () -> catalogList(manager.catalog().sources(), "sources"));
    }

    public void listDestinations(Exchange ex) {
        respond(ex, () -> catalogList(manager.catalog().destinations(), "destinations"));
    }

    public void listModels(Exchange ex) {
        respond(ex, () -> catalogList(manager.catalog().models(), "models"));
    }

    private static Answer catalogList(Map<String, Catalog.Item> items, String type) {
        List<Object> data = new ArrayList<>();
        items.values().forEach(i -> data.add(item(i, type)));
        return new Answer(200, data.size() + " " + type + ".", data);
    }

    private static int intParam(Exchange ex, String name, int def, int min, int max) {
        String v = header(ex, name);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new SyncException(400, "Query parameter " + name + " must be a whole number from " + min
                    + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ".", List.of(Map.of("field", name,
                    "detail", "must be a whole number from " + min)));
        }
    }
}
