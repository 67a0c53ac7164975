package org.sis2sds.batch.v21;

import org.sis2sds.batch.V21File;

/**
 * A row of academicSessions.csv.
 *
 * @param type       a code of {@link org.sis2sds.batch.V21Enum#SESSION_TYPE} ({@code schoolYear}, {@code term}...)
 * @param schoolYear four digits ({@code 2026})
 * @param startDate  ISO 8601 ({@code 2025-08-18})
 * @param endDate    ISO 8601
 */
public record AcademicSessionRow(String sourcedId, String title, String type, String schoolYear, String startDate,
                                 String endDate) implements V21Row {
    @Override
    public V21File file() {
        return V21File.ACADEMIC_SESSIONS;
    }

    @Override
    public String[] cells() {
        return new String[] {sourcedId, title, type, schoolYear, startDate, endDate};
    }
}
