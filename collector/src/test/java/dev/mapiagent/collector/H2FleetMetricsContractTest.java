package dev.mapiagent.collector;

import dev.mapiagent.collector.support.TestDatabase;

/** The fleet gauges on the embedded database (H2 file in PostgreSQL mode). */
class H2FleetMetricsContractTest extends FleetMetricsContractTest {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
