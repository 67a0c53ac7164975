package org.sis2sds.industrydata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A tiny in-process stand-in for Graph industryData, its login and its Data Lake host, for unit tests of the client
 * and the step beans (the faithful sandbox lives in src/sandbox). It keeps just enough state: entities by collection,
 * one upload session per connector, validate operations that check the required files, runs that follow a validated
 * upload, the on-demand quota, and switches for faults.
 */
final class FakeIndustryData implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String G = "/beta/external/industryData/";
    private final HttpServer server;
    final Map<String, Map<String, ObjectNode>> entities = new ConcurrentHashMap<>();
    final Map<String, Session> sessions = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> operations = new ConcurrentHashMap<>();
    final Map<String, RunState> runs = new ConcurrentHashMap<>();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Random random = new Random(42);

    // switches
    volatile Duration tokenLifetime = Duration.ofHours(1);
    volatile Duration sessionLifetime = Duration.ofHours(14);
    volatile double faultRate;
    volatile int validatePolls = 1; // GETs of an operation answered "running" before "succeeded"
    volatile Duration runDuration = Duration.ofMillis(300);
    volatile String runOutcome = "completed";
    volatile int startQuota = 5;
    volatile boolean validateAnswers503AfterAccepting;
    volatile boolean runFollowsValidate = true;
    volatile int expireSessionAfterAppends = -1; // the session's signature stops working after this many appends
    volatile Function<String, Integer> forcedStatus = path -> null; // path → status to answer instead
    volatile Set<String> permissionsMissing = Set.of();

    // counters
    final AtomicInteger validateCalls = new AtomicInteger();
    final AtomicInteger startCalls = new AtomicInteger();
    final AtomicInteger sessionsIssued = new AtomicInteger();
    final AtomicInteger tokenCalls = new AtomicInteger();
    final AtomicInteger appends = new AtomicInteger();
    final AtomicLong bytes = new AtomicLong();
    final AtomicInteger maxParallelAppends = new AtomicInteger();
    /** A test that checks parallel appends sets this: the first appends wait briefly for a second one. */
    volatile boolean waitForParallelAppends;
    private final AtomicInteger parallel = new AtomicInteger();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    static final class Session {
        final String connectorId;
        final String containerId = UUID.randomUUID().toString();
        final String sig = UUID.randomUUID().toString().replace("-", "");
        volatile Instant expires;
        volatile boolean finalized;
        volatile boolean revoked;
        final Map<String, TreeMap<Long, byte[]>> parts = new ConcurrentHashMap<>();
        final Map<String, Long> committed = new ConcurrentHashMap<>();

        Session(String connectorId, Instant expires) {
            this.connectorId = connectorId;
            this.expires = expires;
        }
    }

    static final class RunState {
        final String id = UUID.randomUUID().toString();
        final Instant start = Instant.now();
        volatile String outcome;
        volatile Duration duration;
        Map<String, Long> counts = Map.of();
        String flowId;
        boolean skipped;
    }

    FakeIndustryData() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
        for (String c : List.of("sourceSystems", "dataConnectors", "years", "inboundFlows")) {
            entities.put(c, new ConcurrentHashMap<>());
        }
    }

    /** Every token issued so far stops working (as when it expires). */
    void expireTokens() {
        tokens.replaceAll((k, v) -> Instant.EPOCH);
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Client settings pointing at this fake. */
    Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sis2sds.sds.graph-url", base() + "/beta");
        m.put("sis2sds.sds.login-url", base());
        m.put("sis2sds.sds.tenant", "tenant-1");
        m.put("sis2sds.sds.client-id", "sandbox");
        m.put("sis2sds.sds.client-secret", "sandbox-secret");
        m.put("sis2sds.sds.retry.base-delay", "5ms");
        m.put("sis2sds.sds.retry.max-delay", "50ms");
        return m;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ------------------------------------------------------------------------------------------ seeding

    /** A ready flow with its connector (format v2.1 or v1), expiring at {@code expires}; returns the flow id. */
    String seedFlow(String name, Instant expires, String fileFormat) {
        ObjectNode conn = JSON.createObjectNode().put("@odata.type", "#microsoft.graph.industryData.azureDataLakeConnector")
                .put("id", UUID.randomUUID().toString()).put("displayName", name + " connector");
        conn.putObject("fileFormat").put("code", fileFormat);
        entities.get("dataConnectors").put(conn.get("id").asText(), conn);
        ObjectNode flow = JSON.createObjectNode().put("@odata.type", "#microsoft.graph.industryData.inboundFileFlow")
                .put("id", UUID.randomUUID().toString()).put("displayName", name).put("dataDomain", "educationRostering")
                .put("readinessStatus", "ready").put("effectiveDateTime", Instant.now().minus(Duration.ofDays(1)).toString())
                .put("expirationDateTime", expires.toString()).put("dataConnector@odata.bind",
                        base() + G + "dataConnectors/" + conn.get("id").asText());
        entities.get("inboundFlows").put(flow.get("id").asText(), flow);
        return flow.get("id").asText();
    }

    // ------------------------------------------------------------------------------------------ dispatch

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
            byte[] body = ex.getRequestBody().readAllBytes();
            requests.add(ex.getRequestMethod() + " " + path);
            if (path.endsWith("/oauth2/v2.0/token")) {
                token(ex, new String(body, StandardCharsets.UTF_8));
                return;
            }
            if (faultRate > 0 && random(faultRate)) {
                if (random.nextBoolean()) {
                    ex.getResponseHeaders().set("Retry-After", "0");
                    error(ex, 429, "TooManyRequests", "Too many requests");
                } else {
                    error(ex, 503, "serviceNotAvailable", "Service unavailable");
                }
                return;
            }
            Integer forced = forcedStatus.apply(ex.getRequestMethod() + " " + path);
            if (forced != null) {
                error(ex, forced, forced == 403 ? "Authorization_RequestDenied" : "forced", "Forced answer");
                return;
            }
            if (path.startsWith("/lake/")) {
                lake(ex, path.substring(6), query, body);
                return;
            }
            if (!path.startsWith(G)) {
                error(ex, 404, "notFound", "No such path");
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            Instant exp = auth == null ? null : tokens.get(auth.replaceFirst("^Bearer ", ""));
            if (exp == null || Instant.now().isAfter(exp)) {
                error(ex, 401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
                return;
            }
            graph(ex, java.net.URLDecoder.decode(path.substring(G.length()), StandardCharsets.UTF_8), query, body);
        } catch (RuntimeException e) {
            error(ex, 500, "internal", String.valueOf(e));
        }
    }

    private synchronized boolean random(double rate) {
        return random.nextDouble() < rate;
    }

    private void token(HttpExchange ex, String form) throws IOException {
        tokenCalls.incrementAndGet();
        if (!form.contains("client_id=sandbox")) {
            send(ex, 400, JSON.createObjectNode().put("error", "unauthorized_client"));
            return;
        }
        if (!form.contains("client_secret=sandbox-secret")) {
            send(ex, 401, JSON.createObjectNode().put("error", "invalid_client"));
            return;
        }
        String t = UUID.randomUUID().toString();
        tokens.put(t, Instant.now().plus(tokenLifetime));
        send(ex, 200, JSON.createObjectNode().put("access_token", t).put("token_type", "Bearer")
                .put("expires_in", Math.max(1, tokenLifetime.toSeconds())));
    }

    private void graph(HttpExchange ex, String rest, String query, byte[] body) throws IOException {
        String m = ex.getRequestMethod();
        String[] seg = rest.split("/");
        String coll = seg[0];
        for (String p : permissionsMissing) {
            if (rest.contains(p)) {
                error(ex, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
                return;
            }
        }
        if (coll.equals("dataConnectors") && seg.length >= 3 && rest.contains("getUploadSession")) {
            uploadSession(ex, seg[1], rest.contains("resetSession=true"));
        } else if (coll.equals("dataConnectors") && seg.length == 3 && seg[2].startsWith("validate")) {
            validate(ex, seg[1]);
        } else if (coll.equals("operations")) {
            if (seg.length == 1) {
                ArrayNode v = JSON.createArrayNode();
                operations.values().forEach(v::add);
                send(ex, 200, JSON.createObjectNode().set("value", v));
            } else {
                operation(ex, seg[1]);
            }
        } else if (coll.equals("runs")) {
            runs(ex, seg, m);
        } else if (entities.containsKey(coll)) {
            crud(ex, m, coll, seg, query, body);
        } else {
            error(ex, 404, "notFound", "Unknown segment " + coll);
        }
    }

    private void crud(HttpExchange ex, String m, String coll, String[] seg, String query, byte[] body) throws IOException {
        Map<String, ObjectNode> all = entities.get(coll);
        if (seg.length == 1 && m.equals("GET")) {
            ArrayNode v = JSON.createArrayNode();
            all.values().forEach(n -> v.add(view(coll, n)));
            send(ex, 200, JSON.createObjectNode().set("value", v));
        } else if (seg.length == 1 && m.equals("POST")) {
            ObjectNode n = (ObjectNode) JSON.readTree(body);
            n.put("id", UUID.randomUUID().toString());
            if (coll.equals("inboundFlows")) {
                n.put("readinessStatus", "ready");
            }
            all.put(n.get("id").asText(), n);
            send(ex, 201, view(coll, n));
        } else {
            ObjectNode n = all.get(seg[1]);
            if (n == null) {
                error(ex, 404, "itemNotFound", "Resource not found.");
            } else if (m.equals("DELETE")) {
                all.remove(seg[1]);
                send(ex, 204, null);
            } else if (seg.length == 3 && seg[2].equals("dataConnector")) {
                send(ex, 200, connectorOf(n));
            } else {
                ObjectNode v = view(coll, n);
                if (query.contains("expand=dataConnector")) {
                    v.set("dataConnector", connectorOf(n));
                }
                send(ex, 200, v);
            }
        }
    }

    private ObjectNode connectorOf(ObjectNode flow) {
        String bind = flow.path("dataConnector@odata.bind").asText();
        return entities.get("dataConnectors").get(bind.substring(bind.lastIndexOf('/') + 1));
    }

    private ObjectNode view(String coll, ObjectNode n) {
        ObjectNode v = n.deepCopy();
        v.fieldNames().forEachRemaining(f -> { });
        List<String> binds = new ArrayList<>();
        v.fieldNames().forEachRemaining(f -> {
            if (f.endsWith("@odata.bind")) {
                binds.add(f);
            }
        });
        v.remove(binds);
        if (coll.equals("inboundFlows") && v.hasNonNull("expirationDateTime")
                && Instant.now().isAfter(Instant.parse(v.get("expirationDateTime").asText()))) {
            v.put("readinessStatus", "expired");
        }
        return v;
    }

    private void uploadSession(HttpExchange ex, String connectorId, boolean reset) throws IOException {
        if (!entities.get("dataConnectors").containsKey(connectorId)) {
            error(ex, 404, "itemNotFound", "Resource not found.");
            return;
        }
        Session s = sessions.get(connectorId);
        if (reset || s == null || s.finalized || s.revoked || Instant.now().isAfter(s.expires)) {
            s = new Session(connectorId, Instant.now().plus(sessionLifetime));
            sessions.put(connectorId, s);
            sessionsIssued.incrementAndGet();
        }
        send(ex, 200, JSON.createObjectNode()
                .put("sessionUrl", base() + "/lake/tenant-1/" + connectorId + "/" + s.containerId + "?sv=2021-08-06&se="
                        + s.expires + "&sp=rwl&sig=" + s.sig)
                .put("containerId", s.containerId).put("sessionExpirationDateTime", s.expires.toString())
                .put("containerExpirationDateTime", s.expires.plus(Duration.ofDays(2)).toString()));
    }

    private void lake(HttpExchange ex, String rest, String query, byte[] body) throws IOException {
        String[] seg = rest.split("/");
        Session s = sessions.get(seg[1]);
        if (seg.length != 4 || s == null || !s.containerId.equals(seg[2])) {
            xml(ex, 404, "PathNotFound");
            return;
        }
        if (!query.contains("sig=" + s.sig) || s.revoked || s.finalized || Instant.now().isAfter(s.expires)) {
            xml(ex, 403, "AuthenticationFailed");
            return;
        }
        String file = seg[3];
        if (ex.getRequestMethod().equals("PUT") && query.contains("resource=file")) {
            s.parts.put(file, new TreeMap<>());
            s.committed.remove(file);
            send(ex, 201, null);
        } else if (query.contains("action=append")) {
            int n = appends.incrementAndGet();
            int now = parallel.incrementAndGet();
            maxParallelAppends.accumulateAndGet(now, Math::max);
            try {
                // until a second append has been seen in flight, hold this one briefly, so that a client that sends
                // appends in parallel is seen to do so however fast the machine is
                long until = System.nanoTime() + 300_000_000L;
                while (waitForParallelAppends && maxParallelAppends.get() < 2 && System.nanoTime() < until) {
                    maxParallelAppends.accumulateAndGet(parallel.get(), Math::max);
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
                }
                if (expireSessionAfterAppends >= 0 && n > expireSessionAfterAppends) {
                    expireSessionAfterAppends = -1;
                    s.revoked = true;
                    xml(ex, 403, "AuthenticationFailed");
                    return;
                }
                long pos = Long.parseLong(param(query, "position"));
                synchronized (s) {
                    s.parts.computeIfAbsent(file, k -> new TreeMap<>()).put(pos, body);
                }
                bytes.addAndGet(body.length);
                send(ex, 202, null);
            } finally {
                parallel.decrementAndGet();
            }
        } else if (query.contains("action=flush")) {
            long len = Long.parseLong(param(query, "position"));
            long covered = 0;
            synchronized (s) {
                for (var e : s.parts.getOrDefault(file, new TreeMap<>()).entrySet()) {
                    if (e.getKey() != covered) {
                        break;
                    }
                    covered += e.getValue().length;
                }
            }
            if (covered != len) {
                xml(ex, 400, "InvalidFlushPosition");
                return;
            }
            s.committed.put(file, len);
            send(ex, 200, null);
        } else {
            xml(ex, 400, "InvalidQueryParameterValue");
        }
    }

    /** The committed bytes of a file in a connector's current session. */
    byte[] file(String connectorId, String name) {
        Session s = sessions.get(connectorId);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        s.parts.get(name).values().forEach(out::writeBytes);
        return out.toByteArray();
    }

    private void validate(HttpExchange ex, String connectorId) throws IOException {
        validateCalls.incrementAndGet();
        Session s = sessions.get(connectorId);
        ObjectNode conn = entities.get("dataConnectors").get(connectorId);
        if (conn == null || s == null) {
            error(ex, 400, "noSession", "No upload session to validate.");
            return;
        }
        s.finalized = true;
        boolean v1 = conn.path("fileFormat").path("code").asText().equals("schoolDataSyncV1");
        List<String> required = v1 ? List.of("school.csv", "section.csv", "student.csv", "teacher.csv",
                "studentenrollment.csv", "teacherroster.csv") : List.of("orgs.csv", "users.csv", "roles.csv");
        ObjectNode op = JSON.createObjectNode().put("@odata.type", "#microsoft.graph.industryData.fileValidateOperation")
                .put("id", UUID.randomUUID().toString()).put("createdDateTime", Instant.now().toString())
                .put("status", "notStarted").put("polls", 0);
        op.put("resourceLocation", base() + "/beta/industryData/dataConnectors/" + connectorId);
        ArrayNode errors = op.putArray("errors");
        op.putArray("warnings");
        ArrayNode files = op.putArray("validatedFiles");
        Set<String> present = new java.util.TreeSet<>();
        s.committed.keySet().forEach(f -> present.add(f.toLowerCase(java.util.Locale.ROOT)));
        for (String r : required) {
            if (!present.contains(r)) {
                errors.addObject().put("code", "RequiredFileNotFound").put("target", r).put("message",
                        "When trying to validate required file " + r + " encountered RequiredFileNotFound error.")
                        .putArray("details");
            }
        }
        present.forEach(files::add);
        operations.put(op.get("id").asText(), op);
        if (errors.isEmpty() && runFollowsValidate) {
            newRun(connectorId, counts(s));
        }
        ex.getResponseHeaders().set("Location", base() + G + "operations/" + op.get("id").asText());
        if (validateAnswers503AfterAccepting) {
            validateAnswers503AfterAccepting = false;
            error(ex, 503, "serviceNotAvailable", "Service unavailable");
            return;
        }
        send(ex, 202, null);
    }

    private Map<String, Long> counts(Session s) {
        Map<String, Long> c = new LinkedHashMap<>();
        s.parts.forEach((f, parts) -> {
            long lines = 0;
            for (byte[] b : parts.values()) {
                for (byte x : b) {
                    if (x == '\n') {
                        lines++;
                    }
                }
            }
            c.put(f.toLowerCase(java.util.Locale.ROOT), Math.max(0, lines - 1));
        });
        return c;
    }

    RunState newRun(String connectorId, Map<String, Long> counts) {
        RunState r = new RunState();
        r.outcome = runOutcome;
        r.duration = runDuration;
        r.counts = counts;
        for (ObjectNode f : entities.get("inboundFlows").values()) {
            if (f.path("dataConnector@odata.bind").asText().endsWith("/" + connectorId)) {
                r.flowId = f.get("id").asText();
                r.skipped = "expired".equals(view("inboundFlows", f).path("readinessStatus").asText());
            }
        }
        runs.put(r.id, r);
        return r;
    }

    private void operation(HttpExchange ex, String id) throws IOException {
        ObjectNode op = operations.get(id);
        if (op == null) {
            error(ex, 404, "itemNotFound", "Resource not found.");
            return;
        }
        int polls = op.get("polls").asInt() + 1;
        op.put("polls", polls);
        op.put("status", polls > validatePolls ? "succeeded" : "running");
        ObjectNode v = op.deepCopy();
        v.remove("polls");
        send(ex, 200, v);
    }

    private ObjectNode runJson(RunState r) {
        boolean done = Instant.now().isAfter(r.start.plus(r.duration));
        String status = done ? (r.skipped ? "completed" : r.outcome) : "running";
        ObjectNode n = JSON.createObjectNode().put("@odata.type", "#microsoft.graph.industryData.industryDataRun")
                .put("id", r.id).put("displayName", "Run " + r.start).put("startDateTime", r.start.toString())
                .put("status", status);
        n.put("endDateTime", done ? r.start.plus(r.duration).toString() : null);
        if (done && "failed".equals(status)) {
            n.putObject("blockingError").put("code", "InternalError").put("message", "The run was cancelled.");
        }
        return n;
    }

    private void runs(HttpExchange ex, String[] seg, String m) throws IOException {
        if (seg.length == 1) {
            ArrayNode v = JSON.createArrayNode();
            runs.values().forEach(r -> v.add(runJson(r)));
            send(ex, 200, JSON.createObjectNode().set("value", v));
            return;
        }
        if (seg[1].equals("start") && m.equals("POST")) {
            startCalls.incrementAndGet();
            if (startQuota <= 0) {
                ex.getResponseHeaders().set("Retry-After", "3600");
                error(ex, 429, "TooManyRequests", "The on-demand run limit was reached.");
                return;
            }
            startQuota--;
            sessions.values().stream().filter(s -> s.finalized).findFirst()
                    .ifPresent(s -> newRun(s.connectorId, counts(s)));
            send(ex, 202, null);
            return;
        }
        RunState r = runs.get(seg[1]);
        if (r == null) {
            error(ex, 404, "itemNotFound", "Resource not found.");
        } else if (seg.length == 2) {
            send(ex, 200, runJson(r));
        } else if (seg[2].equals("activities")) {
            ArrayNode v = JSON.createArrayNode();
            ObjectNode a = v.addObject().put("@odata.type", "#microsoft.graph.industryData.inboundFlowActivity")
                    .put("id", UUID.randomUUID().toString()).put("displayName", flowName(r.flowId));
            a.put("status", r.skipped ? "skipped" : runJson(r).get("status").asText().replace("running", "inProgress"));
            a.putObject("activity").put("id", r.flowId);
            send(ex, 200, JSON.createObjectNode().set("value", v));
        } else if (seg[2].contains("getStatistics")) {
            send(ex, 200, stats(r));
        } else {
            error(ex, 404, "notFound", "Unknown segment");
        }
    }

    private String flowName(String flowId) {
        ObjectNode f = flowId == null ? null : entities.get("inboundFlows").get(flowId);
        return f == null ? "" : f.path("displayName").asText();
    }

    private ObjectNode stats(RunState r) {
        long orgs = r.counts.getOrDefault("orgs.csv", r.counts.getOrDefault("school.csv", 0L));
        long people = r.counts.getOrDefault("users.csv", r.counts.getOrDefault("student.csv", 0L)
                + r.counts.getOrDefault("teacher.csv", 0L));
        long groups = r.counts.getOrDefault("classes.csv", r.counts.getOrDefault("section.csv", 0L));
        long members = r.counts.getOrDefault("enrollments.csv", r.counts.getOrDefault("studentenrollment.csv", 0L)
                + r.counts.getOrDefault("teacherroster.csv", 0L));
        long errors = "completedWithErrors".equals(r.outcome) ? 3 : 0;
        long warnings = "completedWithWarnings".equals(r.outcome) ? 2 : 0;
        ObjectNode n = JSON.createObjectNode().put("@odata.type", "#microsoft.graph.industryData.industryDataRunStatistics")
                .put("runId", r.id).put("status", runJson(r).get("status").asText());
        n.putObject("inboundTotals").put("errors", errors).put("warnings", warnings).put("groups", groups)
                .put("memberships", members).put("organizations", orgs).put("people", people);
        ObjectNode a = n.putArray("activityStatistics").addObject()
                .put("@odata.type", "#microsoft.graph.industryData.inboundActivityResults")
                .put("activityId", String.valueOf(r.flowId)).put("displayName", flowName(r.flowId))
                .put("status", r.outcome).put("errors", errors).put("warnings", warnings);
        a.putObject("organizations").put("active", orgs).put("inactive", 0).put("total", orgs);
        a.putObject("people").put("active", people).put("inactive", 0).put("total", people);
        a.putObject("groups").put("active", groups).put("inactive", 0).put("total", groups);
        a.putObject("memberships").put("active", members).put("inactive", 0).put("total", members);
        return n;
    }

    // ------------------------------------------------------------------------------------------ answers

    private static String param(String query, String name) {
        for (String kv : query.split("&")) {
            if (kv.startsWith(name + "=")) {
                return kv.substring(name.length() + 1);
            }
        }
        return "";
    }

    private static void xml(HttpExchange ex, int status, String code) throws IOException {
        byte[] b = ("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>" + code
                + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/xml");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        ObjectNode e = n.putObject("error").put("code", code).put("message", message);
        e.putObject("innerError").put("request-id", UUID.randomUUID().toString()).put("date", Instant.now().toString());
        send(ex, status, n);
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] b = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    @SuppressWarnings("unused")
    private static byte[] read(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
