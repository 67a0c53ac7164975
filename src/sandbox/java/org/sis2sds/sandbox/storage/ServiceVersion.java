package org.sis2sds.sandbox.storage;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The Azure Storage service version a request runs at ({@code x-ms-version}, else the SAS's {@code sv}, else the
 * oldest), and the size limits that version has (Put Blob and Put Block REST references): a single Put Blob is at
 * most 64 MiB before 2016-05-31, 256 MiB up to 2019-07-07 and 5000 MiB from 2019-12-12; a block (or a Data Lake
 * append) at most 4 MiB, 100 MiB and 4000 MiB at the same versions.
 */
record ServiceVersion(String value, LocalDate date) {
    static final long MIB = 1024L * 1024;
    private static final LocalDate V2016 = LocalDate.of(2016, 5, 31);
    private static final LocalDate V2019 = LocalDate.of(2019, 12, 12);
    static final ServiceVersion OLDEST = new ServiceVersion("2009-09-19", LocalDate.of(2009, 9, 19));

    /** The version named, or null when it is not a {@code yyyy-MM-dd} date. */
    static ServiceVersion parse(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return new ServiceVersion(v.trim(), LocalDate.parse(v.trim()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    long maxPutBlob() {
        return date.isBefore(V2016) ? 64 * MIB : date.isBefore(V2019) ? 256 * MIB : 5000 * MIB;
    }

    long maxBlock() {
        return date.isBefore(V2016) ? 4 * MIB : date.isBefore(V2019) ? 100 * MIB : 4000 * MIB;
    }

    boolean atLeast(int year, int month, int day) {
        return !date.isBefore(LocalDate.of(year, month, day));
    }
}
