package dev.mapiagent.collector;

import dev.mapiagent.collector.support.TestDatabase;

/** Retention on a real PostgreSQL server (MAPI_TEST_PG_URL, see scripts/test-postgres.sh). */
class PostgresRetentionContractTest extends RetentionContractTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
