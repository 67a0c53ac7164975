package org.sis2sds.validate;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sis2sds.batch.BatchFormat;
import org.sis2sds.batch.CsvRowReader;
import org.sis2sds.batch.DistrictGenerator;
import org.sis2sds.batch.SdsFile;

/**
 * The validation benchmark (bench/validate-bench.sh for SDS v1, bench/validate-v21-bench.sh for SDS v2.1): times (a) a
 * bare parse of the batch's files with the validator's own parser ({@link CsvRowReader}: every field of every row
 * visited) and (b) a full validation in the format the file names show, in rounds (the first warms the JIT and the
 * page cache; the best of the others is reported). Prints rows/s, the ratio b/a and heap figures.
 *
 * <p>Usage: {@code ValidateBench DIR [STUDENTS [SEED]]}: with STUDENTS an SDS v1 district is generated into DIR first
 * (the scripts generate it in a JVM of their own, so that the timed JVM only parses and validates).
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
        if (args.length > 1) {
            int students = Integer.parseInt(args[1]);
            long seed = args.length > 2 ? Long.parseLong(args[2]) : 1L;
            DistrictGenerator.Counts c = DistrictGenerator.write(dir, students, seed);
            say("generated %,d students: %,d rows in %.1f s", c.students(), c.total(), secs(t0));
        }
        BatchFormat format = BatchFormat.detect(dir).format().orElse(BatchFormat.V1);
        BatchValidator validator = new BatchValidator();
        say("district in %s: %s, %,d MB", dir, format.displayName(), bytes(dir, format) >> 20);
        double parse = Double.MAX_VALUE;
        double validate = Double.MAX_VALUE;
        double parseCpu = Double.MAX_VALUE;
        double validateCpu = Double.MAX_VALUE;
        long rows = 0;
        long peak = 0;
        ValidationResult result = null;
        for (int round = 1; round <= ROUNDS; round++) {
            System.gc();
            long c0 = cpu();
            t0 = System.nanoTime();
            rows = bareParse(dir, format);
            double p = secs(t0);
            double pc = (cpu() - c0) / 1e9;
            System.gc();
            resetPeaks();
            c0 = cpu();
            t0 = System.nanoTime();
            result = validator.validate(dir);
            double v = secs(t0);
            double vc = (cpu() - c0) / 1e9;
            peak = Math.max(peak, heapPeak());
            say("round %d: bare parse %.2f s (cpu %.2f s), validation %.2f s (cpu %.2f s)", round, p, pc, v, vc);
            if (round > 1) { // round 1 warms the JIT and the page cache
                parse = Math.min(parse, p);
                validate = Math.min(validate, v);
                parseCpu = Math.min(parseCpu, pc);
                validateCpu = Math.min(validateCpu, vc);
            }
        }
        long vrows = result.rowCounts().values().stream().mapToLong(Long::longValue).sum();
        say("");
        say("rows                 %,d (data rows of the %d files)", rows, format.locate(dir).size());
        say("(a) bare parse       %.2f s  %,.0f rows/s", parse, rows / parse);
        say("(b) validation       %.2f s  %,.0f rows/s  (%,d rows, %d messages, %d errors)", validate,
                vrows / validate, vrows, result.messages().size(), result.errorCount());
        say("ratio b/a            %.2f (target <= %s)", validate / parse, format == BatchFormat.V1 ? "1.5" : "1.3");
        say("cpu time (a), (b)    %.2f s, %.2f s: ratio %.2f (the process's CPU time, both validation threads, JIT "
                + "and GC included; the wall ratio means most on an idle machine)", parseCpu, validateCpu,
                validateCpu / parseCpu);
        say("load average         %.1f on %d processors", ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage(), rt.availableProcessors());
        say("peak heap during (b) %,d MB (sum of the heap pools' peak usage, garbage included; -Xmx %,d MB)",
                peak >> 20, rt.maxMemory() >> 20);
        // SDS v1 caps a file at 2,000,000 rows: a district this large must fail V10 on its enrollments, nothing else;
        // SDS v2.1 documents no row limit: a generated district has no message at all
        long enrollments = result.rowCounts().getOrDefault(SdsFile.STUDENT_ENROLLMENT.entity(), 0L);
        boolean ok = true;
        for (Message m : result.messages()) {
            boolean expected = format == BatchFormat.V1 && "V10".equals(m.rule()) && enrollments > 2_000_000
                    && m.fileName().equals(SdsFile.STUDENT_ENROLLMENT.messageName());
            say("  %s: %s %s %s", expected ? "expected" : "UNEXPECTED", m.type(), m.fileName(), m.description());
            ok &= expected;
        }
        if (!ok) {
            System.exit(1);
        }
    }

    /** Visits every field of every data row with the validator's parser; returns the number of data rows. */
    static long bareParse(Path dir, BatchFormat format) throws IOException {
        long rows = 0;
        long bytes = 0;
        for (Path p : format.locate(dir).values()) {
            try (CsvRowReader r = CsvRowReader.open(p)) {
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

    /** The CPU time of the whole process, in nanoseconds (-1 when the JVM cannot tell). */
    private static long cpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
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

    private static long bytes(Path dir, BatchFormat format) throws IOException {
        long sum = 0;
        for (Path p : format.locate(dir).values()) {
            sum += Files.size(p);
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
