package org.sis2sds.batch;

import java.util.Optional;

/**
 * One column of an SDS v2.1 file (research industrydata.md §4.3).
 *
 * @param name        the header, as SDS spells it (headers are case-sensitive)
 * @param requirement whether the header and a value must be present
 * @param type        the data type of its values
 * @param vocabulary  the list of values of an {@link V21Type#ENUM} or {@link V21Type#ENUM_LIST} column, else null
 * @param references  the canonical name of the file whose {@code sourcedId} this column refers to, else null
 * @param secret      true for values that must never be shown (passwords): no samples in messages
 */
public record V21Column(String name, Requirement requirement, V21Type type, V21Enum vocabulary, String references,
                        boolean secret) {

    /** Whether a column's header and values must be present. */
    public enum Requirement {
        /** Header required; a blank value is an Error (SDS drops the record). */
        REQUIRED,
        /**
         * Header optional; values required in some cases only (users.csv givenName and familyName: "only if creating
         * users"): a blank value is a Warning.
         */
        CONDITIONAL,
        /** Header optional; a blank value is fine, an invalid one is a Warning (SDS drops the value). */
        OPTIONAL
    }

    public boolean isRequired() {
        return requirement == Requirement.REQUIRED;
    }

    /** The file this column refers to, if it is a reference. */
    public Optional<V21File> target() {
        return references == null ? Optional.empty() : V21File.byFileName(references);
    }
}
