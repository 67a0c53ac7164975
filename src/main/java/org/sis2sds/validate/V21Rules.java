package org.sis2sds.validate;

/**
 * The rule codes of SDS v2.1 validation (docs/validator.md, "SDS v2.1 rules") and of the format checks both formats
 * share. A rule whose type depends on the column is an Error in a required column (SDS drops the record) and a
 * Warning in an optional one (SDS drops the value).
 */
final class V21Rules {
    /** A required file (orgs, users, roles) is absent. */
    static final String FILE_NOT_FOUND = "V21-01";
    /** A file another needs is absent: classes/enrollments pair, referenced academicSessions or courses. */
    static final String NEEDED_FILE_NOT_FOUND = "V21-02";
    /** A file has no header row. */
    static final String EMPTY_FILE = "V21-03";
    /** A required header is absent. */
    static final String HEADER_NOT_PRESENT = "V21-04";
    /** A header names a column twice. */
    static final String DUPLICATE_COLUMN = "V21-05";
    /** A header names a column SDS does not know. */
    static final String UNKNOWN_COLUMN = "V21-06";
    /** A blank value where one is required (Warning for users' givenName and familyName). */
    static final String MISSING_VALUE = "V21-07";
    /** A value that breaks its type (ID, e-mail, phone, date, boolean, year). */
    static final String INVALID_FORMAT = "V21-08";
    /** A code not in the column's list of values. */
    static final String UNKNOWN_CODE = "V21-09";
    /** A line break inside a value. */
    static final String LINE_BREAK = "V21-10";
    /** A unique ID repeats. */
    static final String DUPLICATE_ID = "V21-11";
    /** A username repeats (case-insensitive). */
    static final String DUPLICATE_USERNAME = "V21-12";
    /** A role repeats (same user, org and role). */
    static final String DUPLICATE_ROLE = "V21-13";
    /** A reference has no target. */
    static final String REFERENCE_NOT_FOUND = "V21-14";
    /** An org's parent chain loops. */
    static final String PARENT_CYCLE = "V21-15";
    /** A contact lacks the givenName, familyName or email contacts need. */
    static final String INCOMPLETE_CONTACT = "V21-16";
    /** A row has another number of fields than the header. */
    static final String FIELD_COUNT = "V21-17";
    /** The file is not UTF-8. */
    static final String NOT_UTF8 = "V21-18";
    /** A row longer than the record cap. */
    static final String RECORD_TOO_LONG = "V21-19";
    /** A file has a header but no data rows. */
    static final String NO_DATA_ROWS = "V21-20";

    /** A folder holds files of both formats. */
    static final String MIXED_FORMATS = "F01";
    /** An SDS v2 (not 2.1) file set. */
    static final String SDS_V2 = "F02";

    private V21Rules() {
    }
}
