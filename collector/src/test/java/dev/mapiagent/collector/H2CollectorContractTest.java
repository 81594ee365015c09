package dev.mapiagent.collector;

import dev.mapiagent.collector.support.TestDatabase;

/** The contract on the embedded database (H2 file in PostgreSQL mode). */
class H2CollectorContractTest extends CollectorContractTest {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
