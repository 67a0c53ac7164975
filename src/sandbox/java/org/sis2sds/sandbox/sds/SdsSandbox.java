package org.sis2sds.sandbox.sds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.sis2sds.core.FileTrees;
import org.sis2sds.core.Settings;
import org.sis2sds.batch.SdsFile;
import org.sis2sds.sandbox.QueryString;
import org.sis2sds.validate.Message;
import org.sis2sds.validate.ValidationOptions;
import org.sis2sds.validate.ValidationResult;
import org.sis2sds.validate.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A faithful stand-in for SDS (Classic): the Entra token endpoint, the Graph beta
 * {@code /education/synchronizationProfiles} API and the blob store the SAS upload URL points at, on 127.0.0.1
 * (research sds-api.md §3–§9, with its [DESIGN] defaults). Never needed in production.
 */
public final class SdsSandbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SdsSandbox.class);
    static final String API = "/beta/education/synchronizationProfiles";
    static final String META = "/beta/$metadata#";
    private static final Pattern TOKEN_PATH = Pattern.compile("^/([^/]+)/oauth2/v2\\.0/token$");
    private static final Pattern ITEM = Pattern.compile("^" + Pattern.quote(API) + "/([^/]+)(?:/([A-Za-z$]+))?$");
    private static final Pattern BLOB = Pattern.compile("^/blob/([^/]+)/([^/]+)$");
    private static final Pattern FILTER = Pattern.compile("(entryType|errorCode)\\s+eq\\s+'([^']*)'");
    private static final List<String> TEACHER_DEFAULTS = List.of("State ID", "Teacher Number", "Status",
            "Middle Name", "Secondary Email", "Title", "Qualification");
    private static final List<String> ENTITIES = List.of("school", "section", "student", "teacher",
            "studentEnrollment", "teacherRoster");
    private static final String NO_DATE = "0001-01-01T00:00:00Z";

    private final SdsSandboxOptions o;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, SandboxProfile> profiles = new LinkedHashMap<>();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Random faults;
    private final java.util.concurrent.atomic.AtomicLong faultsServed = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong uploadUrls = new java.util.concurrent.atomic.AtomicLong();
    /** One entry per start SDS accepted: {@link #contentDigest} of the files uploaded to the profile at that moment. */
    private final List<String> starts = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final byte[] sasKey = new byte[32];
    private final SecureRandom random = new SecureRandom();
    private final Path storage;
    private HttpServer server;
    private ExecutorService executor;

    public SdsSandbox(SdsSandboxOptions options) {
        this.o = options;
        this.faults = new Random(options.seed);
        random.nextBytes(sasKey);
        try {
            this.storage = Files.createTempDirectory("sds-sandbox");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the SDS sandbox's blob folder: " + e.getMessage(), e);
        }
    }

    /** Runs the sandbox alone until stopped: {@code java ... org.sis2sds.sandbox.sds.SdsSandbox}. */
    public static void main(String[] args) throws Exception {
        SdsSandbox s = new SdsSandbox(SdsSandboxOptions.fromSettings(Settings.load())).start();
        System.out.println("SDS sandbox at " + s.baseUrl() + " (client id " + s.o.clientId + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        Thread.currentThread().join();
    }

    public SdsSandbox start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), o.port), 64);
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "sds-sandbox");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("SDS sandbox listening on {}", baseUrl());
        return this;
    }

    /** {@code http://127.0.0.1:PORT}: the login URL; the Graph base URL is this plus {@code /beta}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String graphUrl() {
        return baseUrl() + "/beta";
    }

    /** How many injected faults (429 or 503) the sandbox has answered so far. */
    public long faultsServed() {
        return faultsServed.get();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** How many upload URLs were handed out (one per upload of a batch). */
    public long uploadUrlsServed() {
        return uploadUrls.get();
    }

    /** Each start request SDS took, in order, as the {@link #contentDigest} of the files it synchronizes. */
    public List<String> starts() {
        synchronized (starts) {
            return List.copyOf(starts);
        }
    }

    /**
     * SHA-256 over the CSV files of a folder (name lower-cased, then content, in name order): the same for a batch
     * folder and for the profile's container after that batch was uploaded, so tests can tell which batch a start was.
     */
    public static String contentDigest(Path dir) throws IOException {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(x -> x.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .sorted(java.util.Comparator.comparing(x -> x.getFileName().toString().toLowerCase(Locale.ROOT)))
                    .toList()) {
                d.update(f.getFileName().toString().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
                d.update(Files.readAllBytes(f));
            }
        }
        return java.util.HexFormat.of().formatHex(d.digest());
    }

    public SdsSandboxOptions options() {
        return o;
    }

    /** Settings that point the daemon and the CLI at this sandbox (the secret included: test use only). */
    public Map<String, String> clientSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sis2sds.sds.graph-url", graphUrl());
        m.put("sis2sds.sds.login-url", baseUrl());
        m.put("sis2sds.sds.tenant", "sandbox");
        m.put("sis2sds.sds.client-id", o.clientId);
        m.put("sis2sds.sds.client-secret", o.clientSecret);
        return m;
    }

    /** Forgets every issued token (tests: the next API call gets 401). */
    public void revokeTokens() {
        tokens.clear();
    }

    /** Where the blobs of a profile's container are stored. */
    public Path containerDir(String profileId) {
        return storage.resolve(profileId);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
        FileTrees.deleteQuietly(storage);
    }

    // ------------------------------------------------------------------------------------------ dispatch

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            Matcher tm = TOKEN_PATH.matcher(path);
            if (tm.matches()) {
                if (!"POST".equals(method)) {
                    send(ex, 405, oauthError("invalid_request", "Use POST."));
                } else {
                    token(ex);
                }
                return;
            }
            if (!o.latency.isZero()) {
                Thread.sleep(o.latency.toMillis());
            }
            if (fault(ex)) {
                return;
            }
            Matcher bm = BLOB.matcher(path);
            if (bm.matches()) {
                blob(ex, method, bm.group(1), bm.group(2));
                return;
            }
            if (!path.equals(API) && !path.startsWith(API + "/")) {
                graphError(ex, 404, "UnknownResource", "Resource not found for the segment '" + path + "'.");
                return;
            }
            if (!authorized(ex)) {
                return;
            }
            synchronized (profiles) {
                advanceAll(Instant.now());
                api(ex, method, path);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("SDS sandbox failed on {} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), e.toString());
            try {
                graphError(ex, 500, "InternalError", "The sandbox failed: " + e.getClass().getSimpleName());
            } catch (IOException ignored) {
                // the client went away
            }
        } finally {
            ex.close();
        }
    }

    private boolean fault(HttpExchange ex) throws IOException {
        double d;
        synchronized (faults) {
            d = faults.nextDouble();
        }
        if (d < o.throttleRate + o.serverErrorRate) {
            faultsServed.incrementAndGet();
        }
        if (d < o.throttleRate) {
            ex.getResponseHeaders().set("Retry-After", o.retryAfter);
            ObjectNode e = errorBody("TooManyRequests", "Please retry again later.");
            ((ObjectNode) e.get("error").get("innerError")).put("code", "429").put("status", "429")
                    .put("message", "Please retry after");
            send(ex, 429, e);
            return true;
        }
        if (d < o.throttleRate + o.serverErrorRate) {
            graphError(ex, 503, "serviceNotAvailable", "The service is temporarily unavailable.");
            return true;
        }
        return false;
    }

    private void api(HttpExchange ex, String method, String path) throws IOException {
        if (path.equals(API) || path.equals(API + "/")) {
            switch (method) {
                case "GET" -> list(ex);
                case "POST" -> create(ex);
                case "PUT" -> {
                    JsonNode b = readJson(ex);
                    if (b == null) {
                        return;
                    }
                    String id = b.path("id").asText("");
                    if (id.isEmpty()) {
                        graphError(ex, 400, "BadRequest", "The profile id is missing from the request body.");
                        return;
                    }
                    update(ex, id, b, false);
                }
                default -> graphError(ex, 405, "notAllowed", "Method " + method + " is not allowed here.");
            }
            return;
        }
        if (path.equals(API + "/$count") && method.equals("GET")) {
            byte[] b = String.valueOf(visible().size()).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            return;
        }
        Matcher m = ITEM.matcher(path);
        if (!m.matches()) {
            graphError(ex, 404, "UnknownResource", "Resource not found for the segment '" + path + "'.");
            return;
        }
        String id = m.group(1);
        String op = m.group(2);
        SandboxProfile p = profiles.get(id);
        if (p == null || p.gone) {
            graphError(ex, 404, "itemNotFound", "The synchronization profile " + id + " was not found.");
            return;
        }
        if (op == null) {
            switch (method) {
                case "GET" -> send(ex, 200, render(p, "education/synchronizationProfiles/$entity"));
                case "PUT" -> {
                    JsonNode b = readJson(ex);
                    if (b != null) {
                        update(ex, id, b, false);
                    }
                }
                case "PATCH" -> {
                    JsonNode b = readJson(ex);
                    if (b != null) {
                        update(ex, id, b, true);
                    }
                }
                case "DELETE" -> delete(ex, p);
                default -> graphError(ex, 405, "notAllowed", "Method " + method + " is not allowed here.");
            }
            return;
        }
        String want = switch (op) {
            case "start", "pause", "resume", "reset" -> "POST";
            default -> "GET";
        };
        if (!want.equals(method)) {
            graphError(ex, 405, "notAllowed", "Method " + method + " is not allowed for " + op + ".");
            return;
        }
        switch (op) {
            case "uploadUrl" -> uploadUrl(ex, p);
            case "start" -> startRun(ex, p);
            case "pause" -> pause(ex, p);
            case "resume" -> resume(ex, p);
            case "reset" -> reset(ex, p);
            case "profileStatus" -> profileStatus(ex, p);
            case "errors" -> errors(ex, p);
            default -> graphError(ex, 404, "UnknownResource", "Resource not found for the segment '" + op + "'.");
        }
    }

    // ------------------------------------------------------------------------------------------ auth

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = QueryString.parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"client_credentials".equals(form.get("grant_type"))) {
            send(ex, 400, oauthError("unsupported_grant_type", "AADSTS70003: The sandbox supports the "
                    + "client_credentials grant only."));
            return;
        }
        boolean idOk = o.clientId.equals(form.get("client_id"));
        boolean secretOk = form.get("client_secret") != null && MessageDigest.isEqual(
                o.clientSecret.getBytes(StandardCharsets.UTF_8),
                form.get("client_secret").getBytes(StandardCharsets.UTF_8));
        if (!idOk) {
            send(ex, 400, oauthError("unauthorized_client", "AADSTS700016: Application with identifier '"
                    + form.getOrDefault("client_id", "") + "' was not found in the directory."));
            return;
        }
        if (!secretOk) {
            send(ex, 401, oauthError("invalid_client", "AADSTS7000215: Invalid client secret provided."));
            return;
        }
        byte[] t = new byte[24];
        random.nextBytes(t);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(t);
        tokens.put(token, Instant.now().plus(o.tokenLifetime));
        long secs = Math.max(1, o.tokenLifetime.toSeconds());
        ObjectNode b = json.createObjectNode().put("token_type", "Bearer").put("expires_in", secs)
                .put("ext_expires_in", secs).put("access_token", token);
        send(ex, 200, b);
    }

    private boolean authorized(HttpExchange ex) throws IOException {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            graphError(ex, 401, "InvalidAuthenticationToken", "Access token is empty.");
            return false;
        }
        Instant exp = tokens.get(h.substring(7).trim());
        if (exp == null || Instant.now().isAfter(exp)) {
            graphError(ex, 401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------ profiles

    private List<SandboxProfile> visible() {
        return profiles.values().stream().filter(p -> !p.gone).toList();
    }

    private void list(HttpExchange ex) throws IOException {
        Map<String, String> q = QueryString.parse(ex.getRequestURI().getRawQuery());
        List<SandboxProfile> all = visible();
        int skip = intParam(q, "$skip", 0);
        int top = intParam(q, "$top", 100);
        ObjectNode r = json.createObjectNode();
        r.put("@odata.context", "https://graph.microsoft.com" + META + "education/synchronizationProfiles");
        if ("true".equalsIgnoreCase(q.get("$count"))) {
            r.put("@odata.count", all.size());
        }
        ArrayNode v = r.putArray("value");
        all.stream().skip(skip).limit(top).forEach(p -> v.add(render(p, null)));
        if (skip + top < all.size()) {
            r.put("@odata.nextLink", baseUrl() + API + "?$top=" + top + "&$skip=" + (skip + top)
                    + (q.containsKey("$count") ? "&$count=" + q.get("$count") : ""));
        }
        send(ex, 200, r);
    }

    private void create(HttpExchange ex) throws IOException {
        JsonNode b = readJson(ex);
        if (b == null) {
            return;
        }
        ObjectNode normal = normalize(ex, b, null);
        if (normal == null) {
            return;
        }
        String id = UUID.randomUUID().toString();
        Files.createDirectories(containerDir(id));
        SandboxProfile p = new SandboxProfile(id, normal, containerDir(id), Instant.now());
        p.failProvisioning = o.provisioningFails;
        profiles.put(id, p);
        ex.getResponseHeaders().set("Location", baseUrl() + API + "/" + id);
        send(ex, o.createStatus, render(p, "education/synchronizationProfiles/$entity"));
    }

    private void update(HttpExchange ex, String id, JsonNode b, boolean merge) throws IOException {
        SandboxProfile p = profiles.get(id);
        if (p == null || p.gone) {
            graphError(ex, 404, "itemNotFound", "The synchronization profile " + id + " was not found.");
            return;
        }
        if (p.state.equals("deleting")) {
            graphError(ex, 409, "Conflict", "The synchronization profile " + id + " is being deleted.");
            return;
        }
        JsonNode in = b;
        if (merge) {
            ObjectNode m = p.body.deepCopy();
            b.fields().forEachRemaining(e -> m.set(e.getKey(), e.getValue()));
            in = m;
        }
        ObjectNode normal = normalize(ex, in, p.body);
        if (normal == null) {
            return;
        }
        p.body = normal;
        p.failProvisioning = o.provisioningFails;
        p.state = "provisioning";
        p.stateSince = Instant.now();
        send(ex, 202, render(p, "education/synchronizationProfiles/$entity"));
    }

    private void delete(HttpExchange ex, SandboxProfile p) throws IOException {
        if (!p.state.equals("deleting")) {
            p.state = "deleting";
            p.stateSince = Instant.now();
            p.phase = SandboxProfile.Phase.NONE;
        }
        ex.sendResponseHeaders(202, -1);
    }

    /**
     * Checks a profile body and fills in what the service fills in (§4.3). Answers 400 and returns null when the
     * body is not acceptable. {@code previous}: the stored body on update (keeps a secret not sent again).
     */
    private ObjectNode normalize(HttpExchange ex, JsonNode in, ObjectNode previous) throws IOException {
        if (!in.isObject()) {
            graphError(ex, 400, "BadRequest", "The request body must be a JSON object.");
            return null;
        }
        ObjectNode b = ((ObjectNode) in).deepCopy();
        b.remove("id");
        b.remove("state");
        b.remove("@odata.context");
        if (b.path("displayName").asText("").isBlank()) {
            graphError(ex, 400, "BadRequest", "The property 'displayName' is required.");
            return null;
        }
        JsonNode dp = b.get("dataProvider");
        if (dp == null || !dp.isObject()) {
            graphError(ex, 400, "BadRequest", "The property 'dataProvider' is required.");
            return null;
        }
        String dpType = odataType(dp);
        if (dpType == null) {
            graphError(ex, 400, "BadRequest", "Invalid OData type specified: \"" + dp.path("@odata.type").asText("")
                    + "\"");
            return null;
        }
        ObjectNode provider = (ObjectNode) dp;
        provider.put("@odata.type", "#microsoft.graph." + dpType);
        switch (dpType) {
            case "educationCsvDataProvider" -> { }
            case "educationPowerSchoolDataProvider" -> {
                for (String req : List.of("connectionUrl", "clientId")) {
                    if (provider.path(req).asText("").isBlank()) {
                        graphError(ex, 400, "BadRequest", "The property '" + req + "' is required for a PowerSchool "
                                + "data provider.");
                        return null;
                    }
                }
                if (!provider.hasNonNull("clientSecret") && previous != null) {
                    JsonNode old = previous.path("dataProvider").get("clientSecret");
                    if (old != null) {
                        provider.set("clientSecret", old);
                    }
                }
            }
            case "educationOneRosterApiDataProvider" -> {
                if (provider.path("connectionUrl").asText("").isBlank()) {
                    graphError(ex, 400, "BadRequest", "The property 'connectionUrl' is required for a OneRoster "
                            + "data provider.");
                    return null;
                }
            }
            default -> {
                graphError(ex, 400, "BadRequest", "Invalid OData type specified: \"" + dpType + "\"");
                return null;
            }
        }
        JsonNode id = b.get("identitySynchronizationConfiguration");
        if (id == null || !id.isObject()) {
            graphError(ex, 400, "BadRequest", "The property 'identitySynchronizationConfiguration' is required.");
            return null;
        }
        String idType = odataType(id);
        if (!"educationIdentityCreationConfiguration".equals(idType)
                && !"educationIdentityMatchingConfiguration".equals(idType)) {
            graphError(ex, 400, "BadRequest", "Invalid OData type specified: \"" + id.path("@odata.type").asText("")
                    + "\"");
            return null;
        }
        ((ObjectNode) id).put("@odata.type", "#microsoft.graph." + idType);
        if (b.has("licensesToAssign") && b.get("licensesToAssign").isArray()) {
            for (JsonNode l : b.get("licensesToAssign")) {
                if (l.isObject()) {
                    ((ObjectNode) l).put("@odata.type", "microsoft.graph.educationSynchronizationLicenseAssignment");
                }
            }
        } else {
            b.putArray("licensesToAssign");
        }
        if (!b.has("handleSpecialCharacterConstraint")) {
            b.put("handleSpecialCharacterConstraint", false);
        }
        if (!b.has("expirationDate")) {
            b.putNull("expirationDate");
        }
        // server-filled customization defaults
        ObjectNode cust = provider.has("customizations") && provider.get("customizations").isObject()
                ? (ObjectNode) provider.get("customizations") : provider.putObject("customizations");
        if (!cust.has("teacher")) {
            ArrayNode t = cust.putObject("teacher").putArray("optionalPropertiesToSync");
            TEACHER_DEFAULTS.forEach(t::add);
        }
        for (String e : ENTITIES) {
            JsonNode c = cust.get(e);
            if (c == null || !c.isObject()) {
                continue;
            }
            ObjectNode co = (ObjectNode) c;
            if (e.equals("studentEnrollment") || e.equals("teacherRoster")) {
                co.putArray("optionalPropertiesToSync");
            }
            if (!co.hasNonNull("synchronizationStartDate")) {
                co.put("synchronizationStartDate", NO_DATE);
            }
            if (!co.has("isSyncDeferred")) {
                co.put("isSyncDeferred", false);
            }
            if (!co.has("allowDisplayNameUpdate")) {
                co.put("allowDisplayNameUpdate", false);
            }
        }
        return b;
    }

    /** The type name of an @odata.type in either form, or null for a foreign namespace. */
    private static String odataType(JsonNode n) {
        String t = n.path("@odata.type").asText("");
        if (t.startsWith("#")) {
            t = t.substring(1);
        }
        if (!t.startsWith("microsoft.graph.")) {
            return null;
        }
        return t.substring("microsoft.graph.".length());
    }

    /** The profile as the API shows it: id and state first, the client secret never echoed. */
    private ObjectNode render(SandboxProfile p, String context) {
        ObjectNode r = json.createObjectNode();
        if (context != null) {
            r.put("@odata.context", "https://graph.microsoft.com" + META + context);
        }
        r.put("id", p.id);
        r.put("displayName", p.body.path("displayName").asText());
        r.put("state", p.state);
        p.body.fields().forEachRemaining(e -> {
            if (!r.has(e.getKey())) {
                r.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        JsonNode dp = r.get("dataProvider");
        if (dp instanceof ObjectNode d && d.has("clientSecret")) {
            d.putNull("clientSecret");
        }
        JsonNode cs = dp == null ? null : dp.get("connectionSettings");
        if (cs instanceof ObjectNode c && c.has("clientSecret")) {
            c.putNull("clientSecret");
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------ lifecycle

    private void advanceAll(Instant now) {
        for (SandboxProfile p : new ArrayList<>(profiles.values())) {
            advance(p, now);
        }
        profiles.values().removeIf(p -> p.gone);
    }

    /** Moves a profile's state and its run on as far as the time allows. */
    private void advance(SandboxProfile p, Instant now) {
        for (int guard = 0; guard < 16; guard++) {
            if (p.state.equals("provisioning")) {
                Instant at = p.stateSince.plus(o.provisionDelay);
                if (now.isBefore(at)) {
                    return;
                }
                p.stateSince = at;
                if (p.failProvisioning) {
                    p.state = "provisioningFailed";
                    return;
                }
                p.state = "provisioned";
                if (!p.isCsv()) {
                    beginRun(p, at); // PowerSchool and OneRoster profiles pull from their source by themselves
                }
                continue;
            }
            if (p.state.equals("deleting")) {
                if (!now.isBefore(p.stateSince.plus(o.deleteDelay))) {
                    p.gone = true;
                    FileTrees.deleteQuietly(p.container);
                }
                return;
            }
            if (p.paused || p.phase == SandboxProfile.Phase.NONE || p.phase == SandboxProfile.Phase.DONE) {
                return;
            }
            Duration d = switch (p.phase) {
                case EXTRACTING -> o.extractDelay;
                case VALIDATING -> o.validateDelay;
                default -> o.syncDelay;
            };
            Instant end = p.phaseStart.plus(d);
            if (now.isBefore(end)) {
                return;
            }
            p.phaseStart = end;
            p.lastActivity = end;
            switch (p.phase) {
                case EXTRACTING -> {
                    p.phase = SandboxProfile.Phase.VALIDATING;
                    p.status = "validating";
                    p.statusMessage = "Validating the source data.";
                }
                case VALIDATING -> {
                    if (!p.deferredErrors.isEmpty()) {
                        p.errors.addAll(p.deferredErrors);
                        p.deferredErrors = List.of();
                        p.phase = SandboxProfile.Phase.DONE;
                        p.status = "validationError";
                        p.statusMessage = "Critical errors are blocking sync; see the profile's errors.";
                    } else {
                        p.phase = SandboxProfile.Phase.IN_PROGRESS;
                        p.status = "inProgress";
                        p.statusMessage = "Synchronizing.";
                    }
                }
                default -> finishRun(p, end);
            }
        }
    }

    private void beginRun(SandboxProfile p, Instant at) {
        p.phase = SandboxProfile.Phase.EXTRACTING;
        p.phaseStart = at;
        p.paused = false;
        p.status = "extracting";
        p.statusMessage = "Extracting the source data.";
        p.lastActivity = at;
    }

    private void finishRun(SandboxProfile p, Instant at) {
        p.phase = SandboxProfile.Phase.DONE;
        List<ObjectNode> found = p.isCsv() ? syncErrors(p, at) : List.of();
        p.errors.addAll(found);
        if (p.errors.size() > o.quarantineThreshold) {
            p.status = "quarantined";
            p.statusMessage = "The profile is quarantined: " + p.errors.size() + " errors exceed the limit of "
                    + o.quarantineThreshold + ".";
        } else if (!p.errors.isEmpty()) {
            p.status = "error";
            p.statusMessage = "Synchronization finished with " + p.errors.size() + " error(s).";
            p.lastSync = at;
        } else {
            p.status = "success";
            p.statusMessage = "Synchronization finished.";
            p.lastSync = at;
        }
    }

    /** The realistic sync errors: a deterministic share of the uploaded students whose identity does not match. */
    private List<ObjectNode> syncErrors(SandboxProfile p, Instant at) {
        if (o.syncErrorRate <= 0) {
            return List.of();
        }
        Path f = findFile(p.container, SdsFile.STUDENT);
        if (f == null) {
            return List.of();
        }
        String domain = studentDomain(p);
        List<ObjectNode> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreSurroundingSpaces(false).build().parse(r)) {
            Map<String, Integer> h = csv.getHeaderMap();
            for (CSVRecord rec : csv) {
                String sis = get(rec, h, "SIS ID");
                String user = get(rec, h, "Username");
                if (sis.isEmpty() || draw(sis) >= o.syncErrorRate) {
                    continue;
                }
                String upn = user.isEmpty() ? sis : user + "@" + domain;
                ObjectNode e = json.createObjectNode();
                e.put("id", UUID.nameUUIDFromBytes((p.id + sis).getBytes(StandardCharsets.UTF_8)).toString()
                        .toUpperCase(Locale.ROOT));
                e.put("entryType", "Student");
                e.put("errorCode", "UnsynchronizableChange");
                e.put("errorMessage", "Student cannot be updated as no matching entry in Active Directory was found "
                        + "for Student.  Verify the identity matching criteria for the profile.");
                e.put("joiningValue", upn);
                e.put("recordedDateTime", at.truncatedTo(ChronoUnit.SECONDS).toString());
                e.put("reportableIdentifier", user.isEmpty() ? sis : user);
                out.add(e);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("sandbox could not read Student.csv of {}: {}", p.id, e.toString());
        }
        return out;
    }

    private double draw(String key) {
        return new java.util.SplittableRandom(o.seed * 0x9E3779B97F4A7C15L ^ key.hashCode()).nextDouble();
    }

    private static String get(CSVRecord rec, Map<String, Integer> h, String col) {
        Integer i = h.get(col);
        return i == null || i >= rec.size() ? "" : rec.get(i).trim();
    }

    private static String studentDomain(SandboxProfile p) {
        JsonNode id = p.body.path("identitySynchronizationConfiguration");
        for (JsonNode d : id.path("userDomains")) {
            if ("student".equals(d.path("appliesTo").asText())) {
                return d.path("name").asText("sandbox.example.edu");
            }
        }
        for (JsonNode m : id.path("matchingOptions")) {
            if ("student".equals(m.path("appliesTo").asText()) && m.hasNonNull("targetDomain")) {
                return m.path("targetDomain").asText();
            }
        }
        return "sandbox.example.edu";
    }

    // ------------------------------------------------------------------------------------------ runs

    /**
     * Answers SDS's refusal when {@code p} cannot take the CSV operation {@code op} now (not a CSV profile, not
     * provisioned, or a run in progress: then {@code whenRunning}); true when it did.
     */
    private boolean refusesCsvOperation(HttpExchange ex, SandboxProfile p, String op, String whenRunning)
            throws IOException {
        if (!p.isCsv()) {
            graphError(ex, 400, "invalidRequest", op + " applies to profiles with the CSV data provider only.");
            return true;
        }
        if (!p.state.equals("provisioned")) {
            graphError(ex, 409, "Conflict", "The profile is " + p.state + "; wait until it is provisioned.");
            return true;
        }
        if (p.running()) {
            graphError(ex, 409, "Conflict", whenRunning);
            return true;
        }
        return false;
    }

    private void uploadUrl(HttpExchange ex, SandboxProfile p) throws IOException {
        if (refusesCsvOperation(ex, p, "uploadUrl", "A previous request is still being processed; try again later.")) {
            return;
        }
        uploadUrls.incrementAndGet();
        Instant se = Instant.now().plus(o.sasLifetime).truncatedTo(ChronoUnit.SECONDS);
        String sig = sign(p.id, "w", se.toString());
        String url = baseUrl() + "/blob/" + p.id + "?sv=2015-07-08&sr=c&sp=w&se=" + enc(se.toString())
                + "&sig=" + enc(sig);
        ObjectNode r = json.createObjectNode();
        r.put("@odata.context", "https://graph.microsoft.com" + META + "String");
        r.put("value", url);
        send(ex, 200, r);
    }

    private void blob(HttpExchange ex, String method, String container, String name) throws IOException {
        if (!"PUT".equals(method)) {
            blobError(ex, 405, "UnsupportedHttpVerb", "The resource doesn't support the specified HTTP verb.");
            return;
        }
        Map<String, String> q = QueryString.parse(ex.getRequestURI().getRawQuery());
        String se = q.get("se");
        String sig = q.get("sig");
        boolean ok = se != null && sig != null && "c".equals(q.get("sr")) && q.getOrDefault("sp", "").contains("w")
                && MessageDigest.isEqual(sign(container, q.get("sp"), se).getBytes(StandardCharsets.UTF_8),
                sig.getBytes(StandardCharsets.UTF_8));
        if (ok) {
            try {
                ok = Instant.now().isBefore(Instant.parse(se));
            } catch (DateTimeParseException e) {
                ok = false;
            }
        }
        if (!ok) {
            blobError(ex, 403, "AuthenticationFailed", "Server failed to authenticate the request. Make sure the "
                    + "value of Authorization header is formed correctly including the signature.");
            return;
        }
        if (!"BlockBlob".equals(ex.getRequestHeaders().getFirst("x-ms-blob-type"))) {
            blobError(ex, 400, "MissingRequiredHeader", "An HTTP header that's mandatory for this request is not "
                    + "specified: x-ms-blob-type.");
            return;
        }
        if (name.contains("..") || name.contains("\\") || name.isBlank()) {
            blobError(ex, 400, "InvalidResourceName", "The specified resource name contains invalid characters.");
            return;
        }
        String stored = SdsFile.byFileName(name).map(SdsFile::canonicalName).orElse(name);
        Path dir;
        synchronized (profiles) {
            SandboxProfile p = profiles.get(container);
            if (p == null || p.gone) {
                blobError(ex, 404, "ContainerNotFound", "The specified container does not exist.");
                return;
            }
            dir = p.container;
        }
        Files.createDirectories(dir);
        // drop any other spelling of the same file, then write atomically
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String fn = f.getFileName().toString();
                if (fn.equalsIgnoreCase(stored) && !fn.equals(stored)) {
                    Files.deleteIfExists(f);
                }
            }
        }
        Path tmp = Files.createTempFile(dir, ".upload", ".tmp");
        try (InputStream in = ex.getRequestBody()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, dir.resolve(stored), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        ex.getResponseHeaders().set("ETag", "\"0x" + Long.toHexString(System.nanoTime()).toUpperCase(Locale.ROOT) + "\"");
        ex.getResponseHeaders().set("x-ms-request-server-encrypted", "true");
        ex.sendResponseHeaders(201, -1);
    }

    private void startRun(HttpExchange ex, SandboxProfile p) throws IOException {
        if (refusesCsvOperation(ex, p, "start", "A synchronization is already in progress for this profile.")) {
            return;
        }
        starts.add(Files.isDirectory(p.container) ? contentDigest(p.container) : "");
        ValidationResult r = validate(p);
        List<Message> errs = r.messages().stream().filter(Message::isError).toList();
        ObjectNode body = json.createObjectNode();
        body.put("@odata.context", "https://graph.microsoft.com" + META
                + "education/Collection(microsoft.graph.verificationMessage)");
        ArrayNode v = body.putArray("value");
        Instant now = Instant.now();
        p.errors.clear();
        if (!errs.isEmpty() && !o.deferValidationErrors) {
            r.messages().forEach(m -> v.add(message(m)));
            p.phase = SandboxProfile.Phase.DONE;
            p.paused = false;
            p.status = "validationError";
            p.statusMessage = "The uploaded files have " + errs.size() + " error(s); synchronization did not start.";
            p.lastActivity = now;
            send(ex, o.startErrorsAs200 ? 200 : 400, body);
            return;
        }
        r.messages().stream().filter(m -> !m.isError()).forEach(m -> v.add(message(m)));
        p.deferredErrors = errs.stream().map(m -> validationError(m, now)).toList();
        beginRun(p, now);
        send(ex, 200, body);
    }

    private ObjectNode message(Message m) {
        return json.createObjectNode().put("type", m.type()).put("fileName", m.fileName())
                .put("description", m.description());
    }

    private ObjectNode validationError(Message m, Instant at) {
        ObjectNode e = json.createObjectNode();
        e.put("id", UUID.randomUUID().toString().toUpperCase(Locale.ROOT));
        String entity = m.fileName() == null ? "" : m.fileName().replace(".csv", "");
        e.put("entryType", entity.isEmpty() ? "" : Character.toUpperCase(entity.charAt(0)) + entity.substring(1));
        e.put("errorCode", "ValidationError");
        e.put("errorMessage", m.fileName() + ": " + m.description());
        e.put("joiningValue", m.fileName());
        e.put("recordedDateTime", at.truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("reportableIdentifier", m.fileName());
        return e;
    }

    /** The project's validator over the uploaded container, honouring the profile's optionalPropertiesToSync. */
    private ValidationResult validate(SandboxProfile p) throws IOException {
        Map<SdsFile, Set<String>> optional = new EnumMap<>(SdsFile.class);
        JsonNode cust = p.body.path("dataProvider").path("customizations");
        for (SdsFile f : SdsFile.values()) {
            String key = switch (f) {
                case STUDENT_ENROLLMENT -> "studentEnrollment";
                case TEACHER_ROSTER -> "teacherRoster";
                default -> f.entity();
            };
            JsonNode props = cust.path(key).path("optionalPropertiesToSync");
            if (props.isArray() && !props.isEmpty()) {
                Set<String> cols = new LinkedHashSet<>();
                props.forEach(n -> cols.add(columnName(f, n.asText())));
                optional.put(f, cols);
            }
        }
        ValidationOptions d = ValidationOptions.defaults();
        return new Validator(new ValidationOptions(d.maxRows(), optional, d.maxRowNumbers(), d.maxSamples()))
                .validate(p.container);
    }

    /** optionalPropertiesToSync spellings that differ from the CSV headers (§4.3). */
    private static String columnName(SdsFile f, String prop) {
        return switch (prop) {
            case "GradeLow" -> "Grade Low";
            case "GradeHigh" -> "Grade High";
            case "Email" -> f == SdsFile.SCHOOL ? "Principal Secondary Email" : "Secondary Email";
            default -> prop;
        };
    }

    private void pause(HttpExchange ex, SandboxProfile p) throws IOException {
        if (!p.paused && p.phase != SandboxProfile.Phase.NONE && p.phase != SandboxProfile.Phase.DONE) {
            p.paused = true;
            p.status = "paused";
            p.statusMessage = "Synchronization is paused.";
            p.lastActivity = Instant.now();
        }
        ex.sendResponseHeaders(200, -1);
    }

    private void resume(HttpExchange ex, SandboxProfile p) throws IOException {
        if (p.paused) {
            p.paused = false;
            // back to inProgress; errors the validation still has to surface keep the run in validating
            p.phase = p.deferredErrors.isEmpty() ? SandboxProfile.Phase.IN_PROGRESS : SandboxProfile.Phase.VALIDATING;
            p.phaseStart = Instant.now();
            p.status = "inProgress";
            p.statusMessage = "Synchronizing.";
            p.lastActivity = p.phaseStart;
        }
        ex.sendResponseHeaders(200, -1);
    }

    private void reset(HttpExchange ex, SandboxProfile p) throws IOException {
        if (!p.state.equals("provisioned")) {
            graphError(ex, 409, "Conflict", "The profile is " + p.state + "; wait until it is provisioned.");
            return;
        }
        p.errors.clear();
        p.deferredErrors = List.of();
        Instant now = Instant.now();
        if (p.isCsv()) {
            ValidationResult r = validate(p);
            if (r.hasErrors()) {
                p.deferredErrors = r.messages().stream().filter(Message::isError)
                        .map(m -> validationError(m, now)).toList();
            }
        }
        beginRun(p, now);
        ex.sendResponseHeaders(200, -1);
    }

    private void profileStatus(HttpExchange ex, SandboxProfile p) throws IOException {
        String prefer = String.join(",", ex.getRequestHeaders().getOrDefault("Prefer", List.of()));
        boolean evolvable = prefer.toLowerCase(Locale.ROOT).contains("include-unknown-enum-members");
        String status = p.status;
        if (!evolvable && (status.equals("extracting") || status.equals("validating"))) {
            status = "unknownFutureValue";
        }
        ObjectNode r = json.createObjectNode();
        r.put("@odata.context", "https://graph.microsoft.com" + META + "education/synchronizationProfiles('"
                + p.id + "')/profileStatus/$entity");
        r.put("id", p.id);
        r.put("status", status);
        putTime(r, "lastSynchronizationDateTime", p.lastSync);
        putTime(r, "lastActivityDateTime", p.lastActivity);
        r.put("errorCount", p.errors.size());
        r.put("statusMessage", p.statusMessage);
        send(ex, 200, r);
    }

    private void errors(HttpExchange ex, SandboxProfile p) throws IOException {
        Map<String, String> q = QueryString.parse(ex.getRequestURI().getRawQuery());
        List<ObjectNode> all = p.errors;
        String filter = q.get("$filter");
        if (filter != null && !filter.isBlank()) {
            Matcher m = FILTER.matcher(filter);
            Map<String, String> eq = new LinkedHashMap<>();
            while (m.find()) {
                eq.put(m.group(1), m.group(2));
            }
            if (eq.isEmpty()) {
                graphError(ex, 400, "BadRequest", "Only $filter=entryType eq '...' and errorCode eq '...' are "
                        + "supported.");
                return;
            }
            all = all.stream().filter(e -> eq.entrySet().stream()
                    .allMatch(c -> c.getValue().equalsIgnoreCase(e.path(c.getKey()).asText()))).toList();
        }
        int skip = intParam(q, "$skip", 0);
        int top = Math.min(intParam(q, "$top", 100), 999);
        ObjectNode r = json.createObjectNode();
        r.put("@odata.context", "https://graph.microsoft.com" + META + "education/synchronizationProfiles('"
                + p.id + "')/errors");
        if ("true".equalsIgnoreCase(q.get("$count"))) {
            r.put("@odata.count", all.size());
        }
        ArrayNode v = r.putArray("value");
        all.stream().skip(skip).limit(top).forEach(e -> v.add(e.deepCopy()));
        if (skip + top < all.size()) {
            StringBuilder next = new StringBuilder(baseUrl() + API + "/" + p.id + "/errors?$top=" + top + "&$skip="
                    + (skip + top));
            if (q.containsKey("$count")) {
                next.append("&$count=").append(q.get("$count"));
            }
            if (filter != null) {
                next.append("&$filter=").append(enc(filter));
            }
            r.put("@odata.nextLink", next.toString());
        }
        send(ex, 200, r);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private String sign(String container, String sp, String se) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sasKey, "HmacSHA256"));
            byte[] d = mac.doFinal((container + "\n" + sp + "\n" + se).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path findFile(Path dir, SdsFile f) {
        try (var files = Files.list(dir)) {
            return files.filter(x -> x.getFileName().toString().equalsIgnoreCase(f.canonicalName())).findFirst()
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static void putTime(ObjectNode r, String key, Instant t) {
        if (t == null) {
            r.putNull(key);
        } else {
            r.put(key, t.toString());
        }
    }

    private JsonNode readJson(HttpExchange ex) throws IOException {
        try {
            JsonNode n = json.readTree(ex.getRequestBody());
            if (n == null || n.isMissingNode()) {
                graphError(ex, 400, "BadRequest", "The request body is empty.");
                return null;
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            graphError(ex, 400, "BadRequest", "The request body is not valid JSON.");
            return null;
        }
    }

    private static int intParam(Map<String, String> q, String key, int def) {
        String v = q.get(key);
        if (v == null) {
            return def;
        }
        try {
            return Math.max(0, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            return def;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private ObjectNode errorBody(String code, String message) {
        ObjectNode r = json.createObjectNode();
        ObjectNode e = r.putObject("error");
        e.put("code", code);
        e.put("message", message);
        e.putObject("innerError").put("request-id", UUID.randomUUID().toString())
                .put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return r;
    }

    private void graphError(HttpExchange ex, int status, String code, String message) throws IOException {
        send(ex, status, errorBody(code, message));
    }

    private ObjectNode oauthError(String code, String description) {
        return json.createObjectNode().put("error", code).put("error_description", description);
    }

    private static void blobError(HttpExchange ex, int status, String code, String message) throws IOException {
        byte[] b = ("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/xml");
        ex.getResponseHeaders().set("x-ms-error-code", code);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] b = json.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }
}
