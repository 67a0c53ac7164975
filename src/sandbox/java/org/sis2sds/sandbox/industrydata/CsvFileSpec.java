package org.sis2sds.sandbox.industrydata;

import java.util.List;
import java.util.Locale;
import org.sis2sds.batch.SdsFile;

/**
 * One file a connector's format knows: its exact name, whether it must be uploaded, and its required and optional
 * headers (research §4.1, §4.3; v1 from the product's {@link SdsFile}).
 *
 * @param presence REQUIRED (orgs, users, roles), PAIRED (classes with enrollments) or OPTIONAL
 * @param entity   the statistics entity its rows count as: organizations, people, groups, memberships or ""
 */
record CsvFileSpec(String name, Presence presence, List<String> required, List<String> optional, String entity) {

    enum Presence { REQUIRED, PAIRED, OPTIONAL }

    static final String V21 = "schoolDataSyncV2Rev1";
    static final String V1 = "schoolDataSyncV1";

    static final List<CsvFileSpec> V21_FILES = List.of(
            new CsvFileSpec("orgs.csv", Presence.REQUIRED, List.of("sourcedId", "name", "type"),
                    List.of("parentSourcedId"), "organizations"),
            new CsvFileSpec("users.csv", Presence.REQUIRED, List.of("sourcedId", "username"),
                    List.of("givenName", "familyName", "middleName", "password", "activeDirectoryMatchId", "email",
                            "phone", "sms", "userNumber"), "people"),
            new CsvFileSpec("roles.csv", Presence.REQUIRED, List.of("userSourcedId", "orgSourcedId", "role"),
                    List.of("sessionSourcedId", "grade", "isPrimary", "roleStartDate", "roleEndDate"), ""),
            new CsvFileSpec("classes.csv", Presence.PAIRED, List.of("sourcedId", "orgSourcedId", "title"),
                    List.of("sessionSourcedIds", "courseSourcedId", "code"), "groups"),
            new CsvFileSpec("enrollments.csv", Presence.PAIRED, List.of("classSourcedId", "userSourcedId", "role"),
                    List.of(), "memberships"),
            new CsvFileSpec("academicSessions.csv", Presence.OPTIONAL,
                    List.of("sourcedId", "title", "type", "schoolYear", "startDate", "endDate"), List.of(), ""),
            new CsvFileSpec("courses.csv", Presence.OPTIONAL, List.of("sourcedId", "orgSourcedId", "title"),
                    List.of("code", "schoolYearSourcedId", "subject", "grade"), ""),
            new CsvFileSpec("demographics.csv", Presence.OPTIONAL, List.of("userSourcedId"),
                    List.of("sex", "birthDate", "birthCity", "birthState", "birthCountry", "ethnicityCodes",
                            "raceCodes"), ""),
            new CsvFileSpec("userFlags.csv", Presence.OPTIONAL, List.of("userSourcedId", "flag"), List.of(), ""),
            new CsvFileSpec("relationships.csv", Presence.OPTIONAL,
                    List.of("userSourcedId", "relationshipUserSourcedId", "relationshipRole"), List.of(), ""));

    static final List<CsvFileSpec> V1_FILES = java.util.Arrays.stream(SdsFile.values())
            .map(f -> new CsvFileSpec(f.canonicalName(), Presence.REQUIRED, f.requiredColumns(), f.optionalColumns(),
                    switch (f) {
                        case SCHOOL -> "organizations";
                        case STUDENT, TEACHER -> "people";
                        case SECTION -> "groups";
                        case STUDENT_ENROLLMENT, TEACHER_ROSTER -> "memberships";
                    }))
            .toList();

    /** The files of a connector's fileFormat code. */
    static List<CsvFileSpec> of(String format) {
        return V1.equals(format) ? V1_FILES : V21_FILES;
    }

    /** Does an uploaded file's name denote this file? v2.1 names are exact; v1 names match in any case. */
    boolean matches(String uploaded, String format) {
        return V1.equals(format) ? name.toLowerCase(Locale.ROOT).equals(uploaded.toLowerCase(Locale.ROOT))
                : name.equals(uploaded);
    }
}
