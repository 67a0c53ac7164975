package org.sis2sds.batch.v21;

import org.sis2sds.batch.V21File;

/**
 * A row of relationships.csv: a student and a contact, both users.
 *
 * @param relationshipUserSourcedId the contact (a users.csv row with givenName, familyName and email)
 * @param relationshipRole          a code of {@link org.sis2sds.batch.V21Enum#RELATIONSHIP_ROLE}
 */
public record RelationshipRow(String userSourcedId, String relationshipUserSourcedId, String relationshipRole)
        implements V21Row {
    @Override
    public V21File file() {
        return V21File.RELATIONSHIPS;
    }

    @Override
    public String[] cells() {
        return new String[] {userSourcedId, relationshipUserSourcedId, relationshipRole};
    }
}
