package org.sis2sds.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The durable publish state of one batch: a small JSON file, {@value #FILE}, inside the batch folder, so it moves with
 * the batch and survives a crash. A destination step records what it is about to do and what it did before it goes
 * on; when the batch is resumed after a restart, each step finds its record and skips or resumes instead of calling
 * SDS again. Entries are written atomically (temporary file, fsync, rename), so the file is always either the old or
 * the new state, never half of one.
 *
 * <p>Values are strings, numbers, booleans, lists or maps (JSON). Keys are chosen by the destination, e.g.
 * {@code classic.uploaded} or {@code industrydata.operation}. {@link #clear} starts over (a batch released from
 * quarantine is a new attempt).
 */
public final class PublishJournal {
    public static final String FILE = "_publish.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String ATTR = PublishJournal.class.getName();

    private final Batch batch;
    private final Map<String, Object> entries;

    private PublishJournal(Batch batch, Map<String, Object> entries) {
        this.batch = batch;
        this.entries = entries;
    }

    /** The journal of a batch, read from its folder the first time (empty when the folder has none). */
    public static synchronized PublishJournal of(Batch batch) {
        Object j = batch.getTransient(ATTR);
        if (j instanceof PublishJournal pj) {
            return pj;
        }
        PublishJournal pj = new PublishJournal(batch, read(batch.getDir().resolve(FILE)));
        batch.setTransient(ATTR, pj);
        return pj;
    }

    private static Map<String, Object> read(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return new LinkedHashMap<>();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new StateException("The publish state " + file + " cannot be read (" + e.getMessage()
                    + "); the batch's progress towards SDS is unknown, so it is not published again blindly.", e);
        }
    }

    public synchronized boolean has(String key) {
        return entries.containsKey(key);
    }

    public synchronized Object get(String key) {
        return entries.get(key);
    }

    public synchronized String getString(String key) {
        Object v = entries.get(key);
        return v == null ? null : v.toString();
    }

    /** Everything recorded, in the order it was recorded (for report.json and tests). */
    public synchronized Map<String, Object> entries() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** Records {@code key} (null removes it) and writes the journal to disk before returning. */
    public synchronized void record(String key, Object value) {
        if (value == null) {
            entries.remove(key);
        } else {
            entries.put(key, value);
        }
        entries.put("updatedAt", Instant.now().toString());
        write();
    }

    /** Forgets every entry, on disk too: the next publish of this batch starts from the beginning. */
    public synchronized void clear() {
        entries.clear();
        try {
            Files.deleteIfExists(batch.getDir().resolve(FILE));
        } catch (IOException e) {
            throw new StateException("The publish state of batch " + batch.getId() + " cannot be removed ("
                    + e.getMessage() + "); fix the folder's permissions.", e);
        }
    }

    private void write() {
        Path dir = batch.getDir();
        Path tmp = dir.resolve(FILE + ".tmp");
        try {
            byte[] bytes = JSON.writeValueAsBytes(entries);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } catch (IOException e) {
            throw new StateException("The publish state of batch " + batch.getId() + " cannot be written in "
                    + dir + " (" + e.getMessage() + "); free disk space or fix the folder's permissions.", e);
        }
    }

    /** The journal cannot be read or written: the batch stops (FAILED) with this sentence. */
    public static final class StateException extends RuntimeException implements PeopleReadable {
        StateException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Makes the rename itself durable (POSIX: fsync of the folder); a no-op where folders cannot be opened. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder this way; its rename is durable enough for our purpose
        }
    }
}
