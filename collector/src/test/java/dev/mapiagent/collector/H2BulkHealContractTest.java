package dev.mapiagent.collector;

import dev.mapiagent.collector.support.TestDatabase;

/** Bulk heals on the embedded database (H2 file in PostgreSQL mode). */
class H2BulkHealContractTest extends BulkHealContractTest {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
