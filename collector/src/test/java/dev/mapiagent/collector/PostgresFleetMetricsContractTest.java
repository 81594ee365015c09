package dev.mapiagent.collector;

import dev.mapiagent.collector.support.TestDatabase;

/** The fleet gauges on a real PostgreSQL server (MAPI_TEST_PG_URL, see scripts/test-postgres.sh). */
class PostgresFleetMetricsContractTest extends FleetMetricsContractTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
