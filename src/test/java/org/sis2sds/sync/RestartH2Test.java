package org.sis2sds.sync;

/** Restarts on H2. */
class RestartH2Test extends AbstractRestartTest {
    @Override
    protected TestDb db() {
        return TestDb.H2;
    }
}
