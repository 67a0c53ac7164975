package org.sis2sds.batch.v21;

import org.sis2sds.batch.V21File;

/**
 * A row of userFlags.csv.
 *
 * @param flag a code of {@link org.sis2sds.batch.V21Enum#FLAG} ({@code iep}, {@code 504}, {@code freeLunch}...)
 */
public record UserFlagRow(String userSourcedId, String flag) implements V21Row {
    @Override
    public V21File file() {
        return V21File.USER_FLAGS;
    }

    @Override
    public String[] cells() {
        return new String[] {userSourcedId, flag};
    }
}
