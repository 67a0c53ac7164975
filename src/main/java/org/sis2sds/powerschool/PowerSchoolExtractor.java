package org.sis2sds.powerschool;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.camel.Header;
import org.sis2sds.core.FileTrees;
import org.sis2sds.core.Settings;
import org.sis2sds.batch.CsvWriter;
import org.sis2sds.batch.SdsFile;
import org.sis2sds.pipeline.Batch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts the roster of the configured PowerSchool schools straight into an SDS v1 batch: six CSV files written
 * while the pages arrive in {@code staging/<batchId>.partial/}, renamed atomically to {@code staging/<batchId>/}
 * once complete. Every list is read count-first, then its pages (in parallel, bounded by
 * {@code sis2sds.powerschool.concurrency}), and the rows received are checked against the count. Only ID sets and
 * small lookup maps (terms, courses, staff to person) are held in memory, never the district.
 *
 * <p>Anything short of a complete batch (an outage, an error after the retries, refused credentials, no schools or
 * no students) removes the partial folder and throws an {@link ExtractionException} with one sentence saying why.
 * Bean {@code powerSchoolExtractor}.
 */
public final class PowerSchoolExtractor {
    private static final Logger LOG = LoggerFactory.getLogger(PowerSchoolExtractor.class);
    public static final String SOURCE = "powerschool";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern NO_SPACE = Pattern.compile("\\S{1,256}");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_.]");
    /** Batch ids: {@code ps-<UTC stamp>-<sync id>}. */
    public static final Pattern BATCH_ID = Pattern.compile("ps-(\\d{8}T\\d{9}Z)-(.+)");

    private final Settings settings;
    private volatile ExtractionListener listener = ExtractionListener.NONE;

    public PowerSchoolExtractor(Settings settings) {
        this.settings = settings;
    }

    /** Where progress goes (the demo draws a progress bar). */
    public void setListener(ExtractionListener listener) {
        this.listener = listener == null ? ExtractionListener.NONE : listener;
    }

    /** The instant a batch id's stamp ({@code 20261130T154000123Z}) stands for. */
    static Instant stampOf(String stamp) {
        return STAMP.parse(stamp, Instant::from);
    }

    /** The batch id for a sync at an instant: {@code ps-20261130T154000123Z-nightly}. */
    public static String batchId(String syncId, Instant at) {
        String safe = syncId == null || syncId.isBlank() ? "manual" : UNSAFE.matcher(syncId).replaceAll("_");
        return "ps-" + STAMP.format(at) + "-" + safe;
    }

    /**
     * Extracts and returns the batch for the pipeline ({@code direct:process-batch}), with the rows per entity and
     * the request count in its attributes. Used by {@code direct:extract-powerschool}.
     */
    public Batch extractBatch(@Header("syncId") String syncId,
                              @Header("syncConfiguration") Map<String, Object> syncConfiguration)
            throws ExtractionException, InterruptedException {
        ExtractionResult r = extract(syncId, syncConfiguration, listener);
        Batch b = new Batch(r.batchId(), r.dir(), SOURCE, syncId);
        b.getAttributes().put("extractedRows", r.rows());
        if (!r.skipped().isEmpty()) {
            b.getAttributes().put("extractionSkipped", r.skipped());
        }
        b.getAttributes().put("powerschoolRequests", r.requests());
        b.getAttributes().put("extractionSeconds", r.elapsed().toMillis() / 1000.0);
        return b;
    }

    public ExtractionResult extract(String syncId, Map<String, ?> syncConfiguration, ExtractionListener l)
            throws ExtractionException, InterruptedException {
        return extract(PowerSchoolOptions.from(settings, syncConfiguration), syncId, l);
    }

    public static ExtractionResult extract(PowerSchoolOptions o, String syncId, ExtractionListener l)
            throws ExtractionException, InterruptedException {
        String id = batchId(syncId, Instant.now());
        Path partial = o.stagingDir().resolve(id + ".partial");
        Path done = o.stagingDir().resolve(id);
        Instant start = Instant.now();
        Run run = null;
        try {
            Files.createDirectories(partial);
            run = new Run(o, partial, l == null ? ExtractionListener.NONE : l);
            run.execute();
            run.closeWriters();
            Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
            Duration took = Duration.between(start, Instant.now());
            LOG.info("PowerSchool extraction {} complete in {} s with {} requests: {}", id, took.toMillis() / 1000.0,
                    run.client.requests(), run.rows());
            return new ExtractionResult(id, done, run.rows(), run.skipped(), run.client.requests(), took);
        } catch (ExtractionException | InterruptedException | RuntimeException e) {
            if (run != null) {
                run.abort();
            }
            deleteQuietly(partial);
            if (e instanceof ExtractionException ee) {
                LOG.warn("PowerSchool extraction {} failed: {}", id, ee.getMessage());
            }
            throw e;
        } catch (IOException e) {
            if (run != null) {
                run.abort();
            }
            deleteQuietly(partial);
            throw new ExtractionException("Could not write the batch in " + o.stagingDir() + " (" + e.getMessage()
                    + "); check that sis2sds.work-dir is writable and has space.", e);
        }
    }

    static void deleteQuietly(Path dir) {
        FileTrees.deleteQuietly(dir);
    }

    // ====================================================================================================== one run

    @FunctionalInterface
    private interface Call<T> {
        T call() throws ExtractionException, InterruptedException;
    }

    @FunctionalInterface
    private interface ItemHandler {
        void accept(JsonNode item) throws ExtractionException;
    }

    private record Term(String name, String start, String end) {
    }

    private record Course(String number, String name) {
    }

    private record TeacherRow(String school, String[] cells) {
    }

    private static final class Progress {
        final AtomicLong done = new AtomicLong();
        final AtomicLong total = new AtomicLong();
    }

    private static final class Run {
        static final int SORT_CHUNK = 100_000;
        final PowerSchoolOptions o;
        final Path dir;
        final PowerSchoolClient client;
        final ExecutorService pool;
        final ExtractionListener listener;
        final Map<SdsFile, CsvWriter> writers = new EnumMap<>(SdsFile.class);
        final CompletableFuture<Void> failed = new CompletableFuture<>();
        volatile Throwable failure;
        Map<String, Integer> maxPageSizes = Map.of();

        final Map<String, Progress> progress = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> skipped = new ConcurrentHashMap<>();
        final Map<String, Term> terms = new ConcurrentHashMap<>();
        final Map<String, Course> courses = new ConcurrentHashMap<>();
        final Map<String, String> staffToTeacher = new ConcurrentHashMap<>();
        final Map<String, TeacherRow> teachers = new TreeMap<>();
        final Set<String> studentIds = ConcurrentHashMap.newKeySet();
        final Set<String> teacherUsernames = ConcurrentHashMap.newKeySet();
        final List<String> sectionIds = new ArrayList<>();
        final List<String[]> schools = new ArrayList<>(); // {id, number}
        final Map<String, Long> rowCounts = new LinkedHashMap<>();

        Run(PowerSchoolOptions o, Path dir, ExtractionListener listener) throws IOException {
            this.o = o;
            this.dir = dir;
            this.listener = listener;
            this.client = new PowerSchoolClient(o);
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(o.concurrency(), r -> {
                Thread t = new Thread(r, "powerschool-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            for (SdsFile f : SdsFile.values()) {
                writers.put(f, new CsvWriter(dir.resolve(f.canonicalName()), header(f)));
            }
        }

        static List<String> header(SdsFile f) {
            return switch (f) {
                case SCHOOL -> List.of("SIS ID", "Name", "School Number", "State ID", "Grade Low", "Grade High",
                        "Principal Name", "Principal Secondary Email", "Address", "City", "State", "Zip", "Phone");
                case SECTION -> List.of("SIS ID", "School SIS ID", "Section Name", "Section Number", "Term SIS ID",
                        "Term Name", "Term StartDate", "Term EndDate", "Course SIS ID", "Course Name",
                        "Course Number", "Periods");
                case STUDENT -> List.of("SIS ID", "School SIS ID", "Username", "First Name", "Last Name",
                        "Middle Name", "Secondary Email", "Student Number", "Grade", "State ID", "Birthdate",
                        "Graduation Year", "Gender");
                case TEACHER -> List.of("SIS ID", "School SIS ID", "Username", "First Name", "Last Name",
                        "Middle Name", "Secondary Email", "Teacher Number");
                case STUDENT_ENROLLMENT, TEACHER_ROSTER -> List.of("Section SIS ID", "SIS ID");
            };
        }

        void write(SdsFile f, String... cells) {
            CsvWriter w = writers.get(f);
            synchronized (w) {
                w.write(cells);
            }
        }

        void skip(String why) {
            skipped.computeIfAbsent(why, k -> new AtomicLong()).incrementAndGet();
        }

        Map<String, Long> skipped() {
            Map<String, Long> m = new TreeMap<>();
            skipped.forEach((k, v) -> m.put(k, v.get()));
            return m;
        }

        Map<String, Long> rows() {
            return rowCounts;
        }

        // ------------------------------------------------------------------ concurrency

        void fail(Throwable t) {
            Throwable cause = unwrap(t);
            synchronized (this) {
                if (failure == null) {
                    failure = cause;
                }
            }
            failed.completeExceptionally(cause);
        }

        static Throwable unwrap(Throwable t) {
            while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
                t = t.getCause();
            }
            return t;
        }

        <T> CompletableFuture<T> async(Call<T> c) {
            return CompletableFuture.supplyAsync(() -> {
                if (failure != null) {
                    throw new CancellationException("extraction aborted");
                }
                try {
                    return c.call();
                } catch (ExtractionException | RuntimeException e) {
                    fail(e);
                    throw new CompletionException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                }
            }, pool);
        }

        /** Waits for a phase, or for the first failure anywhere. */
        void await(CompletableFuture<?> phase) throws ExtractionException, InterruptedException {
            try {
                CompletableFuture.anyOf(phase, failed).get();
                phase.get();
            } catch (ExecutionException | CancellationException e) {
                Throwable t = failure != null ? failure : unwrap(e);
                if (t instanceof ExtractionException ee) {
                    throw ee;
                }
                if (t instanceof InterruptedException ie) {
                    throw ie;
                }
                if (t instanceof UncheckedIOException io) {
                    throw new ExtractionException("Could not write the batch (" + io.getCause().getMessage()
                            + "); check that sis2sds.work-dir is writable and has space.", io);
                }
                throw new ExtractionException("The PowerSchool extraction failed unexpectedly (" + t + ").", t);
            }
        }

        void abort() {
            pool.shutdownNow();
            closeQuietly();
        }

        void closeQuietly() {
            for (CsvWriter w : writers.values()) {
                try {
                    w.close();
                } catch (IOException ignored) {
                    // the folder is removed anyway
                }
            }
        }

        /** Closes the files and sorts their rows: the same data always gives the same bytes. */
        void closeWriters() throws IOException {
            for (Map.Entry<SdsFile, CsvWriter> e : writers.entrySet()) {
                e.getValue().close();
                rowCounts.put(e.getKey().entity(), e.getValue().rows());
            }
            pool.shutdown();
            for (SdsFile f : SdsFile.values()) {
                CsvSort.sort(dir.resolve(f.canonicalName()), header(f), SORT_CHUNK);
            }
        }

        int pageSize(String resource) {
            int max = maxPageSizes.getOrDefault(resource, 100);
            if (max <= 0) {
                max = 100;
            }
            return o.pageSize() > 0 ? Math.min(o.pageSize(), max) : max;
        }

        void progressed(String entity, long pagesDone, long pagesTotal) {
            Progress p = progress.computeIfAbsent(entity, k -> new Progress());
            long d = p.done.addAndGet(pagesDone);
            long t = p.total.addAndGet(pagesTotal);
            try {
                listener.progress(entity, d, t);
            } catch (RuntimeException e) {
                LOG.debug("progress listener failed", e);
            }
        }

        /** Count, then every page in parallel; the items received must add up to the count. */
        CompletableFuture<Void> list(String entity, String path, Map<String, String> params, String resource,
                                     String plural, String singular, ItemHandler handler) {
            int ps = pageSize(resource);
            return async(() -> client.count(path, params)).thenCompose(n -> {
                long pages = (n + ps - 1) / ps;
                progressed(entity, 0, pages);
                AtomicLong got = new AtomicLong();
                List<CompletableFuture<Void>> fs = new ArrayList<>();
                for (long p = 1; p <= pages; p++) {
                    long page = p;
                    fs.add(async(() -> {
                        Map<String, String> q = new LinkedHashMap<>(params);
                        q.put("page", Long.toString(page));
                        q.put("pagesize", Integer.toString(ps));
                        JsonNode body = client.get(path, q);
                        List<JsonNode> items = PowerSchoolClient.items(body, plural, singular);
                        for (JsonNode item : items) {
                            handler.accept(item);
                        }
                        got.addAndGet(items.size());
                        progressed(entity, 1, 0);
                        return null;
                    }));
                }
                return CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).thenApply(v -> {
                    if (got.get() != n) {
                        ExtractionException e = new ExtractionException("PowerSchool listed " + got.get() + " "
                                + entity + " at " + path + " but its count said " + n + "; the data changed during "
                                + "the extraction or the server pages inconsistently, so run the sync again.");
                        fail(e);
                        throw new CompletionException(e);
                    }
                    return null;
                });
            });
        }

        // ------------------------------------------------------------------ the extraction

        void execute() throws ExtractionException, InterruptedException {
            maxPageSizes = client.maxPageSizes();
            if (failure != null) {
                return;
            }
            Set<String> wanted = o.schools();
            Set<String> matched = ConcurrentHashMap.newKeySet();
            await(list("schools", "/ws/v1/district/school", Map.of(), "school", "schools", "school", s -> {
                String id = PowerSchoolClient.text(s, "id");
                String number = PowerSchoolClient.text(s, "school_number");
                if (id == null) {
                    skip("schools without an id");
                    return;
                }
                if (!wanted.isEmpty()) {
                    boolean hit = false;
                    for (String w : List.of(id, number == null ? "" : number)) {
                        if (wanted.contains(w)) {
                            matched.add(w);
                            hit = true;
                        }
                    }
                    if (!hit) {
                        return;
                    }
                }
                school(s, id, number);
            }));
            if (!wanted.isEmpty() && !matched.containsAll(wanted)) {
                List<String> missing = wanted.stream().filter(w -> !matched.contains(w)).toList();
                throw new ExtractionException("PowerSchool has no school with id or number " + String.join(", ",
                        missing) + ": correct sis2sds.powerschool.schools.");
            }
            if (schools.isEmpty()) {
                throw new ExtractionException("PowerSchool returned no schools"
                        + (wanted.isEmpty() ? "" : " matching sis2sds.powerschool.schools")
                        + ", so no batch was made: check the plugin's access and sis2sds.powerschool.schools.");
            }
            schools.sort(Comparator.comparing(a -> a[0]));

            List<CompletableFuture<Void>> perSchool = new ArrayList<>();
            for (String[] school : schools) {
                String sid = school[0];
                String base = "/ws/v1/school/" + sid;
                Map<String, String> sq = new LinkedHashMap<>();
                sq.put("expansions", "school_enrollment,demographics,contact_info");
                // every status: the catch-all SDS used, as a school's student search may default to active only
                sq.put("q", o.activeStudentsOnly() ? "school_enrollment.enroll_status==A"
                        : "school_enrollment.enroll_status_code=gt=-2147483648");
                perSchool.add(list("students", base + "/student", sq, "student", "students", "student",
                        st -> student(st, sid)));
                CompletableFuture<Void> t = list("terms", base + "/term", Map.of(), "term", "terms", "term",
                        this::term);
                CompletableFuture<Void> c = list("courses", base + "/course", Map.of(), "course", "courses", "course",
                        this::course);
                CompletableFuture<Void> s = list("staff", base + "/staff",
                        Map.of("expansions", "emails,school_affiliations"), "staff", "staffs", "staff",
                        st -> staff(st, sid));
                Map<String, String> secq = new LinkedHashMap<>();
                secq.put("expansions", "term");
                secq.put("q", "term.start_year==" + o.schoolYear());
                perSchool.add(CompletableFuture.allOf(t, c, s).thenCompose(v -> list("sections", base + "/section",
                        secq, "section", "sections", "section", sec -> section(sec, sid))));
            }
            await(CompletableFuture.allOf(perSchool.toArray(CompletableFuture[]::new)));
            if (studentIds.isEmpty()) {
                throw new ExtractionException("PowerSchool returned no " + (o.activeStudentsOnly() ? "active " : "")
                        + "students for the selected schools, so no batch was made: check sis2sds.powerschool.schools"
                        + " and the plugin's access.");
            }
            List<CompletableFuture<Void>> enr = new ArrayList<>();
            List<String> secs;
            synchronized (sectionIds) {
                secs = new ArrayList<>(sectionIds);
            }
            for (String sec : secs) {
                Set<String> seen = ConcurrentHashMap.newKeySet();
                enr.add(list("enrollments", "/ws/v1/section/" + sec + "/section_enrollment", Map.of(),
                        "section_enrollment", "section_enrollments", "section_enrollment",
                        e -> enrollment(e, sec, seen)));
            }
            await(CompletableFuture.allOf(enr.toArray(CompletableFuture[]::new)));
            synchronized (teachers) {
                for (TeacherRow t : teachers.values()) {
                    write(SdsFile.TEACHER, t.cells());
                }
            }
        }

        void school(JsonNode s, String id, String number) {
            synchronized (schools) {
                schools.add(new String[] {id, number});
            }
            String name = t(s, "name");
            write(SdsFile.SCHOOL, id, name == null ? "School " + id : name, number, t(s, "state_province_id"),
                    grade(t(s, "low_grade")), grade(t(s, "high_grade")), personName(s.path("principal").path("name")),
                    email(t(s, "principal.email")), t(s, "addresses.physical.street"), t(s, "addresses.physical.city"),
                    t(s, "addresses.physical.state_province"), t(s, "addresses.physical.postal_code"),
                    t(s, "phones.main.number"));
        }

        void term(JsonNode t) {
            String id = t(t, "id");
            if (id == null) {
                return;
            }
            String year = t(t, "start_year");
            if (year != null && !year.equals(Integer.toString(o.schoolYear()))) {
                return;
            }
            terms.put(id, new Term(t(t, "name"), date(t(t, "start_date")), date(t(t, "end_date"))));
        }

        void course(JsonNode c) {
            String id = t(c, "id");
            if (id != null) {
                courses.put(id, new Course(t(c, "course_number"), t(c, "course_name")));
            }
        }

        void staff(JsonNode st, String schoolId) {
            String staffId = t(st, "id");
            if (staffId == null) {
                skip("staff without an id");
                return;
            }
            String person = o.teacherId().equals("users_dcid") ? t(st, "users_dcid") : null;
            String sis = person != null ? person : staffId;
            String username = switch (o.teacherUsername()) {
                case "admin_username" -> t(st, "admin_username");
                case "email" -> email(t(st, "emails.work_email"));
                case "email-local" -> local(email(t(st, "emails.work_email")));
                default -> t(st, "teacher_username");
            };
            username = withDomain(username);
            if (username == null || !NO_SPACE.matcher(username).matches() || !NO_SPACE.matcher(sis).matches()) {
                skip("teachers without a usable username");
                return;
            }
            String[] cells = {sis, schoolId, username, t(st, "name.first_name"), t(st, "name.last_name"),
                t(st, "name.middle_name"), email(t(st, "emails.work_email")), t(st, "local_id")};
            synchronized (teachers) {
                TeacherRow prev = teachers.get(sis);
                if (prev == null || compareIds(schoolId, prev.school()) < 0) {
                    teachers.put(sis, new TeacherRow(schoolId, cells));
                }
            }
            staffToTeacher.put(staffId, sis);
        }

        void section(JsonNode s, String schoolId) {
            String id = t(s, "id");
            if (id == null || !NO_SPACE.matcher(id).matches()) {
                skip("sections without an id");
                return;
            }
            String termId = t(s, "term_id");
            Term term = termId == null ? null : terms.get(termId);
            String startYear = t(s, "term.start_year");
            if (term == null || (startYear != null && !startYear.equals(Integer.toString(o.schoolYear())))) {
                skip("sections outside the school year");
                return;
            }
            String courseId = t(s, "course_id");
            Course course = courseId == null ? null : courses.get(courseId);
            String number = t(s, "section_number");
            String name = sectionName(course, number, t(s, "expression"), t(s, "term.abbreviation"), term.name());
            if (name == null) {
                name = "Section " + id;
            }
            write(SdsFile.SECTION, id, schoolId, name, number, termId, term.name(), term.start(), term.end(),
                    course == null ? null : courseId, course == null ? null : course.name(),
                    course == null ? null : course.number(), t(s, "expression"));
            synchronized (sectionIds) {
                sectionIds.add(id);
            }
            String staffId = t(s, "staff_id");
            String teacher = staffId == null ? null : staffToTeacher.get(staffId);
            if (teacher == null) {
                skip("sections without a known lead teacher");
            } else {
                write(SdsFile.TEACHER_ROSTER, id, teacher);
            }
        }

        String sectionName(Course c, String number, String expression, String termAbbr, String termName) {
            String tpl = o.sectionName();
            String out = tpl.replace("{course_name}", c == null || c.name() == null ? "" : c.name())
                    .replace("{course_number}", c == null || c.number() == null ? "" : c.number())
                    .replace("{section_number}", number == null ? "" : number)
                    .replace("{expression}", expression == null ? "" : expression)
                    .replace("{term_abbreviation}", termAbbr == null ? "" : termAbbr)
                    .replace("{term_name}", termName == null ? "" : termName)
                    .trim().replaceAll("\\s{2,}", " ");
            return out.isEmpty() ? null : out;
        }

        void student(JsonNode st, String schoolId) {
            String id = t(st, "id");
            if (id == null || !NO_SPACE.matcher(id).matches()) {
                skip("students without an id");
                return;
            }
            String status = t(st, "school_enrollment.enroll_status");
            if (o.activeStudentsOnly() && status != null && !status.equalsIgnoreCase("A")) {
                skip("students not active");
                return;
            }
            String email = email(t(st, "contact_info.email"));
            String username = switch (o.studentUsername()) {
                case "email" -> email;
                case "email-local" -> local(email);
                case "local_id" -> t(st, "local_id");
                default -> t(st, "student_username");
            };
            username = withDomain(username);
            if (username == null || !NO_SPACE.matcher(username).matches()) {
                skip("students without a usable username");
                return;
            }
            if (!studentIds.add(id)) {
                skip("students listed twice");
                return;
            }
            String grad = t(st, "demographics.projected_graduation_year");
            write(SdsFile.STUDENT, id, schoolId, username, t(st, "name.first_name"), t(st, "name.last_name"),
                    t(st, "name.middle_name"), email, t(st, "local_id"),
                    grade(t(st, "school_enrollment.grade_level")), t(st, "state_province_id"),
                    date(t(st, "demographics.birth_date")), grad != null && grad.matches("\\d{4}") ? grad : null,
                    t(st, "demographics.gender"));
        }

        void enrollment(JsonNode e, String sectionId, Set<String> seen) {
            String student = t(e, "student_id");
            if (student == null || !studentIds.contains(student)) {
                skip("enrollments of students not in the batch");
                return;
            }
            if (!o.includeDropped() && "true".equalsIgnoreCase(t(e, "dropped"))) {
                skip("dropped enrollments");
                return;
            }
            if (!seen.add(student)) {
                skip("repeated enrollments");
                return;
            }
            write(SdsFile.STUDENT_ENROLLMENT, sectionId, student);
        }

        String withDomain(String u) {
            if (u == null || o.usernameDomain().isEmpty() || u.contains("@")) {
                return u;
            }
            return u + "@" + o.usernameDomain();
        }

        static String t(JsonNode n, String path) {
            return PowerSchoolClient.text(n, path);
        }

        static String personName(JsonNode name) {
            String f = t(name, "first_name");
            String l = t(name, "last_name");
            String s = ((f == null ? "" : f) + " " + (l == null ? "" : l)).trim();
            return s.isEmpty() ? null : s;
        }

        static String email(String v) {
            return v != null && EMAIL.matcher(v).matches() ? v : null;
        }

        static String local(String email) {
            return email == null ? null : email.substring(0, email.indexOf('@'));
        }

        static String date(String v) {
            if (v == null) {
                return null;
            }
            try {
                return LocalDate.parse(v).toString();
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        /** PowerSchool grade levels to SDS grades: below 0 is PK, 0 is K, 1-12 as they are, 99 Graduate. */
        static String grade(String g) {
            if (g == null) {
                return null;
            }
            try {
                int n = Integer.parseInt(g);
                return n < 0 ? "PK" : n == 0 ? "K" : n <= 12 ? Integer.toString(n) : n == 99 ? "Graduate" : g;
            } catch (NumberFormatException e) {
                return g;
            }
        }

        static int compareIds(String a, String b) {
            try {
                return Long.compare(Long.parseLong(a), Long.parseLong(b));
            } catch (NumberFormatException e) {
                return a.compareTo(b);
            }
        }
    }
}
