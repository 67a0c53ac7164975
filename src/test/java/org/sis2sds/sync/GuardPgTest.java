package org.sis2sds.sync;

/** Change detection and the shrink guard on PostgreSQL (when SIS2SDS_TEST_PG_URL is set). */
class GuardPgTest extends AbstractGuardTest {
    @Override
    protected TestDb db() {
        return TestDb.PG;
    }
}
