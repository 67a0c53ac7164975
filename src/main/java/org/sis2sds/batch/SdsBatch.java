package org.sis2sds.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One SDS v1 batch folder: finds the six files by case-insensitive name and reads them as typed records (streams
 * that must be closed). When two names match one file (School.csv and school.csv), the exact canonical name wins,
 * otherwise the first in name order.
 */
public final class SdsBatch {
    private final Path dir;
    private final Map<SdsFile, Path> files;
    private final List<Path> others;

    private SdsBatch(Path dir, Map<SdsFile, Path> files, List<Path> others) {
        this.dir = dir;
        this.files = files;
        this.others = others;
    }

    /** Looks at the regular files of {@code dir}. Throws when it is not a readable folder. */
    public static SdsBatch locate(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (!Files.exists(dir)) {
                throw new java.nio.file.NoSuchFileException(dir.toString());
            }
            throw new NotDirectoryException(dir.toString());
        }
        TreeMap<String, Path> byName = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    byName.put(p.getFileName().toString(), p);
                }
            }
        }
        Map<SdsFile, Path> files = new EnumMap<>(SdsFile.class);
        List<Path> others = new ArrayList<>();
        for (Map.Entry<String, Path> e : byName.entrySet()) {
            Optional<SdsFile> f = SdsFile.byFileName(e.getKey());
            if (f.isPresent()) {
                Path prev = files.get(f.get());
                if (prev == null || e.getKey().equals(f.get().canonicalName())) {
                    if (prev != null) {
                        others.add(prev);
                    }
                    files.put(f.get(), e.getValue());
                } else {
                    others.add(e.getValue());
                }
            } else {
                others.add(e.getValue());
            }
        }
        others.sort(null);
        return new SdsBatch(dir, files, Collections.unmodifiableList(others));
    }

    public Path dir() {
        return dir;
    }

    /** The file standing for {@code f}, if present. */
    public Optional<Path> file(SdsFile f) {
        return Optional.ofNullable(files.get(f));
    }

    /** Regular files that are none of the six (or a second match of one). */
    public List<Path> otherFiles() {
        return others;
    }

    public Stream<School> schools() throws IOException {
        return read(SdsFile.SCHOOL, School::from);
    }

    public Stream<Section> sections() throws IOException {
        return read(SdsFile.SECTION, Section::from);
    }

    public Stream<Student> students() throws IOException {
        return read(SdsFile.STUDENT, Student::from);
    }

    public Stream<Teacher> teachers() throws IOException {
        return read(SdsFile.TEACHER, Teacher::from);
    }

    public Stream<StudentEnrollment> studentEnrollments() throws IOException {
        return read(SdsFile.STUDENT_ENROLLMENT, StudentEnrollment::from);
    }

    public Stream<TeacherRoster> teacherRosters() throws IOException {
        return read(SdsFile.TEACHER_ROSTER, TeacherRoster::from);
    }

    /**
     * Streams the data rows of one file mapped by {@code mapper} (close the stream). An absent file gives an empty
     * stream. I/O errors while streaming surface as {@link UncheckedIOException}.
     */
    public <T> Stream<T> read(SdsFile f, Function<SdsCsvReader, T> mapper) throws IOException {
        Path p = files.get(f);
        if (p == null) {
            return Stream.empty();
        }
        SdsCsvReader r = SdsCsvReader.open(p);
        Iterator<T> it = new Iterator<>() {
            Boolean ready;

            @Override
            public boolean hasNext() {
                if (ready == null) {
                    try {
                        ready = r.next();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return ready;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = null;
                return mapper.apply(r);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(() -> {
                    try {
                        r.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
