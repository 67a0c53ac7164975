package org.sis2sds.batch;

import java.util.List;

/**
 * One row of StudentEnrollment.csv with its well-known columns. An absent column or empty cell is "".
 */
public record StudentEnrollment(String sectionSisId, String sisId) {

    /** The columns in the order {@link #cells()} gives them (a header for {@link CsvWriter}). */
    public static final List<String> COLUMNS = List.of("Section SIS ID", "SIS ID");

    /** The current row of a reader. */
    public static StudentEnrollment from(SdsCsvReader r) {
        return new StudentEnrollment(r.get("Section SIS ID"),
                r.get("SIS ID"));
    }

    /** The cells in {@link #COLUMNS} order. */
    public String[] cells() {
        return new String[] {sectionSisId, sisId};
    }
}
