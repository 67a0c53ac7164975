package org.sis2sds.drop;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.BooleanSupplier;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.pipeline.BatchRejected;
import org.sis2sds.pipeline.PeopleReadable;
import org.sis2sds.report.ReportWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a batch's journey: accepted batches go to {@code archive/<id>/} with {@code report.json}; quarantined, held
 * and failed ones go unchanged to {@code quarantine/<id>-<UTC timestamp>/} with {@code report.json} and
 * {@code report.html}. The reports are written inside the batch folder first, then the whole folder moves by one
 * atomic rename, so a crash never leaves a batch half-moved or without its report.
 */
public class BatchFolders {
    private static final Logger LOG = LoggerFactory.getLogger(BatchFolders.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path archive;
    private final Path quarantine;
    private final ReportWriter reports;
    private final Clock clock;
    private final BooleanSupplier shuttingDown;

    /** For code outside the daemon (CLI, tools): the work dir of the settings, the system clock. */
    public BatchFolders(org.sis2sds.core.Settings settings) {
        this(settings.workDir(), new ReportWriter(), Clock.systemUTC(), () -> false);
    }

    public BatchFolders(Path workDir, ReportWriter reports, Clock clock, BooleanSupplier shuttingDown) {
        this.archive = workDir.resolve("archive");
        this.quarantine = workDir.resolve("quarantine");
        this.reports = reports;
        this.clock = clock;
        this.shuttingDown = shuttingDown;
    }

    /** Pipeline step: refuses a batch its source refused at intake (a hostile zip, unexpected files). */
    public void admit(Batch b) {
        if (b.getIntakeRefusal() != null) {
            throw BatchRejected.quarantined(b.getIntakeRefusal());
        }
    }

    /** Files an accepted (or unchanged) batch in {@code archive/} with its report.json. */
    public void archive(Batch b) throws IOException {
        b.setOutcome(b.getOutcome() == Batch.Outcome.UNCHANGED ? Batch.Outcome.UNCHANGED : Batch.Outcome.ACCEPTED);
        Path target = free(archive, b.getId());
        Instant now = clock.instant();
        reports.writeJson(b, b.getDir(), target, now);
        move(b, target);
        LOG.info("Batch {} {}: archived in {}", b.getId(), b.getOutcome(), target);
    }

    /** The pipeline's outcome handling: a step refused the batch; it goes to quarantine with the step's reason. */
    public void reject(Batch b, BatchRejected why) throws IOException {
        why.applyTo(b);
        quarantine(b);
    }

    /** Files a rejected batch (QUARANTINED, HELD or FAILED) unchanged in {@code quarantine/} with both reports. */
    public void quarantine(Batch b) throws IOException {
        if (!b.isRejected()) {
            b.setOutcome(Batch.Outcome.QUARANTINED);
        }
        if (b.getReason() == null) {
            b.setReason("The batch has " + b.errorCount() + " error(s) that SDS would reject.");
        }
        Instant now = clock.instant();
        Path target = free(quarantine, b.getId() + "-" + STAMP.format(now));
        reports.writeJson(b, b.getDir(), target, now);
        reports.writeHtml(b, b.getDir(), target, now);
        move(b, target);
        LOG.warn("Batch {} {}: quarantined in {}. {}", b.getId(), b.getOutcome(), target, b.getReason());
    }

    /**
     * An unexpected failure while processing: the batch goes to quarantine as FAILED with the reason. When the daemon
     * is shutting down (the failure is the interruption itself) the batch stays in {@code processing/} and is resumed
     * at the next start instead: then the batch is not marked rejected, and the outcome handling stops there.
     */
    public void fail(Batch b, Exception e) throws IOException {
        if (b == null) {
            LOG.error("A batch step failed before the batch was known: {}", oneLine(e));
            return;
        }
        if (shuttingDown.getAsBoolean() || interrupted(e)) {
            LOG.warn("Batch {} interrupted by shutdown; it stays in {} and is resumed at the next start", b.getId(),
                    b.getDir());
            return;
        }
        if (b.getFinalLocation() != null || !Files.isDirectory(b.getDir(), LinkOption.NOFOLLOW_LINKS)) {
            LOG.error("Batch {} failed after it was filed in {}: {}", b.getId(), b.getFinalLocation(), oneLine(e));
            return;
        }
        b.setOutcome(Batch.Outcome.FAILED);
        b.setReason(failureReason(e));
        quarantine(b);
    }

    /** One sentence for people: the step's own message when it wrote one for them, else the unexpected problem. */
    static String failureReason(Exception e) {
        Throwable t = e;
        while (t instanceof org.apache.camel.CamelExecutionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof org.sis2sds.core.ConfigException || t instanceof PeopleReadable) {
            return t.getMessage();
        }
        return "Processing stopped on an unexpected problem (" + oneLine(t) + "); fix the cause shown in the "
                + "daemon log, then release the batch from quarantine.";
    }

    static boolean interrupted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof InterruptedIOException
                    || t instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        String s = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        s = s.replaceAll("\\s+", " ").trim();
        return s.length() > 300 ? s.substring(0, 297) + "..." : s;
    }

    private static Path free(Path parent, String name) throws IOException {
        Files.createDirectories(parent);
        Path p = parent.resolve(name);
        for (int n = 2; Files.exists(p, LinkOption.NOFOLLOW_LINKS); n++) {
            p = parent.resolve(name + "-" + n);
        }
        return p;
    }

    private static void move(Batch b, Path target) throws IOException {
        Files.move(b.getDir(), target, StandardCopyOption.ATOMIC_MOVE);
        b.setDir(target);
        b.setFinalLocation(target);
    }
}
