package dev.mapiagent.collector;

import dev.mapiagent.collector.support.TestDatabase;

/** Bulk heals on a real PostgreSQL server (MAPI_TEST_PG_URL, see scripts/test-postgres.sh). */
class PostgresBulkHealContractTest extends BulkHealContractTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
