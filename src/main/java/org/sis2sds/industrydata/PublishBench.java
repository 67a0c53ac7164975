package org.sis2sds.industrydata;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.sis2sds.azure.DataLakeUploader;
import org.sis2sds.core.Settings;

/**
 * The live-SDS upload benchmark (bench/industrydata-bench.sh): against a running sandbox, reads the batch once (the
 * disk baseline), then uploads it to the flow's upload session once per concurrency (a fresh session each time),
 * and finally validates the last upload. Prints MB/s, this JVM's peak heap (garbage included) and its live heap after
 * a collection, per line. Arguments:
 * {@code DIR FLOW_ID CONCURRENCY...}; the connection comes from the settings (the script points them at the sandbox).
 */
public final class PublishBench {
    private PublishBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String flowId = args[1];
        Settings s = Settings.load();
        List<Path> files = FlowPublisher.files(dir);
        long bytes = 0;
        resetPeaks();
        long t0 = System.nanoTime();
        ByteBuffer buf = ByteBuffer.allocate(8 << 20);
        for (Path f : files) {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                while (ch.read(buf.clear()) > 0) {
                    bytes += buf.position();
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-26s %10s %9s %9s %13s %13s%n", "phase", "MB", "seconds", "MB/s",
                "peak heap MB", "live heap MB");
        line("read (disk baseline)", bytes, System.nanoTime() - t0);
        try (FlowService svc = new FlowService(s, null)) {
            IndustryDataSettings cfg = svc.settings();
            Graph.Flow flow = svc.publisher().flow(flowId);
            PublishState st = null;
            FlowPublisher p = null;
            for (int a = 2; a < args.length; a++) {
                int conc = Integer.parseInt(args[a]);
                ExecutorService pool = Executors.newFixedThreadPool(conc);
                try {
                    p = new FlowPublisher(svc.client(), new DataLakeUploader(svc.client().http(),
                            new DataLakeUploader.Options(cfg.chunkSize(), conc, Duration.ofMinutes(5)), pool), cfg);
                    svc.client().uploadSession(flow.connectorId(), true); // a fresh, empty container
                    st = PublishState.inMemory();
                    System.gc();
                    resetPeaks();
                    long t = System.nanoTime();
                    long sent = p.upload(flow, dir, st);
                    line("upload, " + conc + " in flight", sent, System.nanoTime() - t);
                } finally {
                    pool.shutdownNow();
                }
            }
            if (p != null) {
                long t = System.nanoTime();
                String loc = p.validate(flow, st);
                Graph.Operation op;
                do {
                    Thread.sleep(Math.max(50, cfg.validatePollInterval().toMillis()));
                    op = p.operation(loc);
                } while (!op.isFinished());
                System.out.printf(Locale.ROOT, "validate: %s, %d error(s), %d warning(s), %.1f s%n", op.status(),
                        op.errors().size(), op.warnings().size(), (System.nanoTime() - t) / 1e9);
            }
        }
        System.out.println(Map.of("files", files.size()));
    }

    private static void line(String phase, long bytes, long nanos) {
        double mb = bytes / 1e6;
        double sec = nanos / 1e9;
        double peak = peakHeapMb();
        System.gc();
        double live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
        System.out.printf(Locale.ROOT, "%-26s %10.1f %9.2f %9.1f %13.0f %13.0f%n", phase, mb, sec, mb / sec, peak, live);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    private static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return peak / 1e6;
    }
}
