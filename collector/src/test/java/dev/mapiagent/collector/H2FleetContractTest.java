package dev.mapiagent.collector;

import dev.mapiagent.collector.support.TestDatabase;

/** The fleet contract on the embedded database (H2 file in PostgreSQL mode). */
class H2FleetContractTest extends FleetContractTest {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
