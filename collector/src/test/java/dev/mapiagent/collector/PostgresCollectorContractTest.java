package dev.mapiagent.collector;

import dev.mapiagent.collector.support.TestDatabase;

/** The contract on a real PostgreSQL server (MAPI_TEST_PG_URL, see scripts/test-postgres.sh). */
class PostgresCollectorContractTest extends CollectorContractTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
