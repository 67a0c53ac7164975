package org.sis2sds.batch;

import java.util.List;

/**
 * One row of Student.csv with its well-known columns. An absent column or empty cell is "".
 */
public record Student(String sisId, String schoolSisId, String username, String firstName, String lastName, String middleName, String secondaryEmail, String studentNumber, String grade, String stateId, String status, String birthdate, String graduationYear) {

    /** The columns in the order {@link #cells()} gives them (a header for {@link CsvWriter}). */
    public static final List<String> COLUMNS = List.of("SIS ID", "School SIS ID", "Username", "First Name", "Last Name", "Middle Name", "Secondary Email", "Student Number", "Grade", "State ID", "Status", "Birthdate", "Graduation Year");

    /** The current row of a reader. */
    public static Student from(SdsCsvReader r) {
        return new Student(r.get("SIS ID"),
                r.get("School SIS ID"),
                r.get("Username"),
                r.get("First Name"),
                r.get("Last Name"),
                r.get("Middle Name"),
                r.get("Secondary Email"),
                r.get("Student Number"),
                r.get("Grade"),
                r.get("State ID"),
                r.get("Status"),
                r.get("Birthdate"),
                r.get("Graduation Year"));
    }

    /** The cells in {@link #COLUMNS} order. */
    public String[] cells() {
        return new String[] {sisId, schoolSisId, username, firstName, lastName, middleName, secondaryEmail, studentNumber, grade, stateId, status, birthdate, graduationYear};
    }
}
