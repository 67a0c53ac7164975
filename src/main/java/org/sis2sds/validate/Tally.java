package org.sis2sds.validate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The count, first row numbers and sample values of one (column, rule). */
final class Tally {
    private static final int MAX_SAMPLE_CHARS = 100;

    long count;
    List<Long> rows;
    LinkedHashSet<String> samples;

    /** Counts a row; {@code value} (null for none, e.g. a blank cell or a secret) may become a sample. */
    void hit(long row, String value, ValidationOptions o) {
        count++;
        if (rows == null) {
            rows = new ArrayList<>();
        }
        if (rows.size() < o.maxRowNumbers()) {
            rows.add(row);
        }
        if (value != null) {
            if (samples == null) {
                samples = new LinkedHashSet<>();
            }
            if (samples.size() < o.maxSamples()) {
                samples.add(value.length() > MAX_SAMPLE_CHARS ? value.substring(0, MAX_SAMPLE_CHARS) + "…" : value);
            }
        }
    }

    Message message(String type, String fileName, String description, String rule, String column) {
        return new Message(type, fileName, description, rule, column, count, rows == null ? List.of()
                : List.copyOf(rows), samples == null ? null : List.copyOf(samples));
    }
}
