package org.sis2sds.batch.v21;

import java.util.List;
import org.sis2sds.batch.V21File;

/**
 * A row of demographics.csv (at most one per user).
 *
 * @param sex            a code of {@link org.sis2sds.batch.V21Enum#SEX}, or null
 * @param birthDate      ISO 8601, or null
 * @param ethnicityCodes codes of {@link org.sis2sds.batch.V21Enum#ETHNICITY}, or null
 * @param raceCodes      codes of {@link org.sis2sds.batch.V21Enum#RACE}, or null
 */
public record DemographicsRow(String userSourcedId, String sex, String birthDate, String birthCity, String birthState,
                              String birthCountry, List<String> ethnicityCodes, List<String> raceCodes)
        implements V21Row {
    @Override
    public V21File file() {
        return V21File.DEMOGRAPHICS;
    }

    @Override
    public String[] cells() {
        return new String[] {userSourcedId, sex, birthDate, birthCity, birthState, birthCountry,
            V21Row.list(ethnicityCodes), V21Row.list(raceCodes)};
    }
}
