package org.sis2sds.ops;

import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: the sync database answers. */
public final class DatabaseCheck extends AbstractHealthCheck {
    private final DataSource dataSource;

    public DatabaseCheck(DataSource dataSource) {
        super("sis2sds", "database");
        this.dataSource = dataSource;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection c = dataSource.getConnection()) {
            if (c.isValid(3)) {
                builder.up();
            } else {
                builder.message("the database did not answer").down();
            }
        } catch (Exception e) {
            builder.message("the database cannot be reached: " + e.getMessage()).down();
        }
    }
}
