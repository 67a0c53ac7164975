package org.sis2sds.sync;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.sis2sds.batch.SdsFile;

/**
 * Per-row fingerprints of a batch folder, streamed file by file: per entity, key (SIS ID, or section and person
 * for enrollments and rosters) → hash of the whole row (columns in name order, so a column reordering is no change).
 * Memory grows with the number of IDs (16 bytes each), never with the rows' contents.
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

    /** Scans every SDS file of the folder and compares it with the previous snapshot (empty map: no previous). */
    public static Map<String, EntityScan> scan(Path dir, Map<String, SyncStore.Snapshot> previous) throws IOException {
        Map<SdsFile, Path> files = new LinkedHashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                SdsFile.byFileName(p.getFileName().toString()).ifPresent(f -> files.put(f, p));
            }
        }
        Map<String, EntityScan> out = new LinkedHashMap<>();
        for (SdsFile f : SdsFile.values()) {
            Path p = files.get(f);
            LongLongMap rows = p == null ? new LongLongMap(16) : read(f, p);
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

    private static LongLongMap read(SdsFile f, Path p) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        LongLongMap rows = new LongLongMap(1024);
        CSVFormat fmt = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true).setAllowDuplicateHeaderNames(true).get();
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8); CSVParser parser = CSVParser.parse(r, fmt)) {
            List<String> header = new ArrayList<>(parser.getHeaderNames());
            if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
                header.set(0, header.get(0).substring(1));
            }
            List<String> norm = header.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < norm.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparing(norm::get));
            int[] keyCols = keyColumns(f, norm);
            for (CSVRecord rec : parser) {
                StringBuilder key = new StringBuilder();
                for (int k : keyCols) {
                    key.append(k < rec.size() ? rec.get(k).trim() : "").append('\u001f');
                }
                StringBuilder row = new StringBuilder();
                for (int i : order) {
                    row.append(norm.get(i)).append('=').append(i < rec.size() ? rec.get(i) : "").append('\u001f');
                }
                rows.put(hash(md, key), hash(md, row));
            }
        }
        return rows;
    }

    private static int[] keyColumns(SdsFile f, List<String> norm) {
        List<String> keys = f.uniqueColumns().isEmpty() ? f.requiredColumns() : List.of("SIS ID");
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
