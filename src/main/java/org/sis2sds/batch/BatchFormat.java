package org.sis2sds.batch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The CSV formats of an SDS batch: {@link #V1} (the six files of SDS v1 / Classic) and {@link #V2_1} (SDS v2.1, the
 * main format of the new SDS; research industrydata.md §4). A batch folder holds the files of exactly one format,
 * recognised by their names ({@link #detect(Path)}), which match case-insensitively; uploads use
 * {@link BatchFile#canonicalName()}.
 */
public enum BatchFormat {
    /** SDS v1: School, Section, Student, Teacher, StudentEnrollment, TeacherRoster; all six required. */
    V1("v1", "SDS v1 CSV"),
    /**
     * SDS v2.1: orgs, users, roles required; classes and enrollments as a pair; academicSessions and courses when
     * referenced; demographics, userFlags and relationships optional.
     */
    V2_1("v2.1", "SDS v2.1 CSV");

    private final String code;
    private final String displayName;

    BatchFormat(String code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    /** {@code v1} or {@code v2.1}: the value of {@code --format}, report.json and settings. */
    public String code() {
        return code;
    }

    /** {@code SDS v1 CSV}, {@code SDS v2.1 CSV}: for sentences. */
    public String displayName() {
        return displayName;
    }

    /** Every file of the format, in SDS order (the order of validation and reports). */
    public List<BatchFile> files() {
        return this == V1 ? List.of(SdsFile.values()) : List.of(V21File.values());
    }

    /** The files that must always be present. */
    public List<BatchFile> requiredFiles() {
        return files().stream().filter(BatchFile::isRequired).toList();
    }

    /** The canonical names of {@link #files()}. */
    public List<String> fileNames() {
        return files().stream().map(BatchFile::canonicalName).toList();
    }

    /** The file of this format a name denotes, matched case-insensitively ({@code ORGS.CSV} is orgs.csv). */
    public Optional<BatchFile> file(String fileName) {
        for (BatchFile f : files()) {
            if (f.canonicalName().equalsIgnoreCase(fileName)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The files of this format present in {@code dir} (regular files, not links), in {@link #files()} order. When two
     * names match one file ({@code orgs.csv} and {@code Orgs.csv}), the exact canonical name wins, otherwise the
     * first in name order.
     */
    public Map<BatchFile, Path> locate(Path dir) throws IOException {
        Map<BatchFile, Path> found = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : regularFiles(dir).entrySet()) {
            Optional<BatchFile> f = file(e.getKey());
            if (f.isPresent() && (!found.containsKey(f.get()) || e.getKey().equals(f.get().canonicalName()))) {
                found.put(f.get(), e.getValue());
            }
        }
        Map<BatchFile, Path> ordered = new LinkedHashMap<>();
        for (BatchFile f : files()) {
            if (found.containsKey(f)) {
                ordered.put(f, found.get(f));
            }
        }
        return ordered;
    }

    /** The format of a {@code --format} value or setting: {@code v1}, {@code v2.1} (case-insensitive). */
    public static Optional<BatchFormat> fromCode(String code) {
        if (code != null) {
            for (BatchFormat f : values()) {
                if (f.code.equalsIgnoreCase(code.strip())) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** The file of any format a name denotes (case-insensitive), or empty for a name no format uses. */
    public static Optional<BatchFile> fileNamed(String fileName) {
        for (BatchFormat f : values()) {
            Optional<BatchFile> file = f.file(fileName);
            if (file.isPresent()) {
                return file;
            }
        }
        return Optional.empty();
    }

    /** Which formats the names of a folder's files belong to (see {@link Detection}). */
    public static Detection detect(Collection<String> fileNames) {
        Map<BatchFormat, List<String>> present = new EnumMap<>(BatchFormat.class);
        for (String name : sorted(fileNames)) {
            fileNamed(name).ifPresent(f -> present.computeIfAbsent(f.format(), k -> new ArrayList<>()).add(name));
        }
        present.replaceAll((k, v) -> List.copyOf(v));
        return new Detection(Collections.unmodifiableMap(present));
    }

    /** Which formats the regular files of {@code dir} belong to. Throws when {@code dir} is not a readable folder. */
    public static Detection detect(Path dir) throws IOException {
        return detect(regularFiles(dir).keySet());
    }

    private static List<String> sorted(Collection<String> names) {
        List<String> s = new ArrayList<>(names);
        s.sort(null);
        return s;
    }

    /** The regular files of a folder by name, in name order (links and sub-folders are left out). */
    private static TreeMap<String, Path> regularFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (!Files.exists(dir)) {
                throw new NoSuchFileException(dir.toString());
            }
            throw new NotDirectoryException(dir.toString());
        }
        TreeMap<String, Path> byName = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    byName.put(p.getFileName().toString(), p);
                }
            }
        }
        return byName;
    }

    /**
     * What the file names of a folder say about its format.
     *
     * @param present per format, the names (as found, in name order) of the files that belong to it
     */
    public record Detection(Map<BatchFormat, List<String>> present) {
        /** The one format whose files are present; empty when the folder holds none, or files of both. */
        public Optional<BatchFormat> format() {
            return present.size() == 1 ? Optional.of(present.keySet().iterator().next()) : Optional.empty();
        }

        /** True when files of more than one format are present (a batch holds one format). */
        public boolean mixed() {
            return present.size() > 1;
        }

        /** True when no file of any format is present. */
        public boolean none() {
            return present.isEmpty();
        }

        /** The names of the files of {@code format} that are present (empty list when none). */
        public List<String> files(BatchFormat format) {
            return present.getOrDefault(format, List.of());
        }

        /** A sentence for people when {@link #mixed()}; null otherwise. */
        public String mixedDescription() {
            if (!mixed()) {
                return null;
            }
            return "The folder mixes " + V1.displayName + " files (" + String.join(", ", files(V1)) + ") and "
                    + V2_1.displayName + " files (" + String.join(", ", files(V2_1)) + "); a batch holds the files of "
                    + "one format only: remove the files of the other format and send the batch again.";
        }
    }

    @Override
    public String toString() {
        return code;
    }
}
