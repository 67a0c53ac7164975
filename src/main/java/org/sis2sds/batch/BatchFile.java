package org.sis2sds.batch;

import java.util.List;

/**
 * One file of a batch format: an SDS v1 file ({@link SdsFile}) or an SDS v2.1 file ({@link V21File}). What every
 * reader of a batch needs without knowing the format: the canonical name (uploads), the name SDS messages use, the
 * entity name of counters and reports, whether the file must be present, and the columns that identify a row.
 */
public interface BatchFile {
    /** The format this file belongs to. */
    BatchFormat format();

    /** The name SDS documents and uploads use: {@code School.csv}, {@code academicSessions.csv}. */
    String canonicalName();

    /** The name in SDS messages ({@code fileName}): {@code school.csv}, {@code academicSessions.csv}. */
    String messageName();

    /** The entity name of counters, reports, fingerprints and the API: {@code school}, {@code academicSessions}. */
    String entity();

    /**
     * Whether the file must always be present (v1: all six; v2.1: orgs, users, roles). Files that are required only
     * when another file refers to them, or only as a pair (v2.1 classes and enrollments), are not.
     */
    boolean isRequired();

    /** The columns that identify a row (its key), as the header spells them. */
    List<String> keyColumns();

    /** The columns that must be in the header. */
    List<String> requiredColumns();

    /** Whether the header may hold this column (required or known optional; exact spelling). */
    boolean knows(String column);
}
