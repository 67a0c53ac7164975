package org.sis2sds.powerschool;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.sis2sds.core.Settings;

/**
 * The extraction benchmark (bench/extract-bench.sh): extracts a district from a running PowerSchool sandbox once per
 * concurrency and prints requests, wall time, the ratio to the latency bound (requests x latency / concurrency) and
 * the peak heap of this JVM (the sandbox runs in its own). Arguments: {@code baseUrl latencyMs workDir conc...}.
 */
public final class ExtractBench {
    private ExtractBench() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        double latency = Double.parseDouble(args[1]);
        Path work = Path.of(args[2]);
        System.out.printf(Locale.ROOT, "%-11s %9s %9s %10s %11s %7s %13s%n", "concurrency", "requests", "wall s",
                "bound s", "ratio", "rows", "peak heap MB");
        for (int a = 3; a < args.length; a++) {
            int conc = Integer.parseInt(args[a]);
            Map<String, String> o = new LinkedHashMap<>();
            o.put("sis2sds.work-dir", work.resolve("c" + conc).toString());
            o.put("sis2sds.powerschool.base-url", base);
            o.put("sis2sds.powerschool.client-id", "sandbox");
            o.put("sis2sds.powerschool.client-secret", "sandbox-secret");
            o.put("sis2sds.powerschool.concurrency", String.valueOf(conc));
            PowerSchoolOptions opts = PowerSchoolOptions.from(Settings.load(Path.of("."), o), Map.of());
            System.gc();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                p.resetPeakUsage();
            }
            long t0 = System.nanoTime();
            ExtractionResult r = PowerSchoolExtractor.extract(opts, "bench", ExtractionListener.NONE);
            double wall = (System.nanoTime() - t0) / 1e9;
            long peak = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    peak += p.getPeakUsage().getUsed();
                }
            }
            double bound = r.requests() * latency / 1000.0 / conc;
            long rows = r.rows().values().stream().mapToLong(Long::longValue).sum();
            System.out.printf(Locale.ROOT, "%-11d %9d %9.1f %10.1f %11.3f %7d %13.0f%n", conc, r.requests(), wall,
                    bound, wall / bound, rows, peak / 1048576.0);
            System.out.println("    rows per file: " + r.rows());
            PowerSchoolExtractor.deleteQuietly(r.dir());
            Files.deleteIfExists(r.dir());
        }
    }
}
