package org.sis2sds.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sis2sds.batch.BatchFile;
import org.sis2sds.batch.BatchFormat;
import org.sis2sds.batch.CsvRowReader;

/**
 * Per-row fingerprints of a batch folder of either format, streamed file by file: per entity, key (the file's
 * {@link BatchFile#keyColumns()}: SIS ID, sourcedId, or section and person for enrollments...) → hash of the whole row
 * (columns in name order, so a column reordering is no change). Memory grows with the number of IDs (16 bytes each),
 * never with the rows' contents.
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** One entity of a scanned batch and its difference from the previous snapshot. */
    public static final class EntityScan {
        public final String entity;
        final LongLongMap rows;
        public long added;
        public long updated;
        public long removed;

        EntityScan(String entity, LongLongMap rows) {
            this.entity = entity;
            this.rows = rows;
        }

        public long rowCount() {
            return rows.size();
        }

        public boolean changed() {
            return added + updated + removed > 0;
        }

        SyncStore.Snapshot toSnapshot() {
            return new SyncStore.Snapshot(rows.size(), rows.toBytes(), null);
        }
    }

    /** Scans every SDS file of the folder, in the format its file names show (v1 when none). */
    public static Map<String, EntityScan> scan(Path dir, Map<String, SyncStore.Snapshot> previous) throws IOException {
        return scan(dir, BatchFormat.detect(dir).format().orElse(BatchFormat.V1), previous,
                CsvRowReader.DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * Scans every file of {@code format} in the folder (one entity per file; an absent file is an empty entity) and
     * compares it with the previous snapshot (empty map: no previous). The files are read with the validator's reader
     * ({@link CsvRowReader}), so whatever validates also fingerprints.
     */
    public static Map<String, EntityScan> scan(Path dir, BatchFormat format, Map<String, SyncStore.Snapshot> previous,
                                               int maxRecordBytes) throws IOException {
        Map<BatchFile, Path> files = format.locate(dir);
        Map<String, EntityScan> out = new LinkedHashMap<>();
        for (BatchFile f : format.files()) {
            Path p = files.get(f);
            LongLongMap rows = p == null ? new LongLongMap(16) : read(f, p, maxRecordBytes);
            EntityScan e = new EntityScan(f.entity(), rows);
            SyncStore.Snapshot prev = previous.get(f.entity());
            if (prev != null) {
                LongLongMap old = LongLongMap.fromBytes(prev.fingerprints());
                long[] counts = new long[2];
                rows.forEachKey(k -> {
                    if (!old.containsKey(k)) {
                        counts[0]++;
                    } else if (old.get(k, 0) != rows.get(k, 0)) {
                        counts[1]++;
                    }
                });
                long[] removed = new long[1];
                old.forEachKey(k -> {
                    if (!rows.containsKey(k)) {
                        removed[0]++;
                    }
                });
                e.added = counts[0];
                e.updated = counts[1];
                e.removed = removed[0];
            } else {
                e.added = rows.size(); // no earlier snapshot of this entity: every row is new
            }
            out.put(f.entity(), e);
        }
        return out;
    }

    /**
     * Key (the file's key columns, trimmed) → hash of the whole row (each column as {@code name=value}, columns in
     * the order of their lower-cased names).
     */
    private static LongLongMap read(BatchFile f, Path p, int maxRecordBytes) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        LongLongMap rows = new LongLongMap(1024);
        try (CsvRowReader r = CsvRowReader.open(p, CsvRowReader.DEFAULT_BUFFER_SIZE, maxRecordBytes)) {
            if (!r.next()) {
                return rows;
            }
            List<String> norm = new ArrayList<>();
            for (int k = 0; k < r.size(); k++) {
                norm.add(r.get(k).trim().toLowerCase(Locale.ROOT));
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < norm.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparing(norm::get));
            int[] keyCols = keyColumns(f, norm);
            StringBuilder key = new StringBuilder();
            StringBuilder row = new StringBuilder();
            while (r.next()) {
                key.setLength(0);
                for (int k : keyCols) {
                    key.append(k < r.size() ? r.get(k).trim() : "").append('\u001f');
                }
                row.setLength(0);
                for (int i : order) {
                    row.append(norm.get(i)).append('=').append(i < r.size() ? r.get(i) : "").append('\u001f');
                }
                rows.put(hash(md, key), hash(md, row));
            }
        }
        return rows;
    }

    private static int[] keyColumns(BatchFile f, List<String> norm) {
        List<String> keys = f.keyColumns();
        int[] out = new int[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            out[i] = norm.indexOf(keys.get(i).toLowerCase(Locale.ROOT));
        }
        return java.util.Arrays.stream(out).filter(i -> i >= 0).toArray();
    }

    private static long hash(MessageDigest md, CharSequence s) {
        byte[] d = md.digest(s.toString().getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xff);
        }
        return h;
    }
}
