package dev.mapiagent.collector;

import dev.mapiagent.collector.support.TestDatabase;

/** Identity and access on a real PostgreSQL server (MAPI_TEST_PG_URL, see scripts/test-postgres.sh). */
class PostgresIdentityContractTest extends IdentityContractTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
