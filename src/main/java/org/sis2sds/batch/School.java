package org.sis2sds.batch;

import java.util.List;

/**
 * One row of School.csv with its well-known columns. An absent column or empty cell is "".
 */
public record School(String sisId, String name, String schoolNumber, String stateId, String gradeLow, String gradeHigh, String principalSisId, String principalName, String principalSecondaryEmail, String address, String city, String state, String zip, String phone) {

    /** The columns in the order {@link #cells()} gives them (a header for {@link CsvWriter}). */
    public static final List<String> COLUMNS = List.of("SIS ID", "Name", "School Number", "State ID", "Grade Low", "Grade High", "Principal SIS ID", "Principal Name", "Principal Secondary Email", "Address", "City", "State", "Zip", "Phone");

    /** The current row of a reader. */
    public static School from(SdsCsvReader r) {
        return new School(r.get("SIS ID"),
                r.get("Name"),
                r.get("School Number"),
                r.get("State ID"),
                r.get("Grade Low"),
                r.get("Grade High"),
                r.get("Principal SIS ID"),
                r.get("Principal Name"),
                r.get("Principal Secondary Email"),
                r.get("Address"),
                r.get("City"),
                r.get("State"),
                r.get("Zip"),
                r.get("Phone"));
    }

    /** The cells in {@link #COLUMNS} order. */
    public String[] cells() {
        return new String[] {sisId, name, schoolNumber, stateId, gradeLow, gradeHigh, principalSisId, principalName, principalSecondaryEmail, address, city, state, zip, phone};
    }
}
