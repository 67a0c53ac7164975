package org.sis2sds.batch.v21;

import org.sis2sds.batch.V21File;

/**
 * A row of orgs.csv.
 *
 * @param type            a code of {@link org.sis2sds.batch.V21Enum#ORG_TYPE} ({@code school}, {@code district}...)
 * @param parentSourcedId the parent org (a school's district), or null
 */
public record OrgRow(String sourcedId, String name, String type, String parentSourcedId) implements V21Row {
    @Override
    public V21File file() {
        return V21File.ORGS;
    }

    @Override
    public String[] cells() {
        return new String[] {sourcedId, name, type, parentSourcedId};
    }
}
