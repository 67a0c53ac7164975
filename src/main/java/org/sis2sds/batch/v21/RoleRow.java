package org.sis2sds.batch.v21;

import org.sis2sds.batch.V21File;

/**
 * A row of roles.csv: one role of a user at one org (a user may have several).
 *
 * @param role             a code of {@link org.sis2sds.batch.V21Enum#ROLE} ({@code student}, {@code teacher}...)
 * @param sessionSourcedId an academic session, or null
 * @param grade            a code of {@link org.sis2sds.batch.V21Enum#GRADE} ({@code 01}, {@code kg}...), or null
 * @param isPrimary        whether this is the user's primary org, or null
 * @param roleStartDate    ISO 8601, or null
 * @param roleEndDate      ISO 8601, or null
 */
public record RoleRow(String userSourcedId, String orgSourcedId, String role, String sessionSourcedId, String grade,
                      Boolean isPrimary, String roleStartDate, String roleEndDate) implements V21Row {
    @Override
    public V21File file() {
        return V21File.ROLES;
    }

    @Override
    public String[] cells() {
        return new String[] {userSourcedId, orgSourcedId, role, sessionSourcedId, grade, V21Row.bool(isPrimary),
            roleStartDate, roleEndDate};
    }
}
