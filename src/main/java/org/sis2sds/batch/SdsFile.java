package org.sis2sds.batch;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The six files of an SDS v1 batch, in SDS order, with their required, unique and known optional columns
 * (validation-rules.md; research sds-api.md §11.2). All six are required.
 */
public enum SdsFile implements BatchFile {
    SCHOOL("School.csv", List.of("SIS ID", "Name"), List.of("SIS ID"),
            List.of("School Number", "School NCES_ID", "State ID", "Grade Low", "Grade High", "Principal SIS ID",
                    "Principal Name", "Principal Secondary Email", "Address", "City", "State", "Country", "Zip",
                    "Phone", "Zone")),
    SECTION("Section.csv", List.of("SIS ID", "School SIS ID", "Section Name"), List.of("SIS ID"),
            List.of("Section Number", "Term SIS ID", "Term Name", "Term StartDate", "Term EndDate", "Course SIS ID",
                    "Course Name", "Course Number", "Course Description", "Course Subject", "Periods", "Status")),
    STUDENT("Student.csv", List.of("SIS ID", "School SIS ID", "Username"), List.of("SIS ID", "Username"),
            List.of("Password", "First Name", "Last Name", "Middle Name", "Secondary Email", "Student Number",
                    "Grade", "State ID", "Status", "Birthdate", "Graduation Year", "Gender", "ELL Status",
                    "FederalRace", "Mailing Address", "Mailing City", "Mailing State", "Mailing Zip",
                    "Mailing Latitude", "Mailing Longitude", "Mailing Country", "Resident Address", "Resident City",
                    "Resident State", "Resident Zip", "Resident Latitude", "Resident Longitude", "Resident Country")),
    TEACHER("Teacher.csv", List.of("SIS ID", "School SIS ID", "Username"), List.of("SIS ID", "Username"),
            List.of("Password", "First Name", "Last Name", "Middle Name", "Secondary Email", "Teacher Number",
                    "Status", "State ID", "Title", "Qualification")),
    STUDENT_ENROLLMENT("StudentEnrollment.csv", List.of("Section SIS ID", "SIS ID"), List.of(), List.of()),
    TEACHER_ROSTER("TeacherRoster.csv", List.of("Section SIS ID", "SIS ID"), List.of(), List.of());

    private final String canonicalName;
    private final List<String> required;
    private final List<String> unique;
    private final List<String> optional;

    SdsFile(String canonicalName, List<String> required, List<String> unique, List<String> optional) {
        this.canonicalName = canonicalName;
        this.required = required;
        this.unique = unique;
        this.optional = optional;
    }

    @Override
    public BatchFormat format() {
        return BatchFormat.V1;
    }

    /** Always true: SDS v1 needs all six files. */
    @Override
    public boolean isRequired() {
        return true;
    }

    /** {@code SIS ID} for the four entity files; (Section SIS ID, SIS ID) for enrollments and rosters. */
    @Override
    public List<String> keyColumns() {
        return unique.isEmpty() ? required : List.of("SIS ID");
    }

    /** {@code School.csv}: the name SDS documents and the name used for uploads. */
    @Override
    public String canonicalName() {
        return canonicalName;
    }

    /** {@code school.csv}: the name SDS messages use. */
    @Override
    public String messageName() {
        return canonicalName.toLowerCase(Locale.ROOT);
    }

    /** {@code school}: the entity name used in counters, reports and the API. */
    @Override
    public String entity() {
        return canonicalName.substring(0, canonicalName.length() - 4).toLowerCase(Locale.ROOT);
    }

    @Override
    public List<String> requiredColumns() {
        return required;
    }

    public List<String> uniqueColumns() {
        return unique;
    }

    public List<String> optionalColumns() {
        return optional;
    }

    @Override
    public boolean knows(String column) {
        return required.contains(column) || optional.contains(column);
    }

    /** The file a name denotes, matched case-insensitively ({@code school.CSV} is School.csv). */
    public static Optional<SdsFile> byFileName(String name) {
        for (SdsFile f : values()) {
            if (f.canonicalName.equalsIgnoreCase(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
