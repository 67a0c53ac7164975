package org.sis2sds.api;

import org.sis2sds.sync.TestDb;

/** The API contract on PostgreSQL (runs when SIS2SDS_TEST_PG_URL is set). */
class SyncApiPgTest extends AbstractSyncApiTest {
    @Override
    protected TestDb db() {
        return TestDb.PG;
    }
}
