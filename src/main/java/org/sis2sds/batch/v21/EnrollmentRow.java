package org.sis2sds.batch.v21;

import org.sis2sds.batch.V21File;

/**
 * A row of enrollments.csv: a user in a class.
 *
 * @param role a code of {@link org.sis2sds.batch.V21Enum#ENROLLMENT_ROLE}: {@code student}, {@code teacher} (every
 *             teacher of a section, co-teachers included)...
 */
public record EnrollmentRow(String classSourcedId, String userSourcedId, String role) implements V21Row {
    @Override
    public V21File file() {
        return V21File.ENROLLMENTS;
    }

    @Override
    public String[] cells() {
        return new String[] {classSourcedId, userSourcedId, role};
    }
}
