package org.sis2sds.batch;

/**
 * The data types of SDS v2.1 columns (research industrydata.md §4.2, "Matching and validation rules by data type").
 */
public enum V21Type {
    /** A unique ID or a reference to one: matched case-sensitively, as received. */
    ID,
    /** A comma-separated list of references (classes.csv {@code sessionSourcedIds}). */
    ID_LIST,
    /** Free text, case-sensitive, as received. */
    STRING,
    /** A code of a list of values ({@link V21Enum}), matched case-insensitively. */
    ENUM,
    /** A comma-separated list of codes (demographics.csv {@code raceCodes}, {@code ethnicityCodes}). */
    ENUM_LIST,
    /** An e-mail address (RFC 5322 addr-spec). */
    EMAIL,
    /** A phone number in E.164 form: {@code +} and up to 15 digits. */
    PHONE,
    /** An ISO 8601 date ({@code 2021-08-24}), optionally with a time. */
    DATE,
    /** {@code true} or {@code false}, case-insensitive. */
    BOOLEAN,
    /** A year, four digits ({@code 2021}). */
    YEAR
}
