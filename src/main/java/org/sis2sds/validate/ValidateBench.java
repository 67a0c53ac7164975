package org.sis2sds.validate;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sis2sds.batch.CsvRowReader;
import org.sis2sds.batch.DistrictGenerator;
import org.sis2sds.batch.SdsBatch;
import org.sis2sds.batch.SdsFile;

/**
 * The validation benchmark (bench/validate-bench.sh): generates a district, then times (a) a bare parse of the six
 * files with the validator's own parser ({@link CsvRowReader}: every field of every row visited) and (b) a full
 * validation, in rounds (the first warms the JIT and the page cache; the best of the others is reported). Prints rows/s,
 * the ratio b/a and heap figures.
 *
 * <p>Usage: {@code ValidateBench DIR [STUDENTS [SEED]]}: with STUDENTS a district is generated into DIR first
 * (bench/validate-bench.sh generates it in a JVM of its own, so that the timed JVM only parses and validates).
 */
public final class ValidateBench {
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 6);

    private ValidateBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/out/validate/district");
        Runtime rt = Runtime.getRuntime();
        say("JVM %s, max heap %,d MB, %d processors", System.getProperty("java.version"), rt.maxMemory() >> 20,
                rt.availableProcessors());
        long t0 = System.nanoTime();
        long enrollments;
        if (args.length > 1) {
            int students = Integer.parseInt(args[1]);
            long seed = args.length > 2 ? Long.parseLong(args[2]) : 1L;
            DistrictGenerator.Counts c = DistrictGenerator.write(dir, students, seed);
            say("generated %,d students: %,d rows in %,d MB in %.1f s", c.students(), c.total(), bytes(dir) >> 20,
                    secs(t0));
            enrollments = c.studentEnrollments();
        } else {
            enrollments = new Validator().validate(dir).rowCounts().get("studentenrollment");
            say("district in %s: %,d MB", dir, bytes(dir) >> 20);
        }
        double parse = Double.MAX_VALUE;
        double validate = Double.MAX_VALUE;
        long rows = 0;
        long peak = 0;
        ValidationResult result = null;
        for (int round = 1; round <= ROUNDS; round++) {
            System.gc();
            t0 = System.nanoTime();
            rows = bareParse(dir);
            double p = secs(t0);
            System.gc();
            resetPeaks();
            t0 = System.nanoTime();
            result = new Validator().validate(dir);
            double v = secs(t0);
            peak = Math.max(peak, heapPeak());
            say("round %d: bare parse %.2f s, validation %.2f s", round, p, v);
            if (round > 1) { // round 1 warms the JIT and the page cache
                parse = Math.min(parse, p);
                validate = Math.min(validate, v);
            }
        }
        long vrows = result.rowCounts().values().stream().mapToLong(Long::longValue).sum();
        say("");
        say("rows                 %,d (data rows of the six files)", rows);
        say("(a) bare parse       %.2f s  %,.0f rows/s", parse, rows / parse);
        say("(b) validation       %.2f s  %,.0f rows/s  (%,d rows, %d messages, %d errors)", validate,
                vrows / validate, vrows, result.messages().size(), result.errorCount());
        say("ratio b/a            %.2f (target <= 1.5)", validate / parse);
        say("peak heap during (b) %,d MB (sum of the heap pools' peak usage, garbage included; -Xmx %,d MB)",
                peak >> 20, rt.maxMemory() >> 20);
        // SDS caps a file at 2,000,000 rows: a district this large must fail V10 on its enrollments, nothing else
        boolean ok = true;
        for (Message m : result.messages()) {
            boolean expected = "V10".equals(m.rule()) && enrollments > 2_000_000
                    && m.fileName().equals(SdsFile.STUDENT_ENROLLMENT.messageName());
            say("  %s: %s %s %s", expected ? "expected" : "UNEXPECTED", m.type(), m.fileName(), m.description());
            ok &= expected;
        }
        if (!ok) {
            System.exit(1);
        }
    }

    /** Visits every field of every data row with the validator's parser; returns the number of data rows. */
    static long bareParse(Path dir) throws IOException {
        SdsBatch batch = SdsBatch.locate(dir);
        long rows = 0;
        long bytes = 0;
        for (SdsFile f : SdsFile.values()) {
            try (CsvRowReader r = CsvRowReader.open(batch.file(f).orElseThrow())) {
                r.next(); // header
                while (r.next()) {
                    rows++;
                    for (int k = 0; k < r.size(); k++) {
                        bytes += r.length(k);
                    }
                }
            }
        }
        if (bytes < 0) {
            throw new IllegalStateException();
        }
        return rows;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long bytes(Path dir) throws IOException {
        long sum = 0;
        for (SdsFile f : SdsFile.values()) {
            sum += Files.size(dir.resolve(f.canonicalName()));
        }
        return sum;
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
