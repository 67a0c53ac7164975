package org.sis2sds.sync;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The databases the sync tests run on: the embedded H2 default, and PostgreSQL when SIS2SDS_TEST_PG_URL is set
 * (each test gets a fresh schema, dropped afterwards).
 */
public enum TestDb {
    H2, PG;

    public static final String PG_URL = System.getenv("SIS2SDS_TEST_PG_URL");

    /** Skips the test when this database is not available. */
    public void assumeAvailable() {
        if (this == PG) {
            assumeTrue(PG_URL != null && !PG_URL.isBlank(), "SIS2SDS_TEST_PG_URL is not set");
        }
    }

    /** Settings for a fresh database (H2: the default file database under the test's work dir). */
    public Map<String, String> freshSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        if (this == PG) {
            m.put("sis2sds.db.url", PG_URL);
            m.put("sis2sds.db.schema", "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        }
        return m;
    }

    /** Drops the schema a PostgreSQL test used. */
    public void drop(Map<String, String> settings) {
        String schema = settings.get("sis2sds.db.schema");
        if (this != PG || schema == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(PG_URL); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (Exception e) {
            // best effort
        }
    }
}
