package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.collector.support.Http;
import dev.mapiagent.collector.support.Reports;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One device flooding the collector is held to its report budget; another device's reports keep being stored. */
class ReportFloodTest {

    @Test
    void aFloodingDeviceGets429WithRetryAfterWhileAnotherDevicesReportsAreStored() {
        try (TestCollector collector = new TestCollector(TestDatabase.H2.freshUrl(), Clock.systemUTC())) {
            Http http = collector.http();
            String flooder = collector.enroll("pc-flood", "pc-flood");
            String quiet = collector.enroll("pc-quiet", "pc-quiet");
            int stored = 0;
            int refused = 0;
            for (int i = 0; i < 150; i++) {
                Http.Response r = http.postJson("/api/v1/reports", flooder,
                        Reports.healthy("pc-flood", "pc-flood", Instant.now(), "outlook.office365.com"));
                if (r.status() == 429) {
                    refused++;
                    assertTrue(Integer.parseInt(r.header("Retry-After")) >= 1, r.headers().toString());
                    assertEquals("this device's report budget is used up", r.json().path("error").asText());
                } else {
                    assertEquals(201, r.status(), r.body());
                    stored++;
                }
                if (i % 10 == 0) {
                    assertEquals(201, http.postJson("/api/v1/reports", quiet,
                            Reports.healthy("pc-quiet", "pc-quiet", Instant.now(), "outlook.office365.com")).status());
                }
            }
            assertTrue(refused > 0, "the flood was never refused");
            assertTrue(stored >= 60, "the burst was not stored: " + stored);
        }
    }
}
