package org.sis2sds.batch;

import java.util.List;

/**
 * One row of Section.csv with its well-known columns. An absent column or empty cell is "".
 */
public record Section(String sisId, String schoolSisId, String sectionName, String sectionNumber, String termSisId, String termName, String termStartDate, String termEndDate, String courseSisId, String courseName, String courseNumber, String courseSubject, String periods, String status) {

    /** The columns in the order {@link #cells()} gives them (a header for {@link CsvWriter}). */
    public static final List<String> COLUMNS = List.of("SIS ID", "School SIS ID", "Section Name", "Section Number", "Term SIS ID", "Term Name", "Term StartDate", "Term EndDate", "Course SIS ID", "Course Name", "Course Number", "Course Subject", "Periods", "Status");

    /** The current row of a reader. */
    public static Section from(SdsCsvReader r) {
        return new Section(r.get("SIS ID"),
                r.get("School SIS ID"),
                r.get("Section Name"),
                r.get("Section Number"),
                r.get("Term SIS ID"),
                r.get("Term Name"),
                r.get("Term StartDate"),
                r.get("Term EndDate"),
                r.get("Course SIS ID"),
                r.get("Course Name"),
                r.get("Course Number"),
                r.get("Course Subject"),
                r.get("Periods"),
                r.get("Status"));
    }

    /** The cells in {@link #COLUMNS} order. */
    public String[] cells() {
        return new String[] {sisId, schoolSisId, sectionName, sectionNumber, termSisId, termName, termStartDate, termEndDate, courseSisId, courseName, courseNumber, courseSubject, periods, status};
    }
}
