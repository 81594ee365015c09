package dev.mapiagent.collector;

import dev.mapiagent.collector.support.TestDatabase;

/** The fleet contract on a real PostgreSQL server (MAPI_TEST_PG_URL, see scripts/test-postgres.sh). */
class PostgresFleetContractTest extends FleetContractTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
