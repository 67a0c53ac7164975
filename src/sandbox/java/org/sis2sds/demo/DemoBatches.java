package org.sis2sds.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.sis2sds.core.FileTrees;
import org.sis2sds.batch.CsvWriter;
import org.sis2sds.batch.DistrictGenerator;
import org.sis2sds.batch.SdsCsvReader;
import org.sis2sds.batch.SdsFile;

/** The demo's CSV drops: a good batch as a zip, and a bad one with the errors of SDS's documented start example. */
public final class DemoBatches {
    private DemoBatches() {
    }

    /** Writes a valid district and packs it as {@code zip} (written beside, then renamed: never seen half-done). */
    public static DistrictGenerator.Counts writeGoodZip(Path zip, int students, long seed) throws IOException {
        Path tmp = Files.createTempDirectory("sis2sds-demo-good");
        DistrictGenerator.Counts counts = DistrictGenerator.write(tmp, students, seed);
        Path part = zip.resolveSibling(zip.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(part); ZipOutputStream z = new ZipOutputStream(out)) {
            for (SdsFile f : SdsFile.values()) {
                z.putNextEntry(new ZipEntry(f.canonicalName()));
                Files.copy(tmp.resolve(f.canonicalName()), z);
                z.closeEntry();
            }
        }
        Files.move(part, zip, StandardCopyOption.ATOMIC_MOVE);
        FileTrees.delete(tmp);
        return counts;
    }

    /**
     * Writes a district with the mistakes of SDS's documented start example into {@code folder} and marks it ready:
     * five sections without a SIS ID, three student usernames repeated, and 125 enrollments in sections that do not
     * exist.
     */
    public static void writeBadFolder(Path folder, int students, long seed) throws IOException {
        Path tmp = folder.resolveSibling(folder.getFileName() + ".writing");
        Files.createDirectories(tmp);
        DistrictGenerator.write(tmp, students, seed);
        rewrite(tmp.resolve(SdsFile.SECTION.canonicalName()), "SIS ID",
                (row, v) -> row >= 3 && row <= 7 ? "" : v);
        String[] first = new String[1];
        rewrite(tmp.resolve(SdsFile.STUDENT.canonicalName()), "Username", (row, v) -> {
            if (row == 9) {
                first[0] = v;
            }
            return row >= 10 && row <= 12 ? first[0] : v;
        });
        rewrite(tmp.resolve(SdsFile.STUDENT_ENROLLMENT.canonicalName()), "Section SIS ID",
                (row, v) -> row > 100 && row <= 225 ? "SEC-RETIRED-" + row : v);
        Files.createFile(tmp.resolve("_READY"));
        // the inbox only ever sees a complete folder
        Files.move(tmp, folder, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Streams {@code file} through {@code change} (row number 1-based, old value → new value) for one column. */
    private static void rewrite(Path file, String column, BiFunction<Long, String, String> change) throws IOException {
        Path out = file.resolveSibling(file.getFileName() + ".new");
        try (SdsCsvReader in = SdsCsvReader.open(file)) {
            List<String> header = in.header();
            int col = in.column(column);
            try (CsvWriter w = new CsvWriter(out, header)) {
                String[] cells = new String[header.size()];
                while (in.next()) {
                    for (int i = 0; i < cells.length; i++) {
                        cells[i] = in.get(i);
                    }
                    cells[col] = change.apply(in.rowNumber(), cells[col]);
                    w.write(cells);
                }
            }
        }
        Files.move(out, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
