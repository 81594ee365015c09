package dev.mapiagent.collector;

import dev.mapiagent.collector.support.TestDatabase;

/** Retention on the embedded database (H2 file in PostgreSQL mode). */
class H2RetentionContractTest extends RetentionContractTest {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
