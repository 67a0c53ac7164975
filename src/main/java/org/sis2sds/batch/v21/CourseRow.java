package org.sis2sds.batch.v21;

import org.sis2sds.batch.V21File;

/**
 * A row of courses.csv.
 *
 * @param schoolYearSourcedId an academic session of type schoolYear, or null
 * @param subject             a subject code of SDS's list of values, or null
 * @param grade               a code of {@link org.sis2sds.batch.V21Enum#GRADE}, or null
 */
public record CourseRow(String sourcedId, String orgSourcedId, String title, String code, String schoolYearSourcedId,
                        String subject, String grade) implements V21Row {
    @Override
    public V21File file() {
        return V21File.COURSES;
    }

    @Override
    public String[] cells() {
        return new String[] {sourcedId, orgSourcedId, title, code, schoolYearSourcedId, subject, grade};
    }
}
