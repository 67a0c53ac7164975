package org.sis2sds.sync;

/** Scheduling on PostgreSQL (when SIS2SDS_TEST_PG_URL is set). */
class SchedulingPgTest extends AbstractSchedulingTest {
    @Override
    protected TestDb db() {
        return TestDb.PG;
    }
}
