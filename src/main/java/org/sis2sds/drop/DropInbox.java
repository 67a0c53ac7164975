package org.sis2sds.drop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.sis2sds.core.FileTrees;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.pipeline.PublishJournal;
import org.sis2sds.report.ReportWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drop folder: finds batches that are ready in {@code inbox/}, moves each atomically to {@code processing/} and
 * turns it into a {@link Batch}; at start-up it resumes whatever a crash left in {@code processing/}.
 *
 * <p>Ready means: a {@code *.zip} whose modification time is at least {@code minAge} old, whose size did not change
 * since the previous scan, and whose central directory can be read (a zip being copied has none yet; an unreadable zip
 * is picked up, and refused, only once it has been left alone for a minute or six times {@code minAge}); or a
 * sub-folder holding the marker {@code _READY}. Names starting with a dot (temporary
 * files of rsync and friends) are never picked up.
 *
 * <p>A zip's life in {@code processing/}: {@code <id>.zip} (moved there by one rename) → unpacked into
 * {@code .extract-<id>/} → renamed to {@code <id>/} → the zip is deleted. A refused zip is copied unchanged into the
 * folder with {@code _REFUSED.txt} holding the reason. Every state a crash can leave is resumed from the zip.
 */
public final class DropInbox {
    private static final Logger LOG = LoggerFactory.getLogger(DropInbox.class);
    static final String READY = "_READY";
    static final String REFUSED = "_REFUSED.txt";
    private static final String EXTRACT = ".extract-";
    private static final Pattern QUARANTINE_NAME = Pattern.compile("(.+)-\\d{8}T\\d{6}Z(-\\d+)?");

    private final Path inbox;
    private final Path processing;
    private final Path archive;
    private final Path quarantine;
    private final Duration minAge;
    private final String syncId;
    private final ZipUnpacker unpacker;
    private final Clock clock;
    private boolean resumed;

    /** Sizes of zips seen at the previous scan: a zip whose size changed between two scans is still growing. */
    private final java.util.Map<Path, Long> sizes = new java.util.HashMap<>();

    public DropInbox(Path workDir, Duration minAge, String syncId, ZipUnpacker unpacker, Clock clock) {
        this.inbox = workDir.resolve("inbox");
        this.processing = workDir.resolve("processing");
        this.archive = workDir.resolve("archive");
        this.quarantine = workDir.resolve("quarantine");
        this.minAge = minAge;
        this.syncId = syncId;
        this.unpacker = unpacker;
        this.clock = clock;
        try {
            for (Path p : List.of(inbox, processing, archive, quarantine)) {
                Files.createDirectories(p);
            }
        } catch (IOException e) {
            throw new org.sis2sds.core.ConfigException("sis2sds.work-dir", "Cannot create the work folders under "
                    + workDir + " (" + e.getMessage() + "); set sis2sds.work-dir to a folder sis2sds may write.");
        }
    }

    /**
     * The batches a previous run left in {@code processing/}; only the first call (per daemon) returns any, so they
     * are resumed exactly once.
     */
    /** The next {@link #resume()} looks at processing/ again (this node stopped leading; another node worked there). */
    public synchronized void resumeAgain() {
        resumed = false;
    }

    public synchronized List<Batch> resume() {
        if (resumed) {
            return List.of();
        }
        resumed = true;
        List<Batch> out = new ArrayList<>();
        List<Path> entries = list(processing);
        Set<String> zipIds = new HashSet<>();
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                String id = name.substring(0, name.length() - 4);
                try {
                    if (Files.isDirectory(processing.resolve(id), LinkOption.NOFOLLOW_LINKS)) {
                        Files.delete(p); // unpacked completely before the crash; only the zip's removal was missed
                    } else {
                        zipIds.add(id);
                        LOG.info("Resuming dropped batch {}: unpacking its zip again", id);
                        out.add(prepareZip(id));
                    }
                } catch (IOException e) {
                    LOG.warn("Cannot resume dropped batch {} in processing/: {}", id, e.getMessage());
                }
            }
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (name.startsWith(EXTRACT)) {
                String id = name.substring(EXTRACT.length());
                if (!zipIds.contains(id)) {
                    LOG.warn("Leaving {} in processing/: a partial unpack without its zip", name);
                }
                continue;
            }
            if (name.startsWith(".") || zipIds.contains(name)) {
                continue;
            }
            LOG.info("Resuming batch {} left in processing/ by an earlier run", name);
            out.add(prepareDir(name, true));
        }
        return out;
    }

    /** Resumes leftovers (once), then picks up every batch that is ready in the inbox now. */
    public synchronized List<Batch> scan() {
        List<Batch> out = new ArrayList<>(resume());
        Instant now = clock.instant();
        Set<Path> seen = new HashSet<>();
        for (Path p : list(inbox)) {
            String name = p.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            try {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                    Instant mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
                    long size = Files.size(p);
                    seen.add(p);
                    Long before = sizes.put(p, size);
                    Duration age = Duration.between(mtime, now);
                    if (age.compareTo(minAge) < 0 || (before != null && before != size)) {
                        continue; // still being written, or just finished: wait for it to settle
                    }
                    if (!ZipUnpacker.isReadable(p) && age.compareTo(staleAfter()) < 0) {
                        continue; // no central directory yet: a copy that keeps old time stamps may still be running
                    }
                    sizes.remove(p);
                    String id = uniqueId(sanitize(name.substring(0, name.length() - 4)));
                    Files.move(p, processing.resolve(id + ".zip"), StandardCopyOption.ATOMIC_MOVE);
                    LOG.info("Picked up dropped zip {} as batch {}", name, id);
                    out.add(prepareZip(id));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        && Files.isRegularFile(p.resolve(READY), LinkOption.NOFOLLOW_LINKS)) {
                    String id = uniqueId(sanitize(name));
                    Files.move(p, processing.resolve(id), StandardCopyOption.ATOMIC_MOVE);
                    LOG.info("Picked up dropped folder {} as batch {}", name, id);
                    out.add(prepareDir(id, false));
                }
            } catch (NoSuchFileException gone) {
                LOG.debug("{} went away before it was picked up", name);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                LOG.warn("Cannot pick up {}: inbox/ and processing/ are on different file systems; keep the whole "
                        + "work dir on one file system", name);
            } catch (IOException e) {
                LOG.warn("Cannot pick up {} from the inbox: {}", name, e.getMessage());
            }
        }
        sizes.keySet().retainAll(seen);
        return out;
    }

    /** An unreadable zip is picked up (and refused) only once it has not changed for this long. */
    private Duration staleAfter() {
        Duration six = minAge.multipliedBy(6);
        return six.compareTo(Duration.ofMinutes(1)) > 0 ? six : Duration.ofMinutes(1);
    }

    /** Unpacks {@code processing/<id>.zip} into {@code processing/<id>/}, or files it there refused. */
    private Batch prepareZip(String id) throws IOException {
        Path zip = processing.resolve(id + ".zip");
        Path tmp = processing.resolve(EXTRACT + id);
        FileTrees.delete(tmp);
        String refusal = null;
        try {
            unpacker.unpack(zip, tmp);
        } catch (Refusal r) {
            refusal = r.getMessage();
            FileTrees.delete(tmp);
            Files.createDirectories(tmp);
            Files.copy(zip, tmp.resolve(id + ".zip"));
            Files.writeString(tmp.resolve(REFUSED), refusal, StandardCharsets.UTF_8);
        }
        Path dir = processing.resolve(id);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(zip);
        Batch b = new Batch(id, dir, "drop", syncId);
        if (refusal != null) {
            refuse(b, refusal);
        }
        return b;
    }

    /**
     * A batch folder in processing/: checks what it holds. A resumed batch may hold the daemon's own publish journal;
     * a folder just dropped may not (a journal there is not ours to trust).
     */
    private Batch prepareDir(String id, boolean resumed) {
        Path dir = processing.resolve(id);
        Batch b = new Batch(id, dir, "drop", syncId);
        try {
            Path refused = dir.resolve(REFUSED);
            if (Files.isRegularFile(refused, LinkOption.NOFOLLOW_LINKS)) {
                refuse(b, Files.readString(refused, StandardCharsets.UTF_8).trim());
                return b;
            }
            Files.deleteIfExists(dir.resolve(READY));
            // reports of an earlier run (a batch released from quarantine and dropped again) are rewritten at the end
            Files.deleteIfExists(dir.resolve(ReportWriter.JSON));
            Files.deleteIfExists(dir.resolve(ReportWriter.HTML));
            String reason = checkFolder(dir, resumed);
            if (reason != null) {
                refuse(b, reason);
            }
        } catch (IOException e) {
            refuse(b, "The batch folder " + id + " cannot be read (" + e.getMessage() + "); check its permissions and "
                    + "drop it again.");
        }
        return b;
    }

    /** The same rules as for zips: only SDS CSV files (v1 or v2.1), no links, no sub-folders. Null when fine. */
    static String checkFolder(Path dir, boolean resumed) throws IOException {
        Set<String> seen = new HashSet<>();
        for (Path p : list(dir)) {
            String name = p.getFileName().toString();
            String shown = BatchContent.shown(name);
            if (Files.isSymbolicLink(p)) {
                return "The batch holds " + shown + ", a symbolic link, which is not allowed; copy the real file in "
                        + "its place.";
            }
            if (BatchContent.isLitter(name) || name.equals(REFUSED)
                    || (resumed && (name.equals(PublishJournal.FILE) || name.equals(PublishJournal.FILE + ".tmp")))) {
                continue;
            }
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return "The batch folder holds the sub-folder " + shown + "; put the CSV files directly in the "
                        + "batch folder.";
            }
            if (!BatchContent.isSdsFile(name)) {
                return "The batch holds the unexpected file " + shown + "; remove it and drop the batch again: a batch "
                        + "holds only " + BatchContent.allowed() + ".";
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                return "The batch holds " + shown + " more than once (names differing only in case); keep one copy.";
            }
        }
        return null;
    }

    private static void refuse(Batch b, String reason) {
        b.refuseAtIntake(reason);
    }

    /** A file-system safe id: letters, digits, dot, dash and underscore; never hidden, at most 80 characters. */
    static String sanitize(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._]+", "");
        if (s.length() > 80) {
            s = s.substring(0, 80);
        }
        return s.isEmpty() ? "batch" : s;
    }

    /** {@code base}, or {@code base-2}, {@code base-3}... when a batch of that id exists anywhere in the work dir. */
    String uniqueId(String base) {
        Set<String> quarantined = new HashSet<>();
        for (Path q : list(quarantine)) {
            var m = QUARANTINE_NAME.matcher(q.getFileName().toString());
            if (m.matches()) {
                quarantined.add(m.group(1));
            }
        }
        for (int n = 1; ; n++) {
            String id = n == 1 ? base : base + "-" + n;
            if (!quarantined.contains(id) && !Files.exists(processing.resolve(id), LinkOption.NOFOLLOW_LINKS)
                    && !Files.exists(processing.resolve(id + ".zip"), LinkOption.NOFOLLOW_LINKS)
                    && !Files.exists(processing.resolve(EXTRACT + id), LinkOption.NOFOLLOW_LINKS)
                    && !Files.exists(archive.resolve(id), LinkOption.NOFOLLOW_LINKS)) {
                return id;
            }
        }
    }

    private static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(out::add);
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", dir, e.getMessage());
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }
}
