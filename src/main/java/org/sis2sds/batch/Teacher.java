package org.sis2sds.batch;

import java.util.List;

/**
 * One row of Teacher.csv with its well-known columns. An absent column or empty cell is "".
 */
public record Teacher(String sisId, String schoolSisId, String username, String firstName, String lastName, String middleName, String secondaryEmail, String teacherNumber, String status, String stateId, String title, String qualification) {

    /** The columns in the order {@link #cells()} gives them (a header for {@link CsvWriter}). */
    public static final List<String> COLUMNS = List.of("SIS ID", "School SIS ID", "Username", "First Name", "Last Name", "Middle Name", "Secondary Email", "Teacher Number", "Status", "State ID", "Title", "Qualification");

    /** The current row of a reader. */
    public static Teacher from(SdsCsvReader r) {
        return new Teacher(r.get("SIS ID"),
                r.get("School SIS ID"),
                r.get("Username"),
                r.get("First Name"),
                r.get("Last Name"),
                r.get("Middle Name"),
                r.get("Secondary Email"),
                r.get("Teacher Number"),
                r.get("Status"),
                r.get("State ID"),
                r.get("Title"),
                r.get("Qualification"));
    }

    /** The cells in {@link #COLUMNS} order. */
    public String[] cells() {
        return new String[] {sisId, schoolSisId, username, firstName, lastName, middleName, secondaryEmail, teacherNumber, status, stateId, title, qualification};
    }
}
