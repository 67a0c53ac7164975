package org.sis2sds.powerschool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.core.Settings;
import org.sis2sds.sandbox.powerschool.PowerSchoolSandbox;
import org.sis2sds.support.TestPaths;
import org.sis2sds.validate.ValidationResult;
import org.sis2sds.validate.Validator;

/** Extraction from the sandbox: every record exactly once, whatever the paging, token expiry and faults. */
class PowerSchoolExtractorTest {
    @TempDir
    Path work;
    PowerSchoolSandbox sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    PowerSchoolSandbox start(PowerSchoolSandbox.Options o) throws IOException {
        sandbox = new PowerSchoolSandbox(o.port(TestPaths.freePort()).startYear(2025)).start();
        return sandbox;
    }

    PowerSchoolOptions options(Map<String, String> more) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("sis2sds.work-dir", work.toString());
        o.putAll(sandbox.clientSettings());
        o.put("sis2sds.powerschool.retry-base-delay", "10ms");
        o.put("sis2sds.powerschool.retry-max-delay", "200ms");
        o.putAll(more);
        return PowerSchoolOptions.from(Settings.load(TestPaths.home(), o), Map.of());
    }

    ExtractionResult extract(Map<String, String> more) throws Exception {
        return PowerSchoolExtractor.extract(options(more), "nightly", ExtractionListener.NONE);
    }

    static void assertExactlyOnce(ExtractionResult r, Expected e) throws IOException {
        Path d = r.dir();
        assertThat(d.getFileName().toString()).startsWith("ps-").endsWith("-nightly");
        assertOnce(Expected.column(d.resolve("School.csv"), "SIS ID"), e.schools);
        assertOnce(Expected.column(d.resolve("Student.csv"), "SIS ID"), e.students);
        assertOnce(Expected.column(d.resolve("Teacher.csv"), "SIS ID"), e.teachers);
        assertOnce(Expected.column(d.resolve("Section.csv"), "SIS ID"), e.sections);
        assertOnce(Expected.pairs(d.resolve("StudentEnrollment.csv")), e.enrollments);
        assertOnce(Expected.pairs(d.resolve("TeacherRoster.csv")), e.roster);
        assertThat(r.rows()).containsEntry("student", (long) e.students.size())
                .containsEntry("studentenrollment", (long) e.enrollments.size());
        assertValid(d);
    }

    /** Every extracted batch validates as SDS would, without a single Error (nor Warning). */
    static void assertValid(Path dir) throws IOException {
        ValidationResult v = new Validator().validate(dir);
        assertThat(v.messages()).as("validation of %s", dir).isEmpty();
    }

    static void assertOnce(List<String> actual, java.util.Set<String> expected) {
        assertThat(new HashSet<>(actual)).hasSameSizeAs(actual); // no duplicates
        assertThat(new HashSet<>(actual)).isEqualTo(expected);
    }

    void assertStagingEmpty() throws IOException {
        Path staging = work.resolve("staging");
        if (Files.isDirectory(staging)) {
            try (Stream<Path> s = Files.list(staging)) {
                assertThat(s.toList()).isEmpty();
            }
        }
    }

    @Test
    void everyRecordArrivesExactlyOnceWithProgress() throws Exception {
        start(new PowerSchoolSandbox.Options().students(1500).seed(7));
        Map<String, long[]> progress = new ConcurrentHashMap<>();
        ExtractionResult r = PowerSchoolExtractor.extract(options(Map.of()), "nightly",
                (entity, done, total) -> progress.put(entity, new long[] {done, total}));
        Expected e = new Expected(sandbox.district());
        assertExactlyOnce(r, e);
        assertThat(e.students).hasSizeGreaterThan(1200);
        assertThat(r.skipped()).containsKey("dropped enrollments").containsKey("sections without a known lead teacher");
        assertThat(progress).containsKeys("schools", "terms", "courses", "staff", "sections", "students",
                "enrollments");
        progress.values().forEach(p -> assertThat(p[0]).isEqualTo(p[1]));
        assertThat(Files.exists(r.dir().resolveSibling(r.batchId() + ".partial"))).isFalse();
        // a teacher who teaches in two schools is one Teacher row, at the lower school
        List<CSVRecord> teachers = Expected.read(r.dir().resolve("Teacher.csv"));
        assertThat(teachers).extracting(t -> t.get("SIS ID")).contains(Long.toString(
                org.sis2sds.sandbox.powerschool.District.usersDcid(sandbox.district().person(1,
                        sandbox.district().staffCount(1) - 1))));
    }

    @Test
    void theSameDataGivesTheSameBytes() throws Exception {
        start(new PowerSchoolSandbox.Options().students(700).seed(13));
        ExtractionResult a = extract(Map.of("sis2sds.powerschool.concurrency", "8"));
        ExtractionResult b = extract(Map.of("sis2sds.powerschool.concurrency", "3"));
        for (String f : List.of("School.csv", "Section.csv", "Student.csv", "Teacher.csv", "StudentEnrollment.csv",
                "TeacherRoster.csv")) {
            assertThat(Files.readAllBytes(b.dir().resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.dir().resolve(f)));
        }
        try (Stream<Path> s = Files.list(a.dir())) {
            assertThat(s.toList()).hasSize(6);
        }
    }

    @Test
    void pageSizeOneStillGetsEverything() throws Exception {
        start(new PowerSchoolSandbox.Options().students(40).seed(3).maxPageSize(1));
        ExtractionResult r = extract(Map.of("sis2sds.powerschool.concurrency", "8"));
        assertExactlyOnce(r, new Expected(sandbox.district()));
    }

    @Test
    void aTokenThatExpiresMidRunIsRenewed() throws Exception {
        start(new PowerSchoolSandbox.Options().students(600).seed(11).tokenLifetime(Duration.ofMillis(150))
                .latency(Duration.ofMillis(3)));
        ExtractionResult r = extract(Map.of("sis2sds.powerschool.concurrency", "2"));
        assertExactlyOnce(r, new Expected(sandbox.district()));
        assertThat(sandbox.tokensIssued()).isGreaterThan(1);
    }

    @Test
    void twentyPercentThrottledCallsAreRetried() throws Exception {
        start(new PowerSchoolSandbox.Options().students(600).seed(5).rate429(0.2, "0.01"));
        ExtractionResult r = extract(Map.of());
        assertExactlyOnce(r, new Expected(sandbox.district()));
        assertThat(r.requests()).isGreaterThan(sandbox.requests() * 9 / 10);
    }

    @Test
    void serverErrorsAndProxyHtmlPagesAreRetried() throws Exception {
        start(new PowerSchoolSandbox.Options().students(600).seed(5).rate5xx(0.1).rateHtml(0.1));
        assertExactlyOnce(extract(Map.of()), new Expected(sandbox.district()));
    }

    @Test
    void anOutageFailsTheRunWithAClearReasonAndNoBatch() throws Exception {
        start(new PowerSchoolSandbox.Options().students(100).outage(PowerSchoolSandbox.Outage.UNAVAILABLE));
        assertThatThrownBy(() -> extract(Map.of("sis2sds.powerschool.max-attempts", "3")))
                .isInstanceOf(ExtractionException.class)
                .hasMessageContaining("PowerSchool").hasMessageContaining("503");
        assertStagingEmpty();
        sandbox.outage(PowerSchoolSandbox.Outage.REFUSED);
        assertThatThrownBy(() -> extract(Map.of("sis2sds.powerschool.max-attempts", "2")))
                .isInstanceOf(ExtractionException.class)
                .hasMessageStartingWith("PowerSchool could not be reached at " + sandbox.baseUrl());
        assertStagingEmpty();
    }

    @Test
    void anOutageMidRunLeavesNoBatch() throws Exception {
        start(new PowerSchoolSandbox.Options().students(1200).latency(Duration.ofMillis(2)));
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(150);
                sandbox.outage(PowerSchoolSandbox.Outage.UNAVAILABLE);
            } catch (Exception ignored) {
                // the test fails below
            }
        });
        t.start();
        assertThatThrownBy(() -> extract(Map.of("sis2sds.powerschool.max-attempts", "2")))
                .isInstanceOf(ExtractionException.class).hasMessageContaining("503");
        t.join();
        assertStagingEmpty();
    }

    @Test
    void anEmptyDistrictIsNotABatch() throws Exception {
        start(new PowerSchoolSandbox.Options().students(0));
        assertThatThrownBy(() -> extract(Map.of())).isInstanceOf(ExtractionException.class)
                .hasMessageContaining("no active students");
        assertStagingEmpty();
    }

    @Test
    void refusedCredentialsAndUnknownSchoolsAreNamed() throws Exception {
        start(new PowerSchoolSandbox.Options().students(50));
        assertThatThrownBy(() -> extract(Map.of("sis2sds.powerschool.client-secret", "wrong")))
                .isInstanceOf(ExtractionException.class)
                .hasMessageContaining("sis2sds.powerschool.client-secret").hasMessageNotContaining("wrong");
        assertThatThrownBy(() -> extract(Map.of("sis2sds.powerschool.schools", "101,9999")))
                .isInstanceOf(ExtractionException.class).hasMessageContaining("9999");
        assertStagingEmpty();
    }

    @Test
    void onlyTheConfiguredSchoolsAndMappingChoices() throws Exception {
        start(new PowerSchoolSandbox.Options().students(1500).seed(2));
        ExtractionResult r = extract(Map.of("sis2sds.powerschool.schools", "200",
                "sis2sds.powerschool.student-username", "email-local",
                "sis2sds.powerschool.username-domain", "example.org"));
        List<CSVRecord> students = Expected.read(r.dir().resolve("Student.csv"));
        assertThat(students).isNotEmpty().allSatisfy(s -> {
            assertThat(s.get("School SIS ID")).isEqualTo("102");
            assertThat(s.get("Username")).endsWith("@example.org");
        });
        assertThat(Expected.column(r.dir().resolve("School.csv"), "SIS ID")).containsExactly("102");
        // students whose contact_info expansion is "" have no email to take a username from
        assertThat(r.skipped()).containsKey("students without a usable username");
        assertValid(r.dir());
    }

    @Test
    void previousYearSectionsAreLeftOut() throws Exception {
        start(new PowerSchoolSandbox.Options().students(300));
        ExtractionResult r = extract(Map.of("sis2sds.powerschool.school-year", "2024"));
        assertThat(Expected.column(r.dir().resolve("Section.csv"), "SIS ID")).hasSize(4); // 2 per school
        assertThat(Expected.read(r.dir().resolve("StudentEnrollment.csv"))).isEmpty();
        assertValid(r.dir());
    }

    @Test
    void teachersBySchoolStaffIdAndOtherMappings() throws Exception {
        start(new PowerSchoolSandbox.Options().students(1300));
        ExtractionResult r = extract(Map.of("sis2sds.powerschool.teacher-id", "id",
                "sis2sds.powerschool.teacher-username", "email",
                "sis2sds.powerschool.student-username", "local_id",
                "sis2sds.powerschool.section-name", "{course_number}-{section_number} {term_abbreviation}",
                "sis2sds.powerschool.active-students-only", "false",
                "sis2sds.powerschool.include-dropped", "true"));
        List<CSVRecord> teachers = Expected.read(r.dir().resolve("Teacher.csv"));
        assertThat(teachers).allSatisfy(t -> assertThat(t.get("SIS ID")).startsWith("4"));
        assertThat(teachers).allSatisfy(t -> assertThat(t.get("Username")).endsWith("@district.example.org"));
        int all = 0;
        for (int i = 0; i < sandbox.district().schoolCount(); i++) {
            all += sandbox.district().studentCount(i);
        }
        assertThat(r.rows()).containsEntry("student", (long) all);
        assertThat(r.skipped()).doesNotContainKey("dropped enrollments");
        assertThat(Expected.column(r.dir().resolve("Section.csv"), "Section Name"))
                .allSatisfy(n -> assertThat(n).matches("[A-Z]{3}\\d{3}-\\d+ (25-26|S1|S2)"));
        // the same person in two schools: two Teacher rows with one username, a Warning only
        ValidationResult v = new Validator().validate(r.dir());
        assertThat(v.hasErrors()).isFalse();
        assertThat(v.messages()).allSatisfy(m -> assertThat(m.isWarning()).isTrue());
    }
}
