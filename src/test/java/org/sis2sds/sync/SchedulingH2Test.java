package org.sis2sds.sync;

/** Scheduling on H2. */
class SchedulingH2Test extends AbstractSchedulingTest {
    @Override
    protected TestDb db() {
        return TestDb.H2;
    }
}
