package org.sis2sds.api;

import org.sis2sds.sync.TestDb;

/** The API contract on the embedded H2 database. */
class SyncApiH2Test extends AbstractSyncApiTest {
    @Override
    protected TestDb db() {
        return TestDb.H2;
    }
}
