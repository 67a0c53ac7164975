package org.sis2sds.batch.v21;

import java.util.List;
import org.sis2sds.batch.V21File;

/**
 * A row of classes.csv (a section).
 *
 * @param sessionSourcedIds the academic sessions (terms) of the class, or null
 * @param courseSourcedId   the course, or null
 */
public record ClassRow(String sourcedId, String orgSourcedId, String title, List<String> sessionSourcedIds,
                       String courseSourcedId) implements V21Row {
    @Override
    public V21File file() {
        return V21File.CLASSES;
    }

    @Override
    public String[] cells() {
        return new String[] {sourcedId, orgSourcedId, title, V21Row.list(sessionSourcedIds), courseSourcedId};
    }
}
