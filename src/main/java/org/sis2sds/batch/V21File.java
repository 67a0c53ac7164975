package org.sis2sds.batch;

import static org.sis2sds.batch.V21Column.Requirement.CONDITIONAL;
import static org.sis2sds.batch.V21Column.Requirement.OPTIONAL;
import static org.sis2sds.batch.V21Column.Requirement.REQUIRED;

import java.util.List;
import java.util.Optional;

/**
 * The ten files of an SDS v2.1 batch and their columns (research industrydata.md §4.1, §4.3), in the order
 * sis2sds validates and reports them: every file comes after the files it refers to (orgs.csv refers to itself).
 * The columns are listed in the order of Microsoft's sample files, which is the order {@code V21Writer} writes.
 */
public enum V21File implements BatchFile {
    ORGS("orgs.csv", true, List.of("sourcedId"),
            col("sourcedId", REQUIRED, V21Type.ID),
            col("name", REQUIRED, V21Type.STRING),
            code("type", REQUIRED, V21Enum.ORG_TYPE),
            ref("parentSourcedId", OPTIONAL, "orgs.csv")),
    ACADEMIC_SESSIONS("academicSessions.csv", false, List.of("sourcedId"),
            col("sourcedId", REQUIRED, V21Type.ID),
            col("title", REQUIRED, V21Type.STRING),
            code("type", REQUIRED, V21Enum.SESSION_TYPE),
            col("schoolYear", REQUIRED, V21Type.YEAR),
            col("startDate", REQUIRED, V21Type.DATE),
            col("endDate", REQUIRED, V21Type.DATE)),
    COURSES("courses.csv", false, List.of("sourcedId"),
            col("sourcedId", REQUIRED, V21Type.ID),
            ref("orgSourcedId", REQUIRED, "orgs.csv"),
            col("title", REQUIRED, V21Type.STRING),
            col("code", OPTIONAL, V21Type.STRING),
            ref("schoolYearSourcedId", OPTIONAL, "academicSessions.csv"),
            col("subject", OPTIONAL, V21Type.STRING),
            code("grade", OPTIONAL, V21Enum.GRADE)),
    USERS("users.csv", true, List.of("sourcedId"),
            col("sourcedId", REQUIRED, V21Type.ID),
            col("username", REQUIRED, V21Type.STRING),
            col("givenName", CONDITIONAL, V21Type.STRING),
            col("familyName", CONDITIONAL, V21Type.STRING),
            new V21Column("password", OPTIONAL, V21Type.STRING, null, null, true),
            col("activeDirectoryMatchId", OPTIONAL, V21Type.STRING),
            col("email", OPTIONAL, V21Type.EMAIL),
            col("phone", OPTIONAL, V21Type.PHONE),
            col("sms", OPTIONAL, V21Type.PHONE),
            col("userNumber", OPTIONAL, V21Type.STRING)),
    CLASSES("classes.csv", false, List.of("sourcedId"),
            col("sourcedId", REQUIRED, V21Type.ID),
            ref("orgSourcedId", REQUIRED, "orgs.csv"),
            col("title", REQUIRED, V21Type.STRING),
            new V21Column("sessionSourcedIds", OPTIONAL, V21Type.ID_LIST, null, "academicSessions.csv", false),
            ref("courseSourcedId", OPTIONAL, "courses.csv"),
            col("code", OPTIONAL, V21Type.STRING)),
    ROLES("roles.csv", true, List.of("userSourcedId", "orgSourcedId", "role"),
            ref("userSourcedId", REQUIRED, "users.csv"),
            ref("orgSourcedId", REQUIRED, "orgs.csv"),
            code("role", REQUIRED, V21Enum.ROLE),
            ref("sessionSourcedId", OPTIONAL, "academicSessions.csv"),
            code("grade", OPTIONAL, V21Enum.GRADE),
            col("isPrimary", OPTIONAL, V21Type.BOOLEAN),
            col("roleStartDate", OPTIONAL, V21Type.DATE),
            col("roleEndDate", OPTIONAL, V21Type.DATE)),
    ENROLLMENTS("enrollments.csv", false, List.of("classSourcedId", "userSourcedId", "role"),
            ref("classSourcedId", REQUIRED, "classes.csv"),
            ref("userSourcedId", REQUIRED, "users.csv"),
            code("role", REQUIRED, V21Enum.ENROLLMENT_ROLE)),
    DEMOGRAPHICS("demographics.csv", false, List.of("userSourcedId"),
            ref("userSourcedId", REQUIRED, "users.csv"),
            code("sex", OPTIONAL, V21Enum.SEX),
            col("birthDate", OPTIONAL, V21Type.DATE),
            col("birthCity", OPTIONAL, V21Type.STRING),
            col("birthState", OPTIONAL, V21Type.STRING),
            col("birthCountry", OPTIONAL, V21Type.STRING),
            new V21Column("ethnicityCodes", OPTIONAL, V21Type.ENUM_LIST, V21Enum.ETHNICITY, null, false),
            new V21Column("raceCodes", OPTIONAL, V21Type.ENUM_LIST, V21Enum.RACE, null, false)),
    USER_FLAGS("userFlags.csv", false, List.of("userSourcedId", "flag"),
            ref("userSourcedId", REQUIRED, "users.csv"),
            code("flag", REQUIRED, V21Enum.FLAG)),
    RELATIONSHIPS("relationships.csv", false, List.of("userSourcedId", "relationshipUserSourcedId"),
            ref("userSourcedId", REQUIRED, "users.csv"),
            ref("relationshipUserSourcedId", REQUIRED, "users.csv"),
            code("relationshipRole", REQUIRED, V21Enum.RELATIONSHIP_ROLE));

    private final String canonicalName;
    private final boolean required;
    private final List<String> keyColumns;
    private final List<V21Column> columns;

    V21File(String canonicalName, boolean required, List<String> keyColumns, V21Column... columns) {
        this.canonicalName = canonicalName;
        this.required = required;
        this.keyColumns = keyColumns;
        this.columns = List.of(columns);
    }

    private static V21Column col(String name, V21Column.Requirement r, V21Type type) {
        return new V21Column(name, r, type, null, null, false);
    }

    private static V21Column code(String name, V21Column.Requirement r, V21Enum vocabulary) {
        return new V21Column(name, r, V21Type.ENUM, vocabulary, null, false);
    }

    private static V21Column ref(String name, V21Column.Requirement r, String file) {
        return new V21Column(name, r, V21Type.ID, null, file, false);
    }

    @Override
    public BatchFormat format() {
        return BatchFormat.V2_1;
    }

    /** {@code orgs.csv}, {@code academicSessions.csv}: the exact name SDS documents. */
    @Override
    public String canonicalName() {
        return canonicalName;
    }

    /** SDS v2.1 messages name files as documented: the canonical name. */
    @Override
    public String messageName() {
        return canonicalName;
    }

    /** {@code orgs}, {@code academicSessions}: the canonical name without {@code .csv}. */
    @Override
    public String entity() {
        return canonicalName.substring(0, canonicalName.length() - 4);
    }

    /** True for orgs.csv, users.csv and roles.csv. */
    @Override
    public boolean isRequired() {
        return required;
    }

    @Override
    public List<String> keyColumns() {
        return keyColumns;
    }

    /** Every known column, in the order of Microsoft's samples. */
    public List<V21Column> columns() {
        return columns;
    }

    /** The names of {@link #columns()}, in order. */
    public List<String> columnNames() {
        return columns.stream().map(V21Column::name).toList();
    }

    @Override
    public List<String> requiredColumns() {
        return columns.stream().filter(V21Column::isRequired).map(V21Column::name).toList();
    }

    /** The column of that exact (case-sensitive) name. */
    public Optional<V21Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    @Override
    public boolean knows(String column) {
        return column(column).isPresent();
    }

    /** The file a name denotes, matched case-insensitively. */
    public static Optional<V21File> byFileName(String name) {
        for (V21File f : values()) {
            if (f.canonicalName.equalsIgnoreCase(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
