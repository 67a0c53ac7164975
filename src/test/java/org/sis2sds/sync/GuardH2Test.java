package org.sis2sds.sync;

/** Change detection and the shrink guard on H2. */
class GuardH2Test extends AbstractGuardTest {
    @Override
    protected TestDb db() {
        return TestDb.H2;
    }
}
