package org.sis2sds.sync;

/** Restarts on PostgreSQL (when SIS2SDS_TEST_PG_URL is set). */
class RestartPgTest extends AbstractRestartTest {
    @Override
    protected TestDb db() {
        return TestDb.PG;
    }
}
