package org.sis2sds.batch.v21;

import java.util.List;
import org.sis2sds.batch.V21File;

/** One row of an SDS v2.1 file, ready for {@link V21Writer}. */
public sealed interface V21Row permits OrgRow, AcademicSessionRow, CourseRow, UserRow, ClassRow, RoleRow,
        EnrollmentRow, DemographicsRow, UserFlagRow, RelationshipRow {

    /** The file the row belongs to. */
    V21File file();

    /** The cells, in the order of {@link V21Writer#header(V21File)}; null or "" for an empty cell. */
    String[] cells();

    /** A list cell: the values joined with commas (SDS v2.1 list columns), "" for null or empty. */
    static String list(List<String> values) {
        return values == null ? "" : String.join(",", values);
    }

    /** A boolean cell: {@code true}, {@code false} or "" for null. */
    static String bool(Boolean b) {
        return b == null ? "" : b.toString();
    }
}
