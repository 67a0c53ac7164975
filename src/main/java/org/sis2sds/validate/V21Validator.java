package org.sis2sds.validate;

import static org.sis2sds.validate.V21Rules.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sis2sds.batch.BatchFile;
import org.sis2sds.batch.BatchFormat;
import org.sis2sds.batch.CsvRowReader;
import org.sis2sds.batch.V21File;

/**
 * Checks one SDS v2.1 batch folder (research industrydata.md §4; the rules V21-01 to V21-20 of docs/validator.md),
 * streaming, with memory bounded by the number of IDs, as {@link Validator} does for v1.
 *
 * <ul>
 *   <li>Files: orgs, users and roles are required; classes and enrollments come as a pair; academicSessions and
 *       courses are required when another file refers to them; the others are optional. A folder whose users.csv
 *       has SDS v2 columns is one F02 Error.</li>
 *   <li>Headers are case-sensitive, in any order; missing required and duplicated headers are Errors, unknown ones
 *       Warnings.</li>
 *   <li>Values: a blank or invalid value is an Error in a required column (SDS drops the record) and a Warning in an
 *       optional one (SDS drops the value).</li>
 *   <li>Keys and references across all files, the parent chain of orgs included (a loop is an Error).</li>
 * </ul>
 */
public final class V21Validator {
    private final ValidationOptions options;
    /** Files at least this large (bytes) run their set checks on a second thread. */
    long parallelThreshold = 4L << 20;
    /** The reader's buffer size (tests make it tiny to exercise buffer hand-overs). */
    int bufferSize = CsvRowReader.DEFAULT_BUFFER_SIZE;

    public V21Validator(ValidationOptions options) {
        this.options = options;
    }

    public V21Validator() {
        this(ValidationOptions.defaults());
    }

    /** Validates the batch in {@code dir}. I/O problems (unreadable folder) are thrown; bad content is a message. */
    public ValidationResult validate(Path dir) throws IOException {
        Map<V21File, Path> files = new EnumMap<>(V21File.class);
        for (Map.Entry<BatchFile, Path> e : BatchFormat.V2_1.locate(dir).entrySet()) {
            files.put((V21File) e.getKey(), e.getValue());
        }
        Map<String, Long> rowCounts = new LinkedHashMap<>();
        for (V21File f : V21File.values()) {
            rowCounts.put(f.entity(), 0L);
        }
        String v2 = sdsV2(files.get(V21File.USERS), files.containsKey(V21File.ROLES));
        if (v2 != null) {
            return new ValidationResult(List.of(new Message(Message.ERROR, V21File.USERS.messageName(), v2, SDS_V2,
                    null, null, null, null)), rowCounts, BatchFormat.V2_1);
        }
        V21Run run = new V21Run(options, bufferSize, parallelThreshold, files);
        String where = "in path " + (dir.getFileName() == null ? dir.toString() : dir.getFileName().toString());
        for (V21File f : V21File.values()) {
            if (f.isRequired() && !files.containsKey(f)) {
                run.add(f, FILE_NOT_FOUND, -1, Message.ERROR, f.messageName() + " not found " + where + ". Check the "
                        + "path of the batch to ensure " + f.messageName() + " exists or the file name is "
                        + f.messageName() + " and rerun the sync.", null, null);
            }
        }
        pair(run, files, V21File.CLASSES, V21File.ENROLLMENTS, where);
        pair(run, files, V21File.ENROLLMENTS, V21File.CLASSES, where);
        for (V21File f : V21File.values()) {
            Path p = files.get(f);
            if (p != null) {
                rowCounts.put(f.entity(), run.check(f, p));
            }
        }
        for (V21File needed : List.of(V21File.ACADEMIC_SESSIONS, V21File.COURSES)) {
            neededByReference(run, needed, where);
        }
        List<Placed> out = new ArrayList<>(run.out);
        out.sort(Placed.ORDER);
        return new ValidationResult(out.stream().map(Placed::message).toList(), rowCounts, BatchFormat.V2_1);
    }

    /** classes.csv without enrollments.csv, or the reverse. */
    private static void pair(V21Run run, Map<V21File, Path> files, V21File present, V21File absent, String where) {
        if (files.containsKey(present) && !files.containsKey(absent)) {
            run.add(absent, NEEDED_FILE_NOT_FOUND, -1, Message.ERROR, absent.messageName() + " not found " + where
                    + ": classes.csv and enrollments.csv go together (SDS needs both to manage classes). Add "
                    + absent.messageName() + ", or leave " + present.messageName() + " out, and send the batch "
                    + "again.", null, null);
        }
    }

    /** academicSessions.csv or courses.csv absent while other files refer to them. */
    private static void neededByReference(V21Run run, V21File needed, String where) {
        Map<String, Tally> refs = run.absentRefs.getOrDefault(needed, Map.of());
        List<String> by = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Tally> e : refs.entrySet()) {
            long n = e.getValue().count;
            if (n > 0) {
                String[] fileAndColumn = e.getKey().split("/", 2);
                by.add(fileAndColumn[0] + " in " + n + " row(s) (" + fileAndColumn[1] + ")");
                total += n;
            }
        }
        if (total > 0) {
            run.out.add(new Placed(needed.ordinal(), NEEDED_FILE_NOT_FOUND, -1, new Message(Message.ERROR,
                    needed.messageName(), needed.messageName() + " not found " + where + ", but " + String.join(", ",
                    by) + " refer to it. Add " + needed.messageName() + " to the batch, or leave those cells empty, "
                    + "and send the batch again.", NEEDED_FILE_NOT_FOUND, null, total, null, null)));
        }
    }

    /**
     * A sentence when users.csv is SDS v2 (not 2.1): its header has v2's {@code orgSourcedIds}, or a {@code role}
     * while there is no roles.csv. Null otherwise.
     */
    static String sdsV2(Path users, boolean hasRoles) throws IOException {
        if (users == null) {
            return null;
        }
        try (CsvRowReader r = CsvRowReader.open(users)) {
            if (r.utf16() != null || !r.next()) {
                return null;
            }
            List<String> header = new ArrayList<>();
            for (int k = 0; k < r.size(); k++) {
                header.add(r.get(k).strip());
            }
            boolean orgs = header.contains("orgSourcedIds");
            if (!orgs && !(header.contains("role") && !hasRoles)) {
                return null;
            }
            return "users.csv has the SDS v2 column" + (orgs && header.contains("role") ? "s orgSourcedIds and role"
                    : orgs ? " orgSourcedIds" : " role") + ": this is an SDS v2 file set, which SDS no longer "
                    + "accepts. Export SDS v2.1 CSV instead (each user's organisations and roles go in roles.csv, one "
                    + "row per user and org) and send the batch again.";
        } catch (CsvRowReader.RecordTooLongException e) {
            return null;
        }
    }
}
