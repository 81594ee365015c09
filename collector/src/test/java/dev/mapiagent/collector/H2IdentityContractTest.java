package dev.mapiagent.collector;

import dev.mapiagent.collector.support.TestDatabase;

/** Identity and access on the embedded database (H2 file in PostgreSQL mode). */
class H2IdentityContractTest extends IdentityContractTest {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
