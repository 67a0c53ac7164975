package org.sis2sds.sandbox.powerschool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.sis2sds.sandbox.QueryString;

/**
 * A faithful stand-in for a PowerSchool SIS server (research/powerschool-api.md): OAuth client credentials with a
 * reused, counting-down token; the {@code /ws/v1} roster endpoints with {@code page}/{@code pagesize}, per-resource
 * maximum page sizes, {@code /count}, expansions and a FIQL subset; the JSON quirks of §6; and fault settings
 * (latency, 429 with Retry-After, 5xx, HTML proxy pages, outage), deterministic for a seed. JDK HttpServer on
 * 127.0.0.1 only. A test and demo tool: production never needs it.
 */
public final class PowerSchoolSandbox implements AutoCloseable {
    /** What happens during an outage. */
    public enum Outage { NONE, UNAVAILABLE, REFUSED }

    /** What a pagesize above the resource's maximum does. */
    public enum OverMax { CLAMP, ERROR }

    /** What {@code Accept: application/xml} gets: the document as XML, or 406 Not Acceptable. */
    public enum Xml { RENDER, REFUSE }

    /** What {@code page=0} (pages count from 1) gets: a 400, or the first page. */
    public enum PageZero { ERROR, FIRST }

    /** Settings; the fault ones may be changed while the sandbox runs. */
    public static final class Options {
        public int port = 18081;
        public int students = 2000;
        public long seed = 42;
        public Integer startYear;
        public String clientId = "sandbox";
        public String clientSecret = "sandbox-secret";
        public Duration tokenLifetime = Duration.ofDays(30);
        public int maxPageSize = 100;
        public final Map<String, Integer> maxPageSizes = new LinkedHashMap<>();
        public OverMax overMax = OverMax.CLAMP;
        public Xml xml = Xml.RENDER;
        public PageZero pageZero = PageZero.ERROR;
        public volatile Duration latency = Duration.ZERO;
        public volatile double rate429;
        public volatile String retryAfter = "1";
        public volatile double rate5xx;
        public volatile double rateHtml;
        public volatile Outage outage = Outage.NONE;
        public int threads = 64;
        /** Serve HTTPS with this certificate (the sandbox command's {@code --tls}); null: HTTP. */
        public org.sis2sds.sandbox.SandboxTls tls;

        /**
         * Options from the {@code sis2sds.powerschool.sandbox.*} settings (port, students, seed, start-year,
         * client-id, client-secret, token-lifetime, max-page-size, over-max, latency, rate-429, retry-after,
         * rate-5xx, rate-html, outage), for the sandbox and demo commands.
         */
        public static Options fromSettings(org.sis2sds.core.Settings s) {
            String p = "sis2sds.powerschool.sandbox.";
            Options o = new Options();
            o.port = s.getInt(p + "port", o.port);
            o.students = s.getInt(p + "students", o.students);
            o.seed = s.getLong(p + "seed", o.seed);
            if (s.has(p + "start-year")) {
                o.startYear = s.getInt(p + "start-year", 0);
            }
            o.clientId = s.get(p + "client-id", o.clientId);
            String secret = org.sis2sds.powerschool.PowerSchoolOptions.secret(s, p + "client-secret");
            o.clientSecret = secret.isEmpty() ? o.clientSecret : secret;
            o.tokenLifetime = s.getDuration(p + "token-lifetime", o.tokenLifetime);
            o.maxPageSize = s.getInt(p + "max-page-size", o.maxPageSize);
            o.overMax = choice(s, p + "over-max", "clamp", OverMax.class);
            o.xml = choice(s, p + "xml", "render", Xml.class);
            o.pageZero = choice(s, p + "page-zero", "error", PageZero.class);
            o.latency = s.getDuration(p + "latency", o.latency);
            o.rate429 = s.getDouble(p + "rate-429", 0);
            o.retryAfter = s.get(p + "retry-after", o.retryAfter);
            o.rate5xx = s.getDouble(p + "rate-5xx", 0);
            o.rateHtml = s.getDouble(p + "rate-html", 0);
            o.outage = choice(s, p + "outage", "none", Outage.class);
            return o;
        }

        private static <E extends Enum<E>> E choice(org.sis2sds.core.Settings s, String key, String def, Class<E> type) {
            String v = s.get(key, def);
            try {
                return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw s.invalid(key, v, "one of " + java.util.Arrays.stream(type.getEnumConstants())
                        .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
            }
        }

        public Options port(int v) { port = v; return this; }
        public Options students(int v) { students = v; return this; }
        public Options seed(long v) { seed = v; return this; }
        public Options startYear(int v) { startYear = v; return this; }
        public Options credentials(String id, String secret) { clientId = id; clientSecret = secret; return this; }
        public Options tokenLifetime(Duration v) { tokenLifetime = v; return this; }
        public Options maxPageSize(int v) { maxPageSize = v; return this; }
        public Options maxPageSize(String resource, int v) { maxPageSizes.put(resource, v); return this; }
        public Options overMax(OverMax v) { overMax = v; return this; }
        public Options latency(Duration v) { latency = v; return this; }
        public Options rate429(double v, String retryAfterSeconds) { rate429 = v; retryAfter = retryAfterSeconds; return this; }
        public Options rate5xx(double v) { rate5xx = v; return this; }
        public Options rateHtml(double v) { rateHtml = v; return this; }
        public Options outage(Outage v) { outage = v; return this; }
    }

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and delayed ACKs
        // add ~40 ms to every answer. Read once, when the first HttpServer is made in this JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,15})");
    private static final List<String> RESOURCES = List.of("school", "student", "staff", "section",
            "section_enrollment", "course", "term");
    private static final String STUDENT_EXPANSIONS = "addresses, alerts, contact, contact_info, demographics, "
            + "ethnicity_race, fees, initial_enrollment, lunch, phones, schedule_setup, school_enrollment";
    private static final List<String> STUDENT_EXPANDABLE = List.of("school_enrollment", "demographics", "contact_info",
            "addresses", "phones", "contact", "ethnicity_race");
    private static final String STAFF_EXPANSIONS = "addresses, emails, phones, school_affiliations";
    private static final List<String> STAFF_EXPANDABLE = List.of("emails", "addresses", "phones",
            "school_affiliations");

    private final Options options;
    private final District district;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong faultCounter = new AtomicLong();
    private final AtomicLong tokensIssued = new AtomicLong();
    private HttpServer server;
    private ExecutorService executor;
    private int boundPort;
    private String token;
    private Instant tokenExpiry = Instant.EPOCH;

    public PowerSchoolSandbox(Options options) {
        this.options = options;
        int year = options.startYear != null ? options.startYear
                : District.currentStartYear(LocalDate.now(), 7);
        this.district = new District(options.students, options.seed, year);
    }

    public Options options() { return options; }
    public District district() { return district; }
    /** Requests served (every path, faults included). */
    public long requests() { return requests.get(); }
    /** Distinct access tokens handed out so far. */
    public long tokensIssued() { return tokensIssued.get(); }

    public synchronized PowerSchoolSandbox start() throws IOException {
        if (server != null) {
            return this;
        }
        if (executor == null) {
            executor = Executors.newFixedThreadPool(options.threads, r -> {
                Thread t = new Thread(r, "ps-sandbox");
                t.setDaemon(true);
                return t;
            });
        }
        if (options.outage == Outage.REFUSED) {
            boundPort = options.port;
            return this;
        }
        bind();
        return this;
    }

    private void bind() throws IOException {
        int port = boundPort != 0 ? boundPort : options.port;
        server = org.sis2sds.sandbox.SandboxHttp.bind(port, options.tls);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        boundPort = server.getAddress().getPort();
    }

    /** Switches an outage on or off while running ({@code REFUSED} closes the listening socket). */
    public synchronized void outage(Outage o) throws IOException {
        options.outage = o;
        if (o == Outage.REFUSED && server != null) {
            server.stop(0);
            server = null;
        } else if (o != Outage.REFUSED && server == null && executor != null) {
            bind();
        }
    }

    public int port() { return boundPort; }

    public String baseUrl() { return (options.tls == null ? "http" : "https") + "://127.0.0.1:" + boundPort; }

    /** The {@code sis2sds.powerschool.*} settings that point a client at this running sandbox and its school year. */
    public Map<String, String> clientSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sis2sds.powerschool.base-url", baseUrl());
        m.put("sis2sds.powerschool.client-id", options.clientId);
        m.put("sis2sds.powerschool.client-secret", options.clientSecret);
        m.put("sis2sds.powerschool.school-year", String.valueOf(district.startYear()));
        return m;
    }

    /** Makes the current token invalid at once (as an admin regenerating the client secret would). */
    public synchronized void expireToken() {
        tokenExpiry = Instant.EPOCH;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    // ------------------------------------------------------------------ dispatch

    private void handle(HttpExchange ex) throws IOException {
        PsXml.ASKED.set(Boolean.FALSE);
        try {
            requests.incrementAndGet();
            sleep(options.latency);
            String path = ex.getRequestURI().getPath();
            if (options.outage == Outage.UNAVAILABLE) {
                html(ex, 503, "Service Unavailable");
                return;
            }
            if (path.equals("/oauth/access_token") || path.equals("/oauth/access_token/")) {
                oauth(ex);
                return;
            }
            if (!path.startsWith("/ws/")) {
                json(ex, 404, Map.of("message", "Not found"));
                return;
            }
            if (fault(ex)) {
                return;
            }
            if (PsXml.wanted(ex)) {
                if (options.xml == Xml.REFUSE) {
                    json(ex, 406, Map.of("message", "Not Acceptable"));
                    return;
                }
                PsXml.ASKED.set(Boolean.TRUE);
            }
            if (!ex.getRequestMethod().equals("GET")) {
                json(ex, 405, Map.of("message", "Method not allowed"));
                return;
            }
            Map<String, String> q = QueryString.parse(ex.getRequestURI().getRawQuery());
            if (path.equals("/ws/v1/time")) {
                json(ex, 200, Map.of("time", LocalDateTime.now().withNano(0).toString().replace('T', ' ')));
                return;
            }
            if (path.equals("/ws/v1/metadata")) {
                metadata(ex);
                return;
            }
            if (!authorized(ex)) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\",realm=\"PowerSchool\","
                        + "error_description=\"The access token is invalid or has expired\"");
                json(ex, 401, Map.of("message", "Unauthorized"));
                return;
            }
            route(ex, path, q);
        } catch (Fiql.FiqlException e) {
            json(ex, 400, Map.of("message", e.getMessage()));
        } catch (BadRequest e) {
            json(ex, 400, Map.of("message", e.getMessage()));
        } catch (RuntimeException e) {
            json(ex, 500, Map.of("message", "Internal Server Error"));
        } finally {
            ex.close();
        }
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String m) {
            super(m);
        }
    }

    private boolean fault(HttpExchange ex) throws IOException {
        double r429 = options.rate429;
        double r5xx = options.rate5xx;
        double rHtml = options.rateHtml;
        if (r429 + r5xx + rHtml <= 0) {
            return false;
        }
        long n = faultCounter.getAndIncrement();
        long z = options.seed * 0x632BE59BD9B4E019L + (n + 1) * 0x9E3779B97F4A7C15L; // splitmix64
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        double u = (z >>> 11) * 0x1.0p-53;
        if (u < r429) {
            ex.getResponseHeaders().set("Retry-After", options.retryAfter);
            json(ex, 429, Map.of("message", "Too Many Requests"));
            return true;
        }
        if (u < r429 + r5xx) {
            json(ex, (n & 1) == 0 ? 500 : 503, Map.of("message", "Internal Server Error"));
            return true;
        }
        if (u < r429 + r5xx + rHtml) {
            html(ex, (n & 1) == 0 ? 502 : 503, (n & 1) == 0 ? "Bad Gateway" : "Service Unavailable");
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ OAuth

    private void oauth(HttpExchange ex) throws IOException {
        if (!ex.getRequestMethod().equals("POST")) {
            json(ex, 405, Map.of("message", "Method not allowed"));
            return;
        }
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = QueryString.parse(body);
        form.putAll(QueryString.parse(ex.getRequestURI().getRawQuery()));
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (options.clientId + ":" + options.clientSecret).getBytes(StandardCharsets.UTF_8));
        if (auth == null || !auth.trim().equals(expected)) {
            json(ex, 401, Map.of("error", "invalid_client"));
            return;
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            json(ex, 400, Map.of("error", "unsupported_grant_type"));
            return;
        }
        String t;
        long remaining;
        synchronized (this) {
            Instant now = Instant.now();
            if (token == null || !now.isBefore(tokenExpiry)) {
                token = UUID.randomUUID().toString();
                tokenExpiry = now.plus(options.tokenLifetime);
                tokensIssued.incrementAndGet();
            }
            t = token;
            remaining = Math.max(1, (Duration.between(now, tokenExpiry).toMillis() + 999) / 1000);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("access_token", t);
        r.put("token_type", "Bearer");
        r.put("expires_in", Long.toString(remaining)); // a JSON string, as PowerSchool sends it
        write(ex, 200, "application/json;charset=UTF-8", JSON.writeValueAsBytes(r));
    }

    private synchronized boolean authorized(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        return auth != null && token != null && auth.equals("Bearer " + token) && Instant.now().isBefore(tokenExpiry);
    }

    // ------------------------------------------------------------------ resources

    private int maxPageSize(String resource) {
        return options.maxPageSizes.getOrDefault(resource, options.maxPageSize);
    }

    private void metadata(HttpExchange ex) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plugin_id", 1);
        m.put("powerschool_version", "25.1.0.0");
        m.put("state", "IL");
        m.put("district_timezone", "America/Chicago");
        m.put("district_uuid", district.district().get("uuid"));
        m.put("sso_enabled_staff", "false");
        m.put("sso_enabled_students", "false");
        for (String r : RESOURCES) {
            m.put(r + "_max_page_size", maxPageSize(r));
        }
        m.put("schema_table_query_max_page_size", maxPageSize("schema_table_query"));
        write(ex, 200, "application/json", JSON.writeValueAsBytes(Map.of("metadata", m)));
    }

    private void route(HttpExchange ex, String path, Map<String, String> q) throws IOException {
        String[] p = path.substring(1).split("/");
        // p[0]=ws p[1]=v1
        if (p.length < 3 || !p[1].equals("v1")) {
            notFound(ex);
            return;
        }
        boolean count = p[p.length - 1].equals("count");
        int n = count ? p.length - 1 : p.length;
        Set expansions = new Set(q.get("expansions"));
        Predicate<Map<String, Object>> filter = Fiql.parse(q.get("q"));
        if (p[2].equals("district")) {
            if (n == 3) {
                single(ex, "district", district.district());
            } else if (n == 4 && p[3].equals("school")) {
                list(ex, q, count, "schools", "school", "school", "", district.schoolCount(), district::school,
                        filter, r -> r);
            } else if (n == 4 && p[3].equals("student")) {
                listStudents(ex, q, count, -1, filter, expansions);
            } else {
                notFound(ex);
            }
            return;
        }
        if (p[2].equals("school") && n >= 4) {
            int i = district.schoolIndex(parseId(p[3]));
            if (i < 0) {
                notFound(ex);
                return;
            }
            if (n == 4) {
                single(ex, "school", district.school(i));
                return;
            }
            if (n != 5) {
                notFound(ex);
                return;
            }
            switch (p[4]) {
                case "student" -> listStudents(ex, q, count, i, filter, expansions);
                case "staff" -> list(ex, q, count, "staffs", "staff", "staff", STAFF_EXPANSIONS,
                        district.staffCount(i), slot -> district.staff(i, slot), filter,
                        r -> expand(r, STAFF_EXPANDABLE, expansions));
                case "section" -> list(ex, q, count, "sections", "section", "section", "term",
                        district.allSectionCount(i), s -> district.section(i, s), filter,
                        r -> expand(r, List.of("term"), expansions));
                case "course" -> list(ex, q, count, "courses", "course", "course", "", District.COURSES,
                        c -> district.course(i, c), filter, r -> r);
                case "term" -> list(ex, q, count, "terms", "term", "term", "", District.TERMS,
                        j -> district.term(i, j), filter, r -> r);
                default -> notFound(ex);
            }
            return;
        }
        if (p[2].equals("section") && n >= 4) {
            long id = parseId(p[3]);
            int i = (int) ((id - 100_000L) / 10_000L);
            int s = (int) ((id - 100_000L) % 10_000L);
            if (id < 100_000L || i >= district.schoolCount() || s >= district.allSectionCount(i)) {
                notFound(ex);
                return;
            }
            if (n == 4) {
                single(ex, "section", expand(district.section(i, s), List.of("term"), expansions));
            } else if (n == 5 && p[4].equals("section_enrollment")) {
                List<Map<String, Object>> all = district.sectionEnrollments(i, s);
                list(ex, q, count, "section_enrollments", "section_enrollment", "section_enrollment", "",
                        all.size(), all::get, filter, r -> r);
            } else {
                notFound(ex);
            }
            return;
        }
        if (n == 4 && single(ex, p[2], parseId(p[3]), expansions)) {
            return;
        }
        if (p[2].equals("student") && n == 4) {
            long k = parseId(p[3]) - 1_000_000L;
            if (k < 0 || k >= district.studentTotal()) {
                notFound(ex);
                return;
            }
            int per = Math.max(1, (district.studentTotal() + district.schoolCount() - 1) / district.schoolCount());
            single(ex, "student", expand(district.student((int) (k / per), (int) (k % per)), STUDENT_EXPANDABLE,
                    expansions));
            return;
        }
        notFound(ex);
    }

    /** {@code /ws/v1/staff|course|term|section_enrollment/{id}}; false when not one of these. */
    private boolean single(HttpExchange ex, String kind, long id, Set expansions) throws IOException {
        Map<String, Object> r = null;
        switch (kind) {
            case "staff" -> {
                long i = (id - 40_000L) / 1000;
                int slot = (int) ((id - 40_000L) % 1000);
                if (id >= 40_000L && i < district.schoolCount() && slot < district.staffCount((int) i)) {
                    r = expand(district.staff((int) i, slot), STAFF_EXPANDABLE, expansions);
                }
            }
            case "course" -> {
                long i = (id - 30_000L) / 100;
                int c = (int) ((id - 30_000L) % 100);
                if (id >= 30_000L && i < district.schoolCount() && c < District.COURSES) {
                    r = district.course((int) i, c);
                }
            }
            case "term" -> {
                long i = (id - 20_000L) / 10;
                int j = (int) ((id - 20_000L) % 10);
                if (id >= 20_000L && i < district.schoolCount() && j < District.TERMS) {
                    r = district.term((int) i, j);
                }
            }
            case "section_enrollment" -> {
                long k = (id - 50_000_000L) / 8;
                int rr = (int) ((id - 50_000_000L) % 8);
                int per = Math.max(1, (district.studentTotal() + district.schoolCount() - 1) / district.schoolCount());
                if (id >= 50_000_000L && k < district.studentTotal()) {
                    int i = (int) (k / per);
                    for (int[] e : district.enrollmentsOf(i, (int) (k % per))) {
                        if (e[1] == rr) {
                            for (Map<String, Object> m : district.sectionEnrollments(i, e[0])) {
                                if (m.get("id").equals(Long.toString(id))) {
                                    r = m;
                                }
                            }
                        }
                    }
                }
            }
            default -> {
                return false;
            }
        }
        if (r == null) {
            notFound(ex);
        } else {
            single(ex, kind, r);
        }
        return true;
    }

    private void listStudents(HttpExchange ex, Map<String, String> q, boolean count, int school,
                              Predicate<Map<String, Object>> filter, Set expansions) throws IOException {
        if (school >= 0) {
            list(ex, q, count, "students", "student", "student", STUDENT_EXPANSIONS, district.studentCount(school),
                    j -> district.student(school, j), filter, r -> expand(r, STUDENT_EXPANDABLE, expansions));
            return;
        }
        // the whole district: schools one after another
        int[] offsets = new int[district.schoolCount() + 1];
        for (int i = 0; i < district.schoolCount(); i++) {
            offsets[i + 1] = offsets[i] + district.studentCount(i);
        }
        IntFunction<Map<String, Object>> at = idx -> {
            int i = 0;
            while (offsets[i + 1] <= idx) {
                i++;
            }
            return district.student(i, idx - offsets[i]);
        };
        list(ex, q, count, "students", "student", "student", STUDENT_EXPANSIONS, offsets[district.schoolCount()], at,
                filter, r -> expand(r, STUDENT_EXPANDABLE, expansions));
    }

    /** Requested expansions ({@code expansions=a,b}); unknown names are ignored. */
    private static final class Set {
        private final java.util.Set<String> names = new java.util.HashSet<>();

        Set(String csv) {
            if (csv != null) {
                for (String s : csv.split(",")) {
                    names.add(s.trim().toLowerCase(Locale.ROOT));
                }
            }
        }

        boolean has(String n) {
            return names.contains(n);
        }
    }

    private static Map<String, Object> expand(Map<String, Object> full, List<String> expandable, Set requested) {
        for (String e : expandable) {
            if (!requested.has(e)) {
                full.remove(e);
            }
        }
        return full;
    }

    private void list(HttpExchange ex, Map<String, String> q, boolean count, String plural, String singular,
                      String resource, String expansionsHeader, int size, IntFunction<Map<String, Object>> at,
                      Predicate<Map<String, Object>> filter, java.util.function.UnaryOperator<Map<String, Object>> shape)
            throws IOException {
        boolean filtered = q.get("q") != null && !q.get("q").isBlank();
        if (count) {
            int c = 0;
            if (!filtered) {
                c = size;
            } else {
                for (int idx = 0; idx < size; idx++) {
                    if (filter.test(at.apply(idx))) {
                        c++;
                    }
                }
            }
            json(ex, 200, Map.of("resource", Map.of("count", c)));
            return;
        }
        int max = maxPageSize(resource);
        int pageSize = max;
        if (q.get("pagesize") != null) {
            pageSize = parseInt(q.get("pagesize"), "pagesize");
            if (pageSize <= 0) {
                pageSize = max;
            }
            if (pageSize > max) {
                if (options.overMax == OverMax.ERROR) {
                    throw new BadRequest("The pagesize cannot be greater than the maximum page size of " + max);
                }
                pageSize = max;
            }
        }
        int page = q.get("page") == null ? 1 : parseInt(q.get("page"), "page");
        if (page < 1) {
            if (options.pageZero == PageZero.ERROR) {
                throw new BadRequest("The page must be 1 or more: pages are numbered from 1");
            }
            page = 1;
        }
        long from = (long) (page - 1) * pageSize;
        List<Map<String, Object>> items = new ArrayList<>();
        if (!filtered) {
            for (long idx = from; idx < Math.min(size, from + pageSize); idx++) {
                items.add(shape.apply(at.apply((int) idx)));
            }
        } else {
            long seen = 0;
            for (int idx = 0; idx < size && items.size() < pageSize; idx++) {
                Map<String, Object> r = at.apply(idx);
                if (filter.test(r)) {
                    if (seen++ >= from) {
                        items.add(shape.apply(r));
                    }
                }
            }
        }
        Map<String, Object> wrapper = new LinkedHashMap<>();
        wrapper.put("@expansions", expansionsHeader);
        wrapper.put("@extensions", "");
        if (items.size() == 1) {
            wrapper.put(singular, items.get(0)); // one result: an object, not an array
        } else if (!items.isEmpty()) {
            wrapper.put(singular, items); // none: the wrapper without the item key
        }
        json(ex, 200, Map.of(plural, wrapper));
    }

    private void single(HttpExchange ex, String key, Map<String, Object> r) throws IOException {
        json(ex, 200, Map.of(key, r));
    }

    private void notFound(HttpExchange ex) throws IOException {
        json(ex, 404, Map.of("message", "Not found"));
    }

    private static long parseId(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int parseInt(String s, String name) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest("Invalid value for " + name + ": " + s);
        }
    }

    // ------------------------------------------------------------------ output

    /** Numeric-looking strings become JSON numbers (leading zeros stay strings), recursively. */
    static Object numbers(Object v) {
        if (v instanceof String s) {
            return NUMBER.matcher(s).matches() ? (Object) Long.parseLong(s) : s;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(k.toString(), k.toString().startsWith("@") ? val : numbers(val)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(numbers(x)));
            return out;
        }
        return v;
    }

    private static void json(HttpExchange ex, int status, Map<String, ?> body) throws IOException {
        write(ex, status, "application/json;charset=UTF-8", JSON.writeValueAsBytes(numbers(body)));
    }

    private static void html(HttpExchange ex, int status, String title) throws IOException {
        String page = "<html>\r\n<head><title>" + status + " " + title + "</title></head>\r\n<body>\r\n<center><h1>"
                + status + " " + title + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        write(ex, status, "text/html", page.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        if (PsXml.ASKED.get() && type.startsWith("application/json")) {
            body = PsXml.fromJson(body);
            type = "application/xml;charset=UTF-8";
        }
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    private static void sleep(Duration d) {
        if (d != null && !d.isZero()) {
            try {
                Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs the sandbox alone: {@code [port] [students] [seed] [latencyMs]}. */
    public static void main(String[] args) throws Exception {
        Options o = new Options();
        if (args.length > 0) o.port(Integer.parseInt(args[0]));
        if (args.length > 1) o.students(Integer.parseInt(args[1]));
        if (args.length > 2) o.seed(Long.parseLong(args[2]));
        if (args.length > 3) o.latency(Duration.ofMillis(Long.parseLong(args[3])));
        PowerSchoolSandbox s = new PowerSchoolSandbox(o).start();
        System.out.println("PowerSchool sandbox on " + s.baseUrl() + " (" + o.students + " students, seed " + o.seed
                + ", client id " + o.clientId + ")");
        Thread.currentThread().join();
    }
}
