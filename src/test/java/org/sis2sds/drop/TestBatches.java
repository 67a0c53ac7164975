package org.sis2sds.drop;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.sis2sds.batch.CsvWriter;
import org.sis2sds.batch.SdsFile;

/** Small SDS batches for tests, written with {@link CsvWriter}, and zips of them (hostile ones too). */
public final class TestBatches {
    private TestBatches() {
    }

    /** A small, valid district: one school, one section, two students, one teacher. */
    public static Path good(Path dir) throws IOException {
        Files.createDirectories(dir);
        write(dir, SdsFile.SCHOOL, List.of("SIS ID", "Name"), new String[][] {{"S1", "Lincoln High"}});
        write(dir, SdsFile.SECTION, List.of("SIS ID", "School SIS ID", "Section Name"),
                new String[][] {{"SEC1", "S1", "Algebra 1"}});
        write(dir, SdsFile.STUDENT, List.of("SIS ID", "School SIS ID", "Username"),
                new String[][] {{"ST1", "S1", "ann@lincoln.org"}, {"ST2", "S1", "bob@lincoln.org"}});
        write(dir, SdsFile.TEACHER, List.of("SIS ID", "School SIS ID", "Username"),
                new String[][] {{"T1", "S1", "tina@lincoln.org"}});
        write(dir, SdsFile.STUDENT_ENROLLMENT, List.of("Section SIS ID", "SIS ID"),
                new String[][] {{"SEC1", "ST1"}, {"SEC1", "ST2"}});
        write(dir, SdsFile.TEACHER_ROSTER, List.of("Section SIS ID", "SIS ID"), new String[][] {{"SEC1", "T1"}});
        return dir;
    }

    /** A batch SDS would reject: a student without a username and an enrollment of an unknown student. */
    public static Path bad(Path dir) throws IOException {
        good(dir);
        write(dir, SdsFile.STUDENT, List.of("SIS ID", "School SIS ID", "Username"),
                new String[][] {{"ST1", "S1", "ann@lincoln.org"}, {"ST2", "S1", ""}});
        write(dir, SdsFile.STUDENT_ENROLLMENT, List.of("Section SIS ID", "SIS ID"),
                new String[][] {{"SEC1", "ST1"}, {"SEC1", "ST2"}, {"SEC1", "<script>alert(1)</script>"}});
        return dir;
    }

    private static void write(Path dir, SdsFile f, List<String> header, String[][] rows) throws IOException {
        try (CsvWriter w = new CsvWriter(dir.resolve(f.canonicalName()), header)) {
            for (String[] r : rows) {
                w.write(r);
            }
        }
    }

    /** Zips every file of {@code dir} into {@code zip}, under {@code prefix} (e.g. "" or "district/"). */
    public static Path zip(Path dir, Path zip, String prefix) throws IOException {
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    out.putArchiveEntry(new ZipArchiveEntry(prefix + f.getFileName()));
                    Files.copy(f, out);
                    out.closeArchiveEntry();
                }
            }
        }
        return zip;
    }

    /** Builds a zip from (name, content) pairs; a name ending in "@link" becomes a symbolic link to the content. */
    public static Path rawZip(Path zip, String... nameContent) throws IOException {
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            for (int i = 0; i < nameContent.length; i += 2) {
                String name = nameContent[i];
                ZipArchiveEntry e;
                if (name.endsWith("@link")) {
                    e = new ZipArchiveEntry(name.substring(0, name.length() - 5));
                    e.setUnixMode(0120777);
                } else {
                    e = new ZipArchiveEntry(name);
                }
                out.putArchiveEntry(e);
                if (!name.endsWith("/")) {
                    try (OutputStream os = new NonClosing(out)) {
                        os.write(nameContent[i + 1].getBytes(StandardCharsets.UTF_8));
                    }
                }
                out.closeArchiveEntry();
            }
        }
        return zip;
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream o) {
            super(o);
        }

        @Override
        public void close() {
        }
    }
}
