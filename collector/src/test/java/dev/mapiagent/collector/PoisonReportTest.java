package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mapiagent.collector.support.Http;
import dev.mapiagent.collector.support.Reports;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import dev.mapiagent.protocol.Report;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A request the collector cannot store is refused with a 400 on the first try, never a 500 on every retry (which
 * would wedge the agent's spool behind it): NUL characters in any text, and endpoint hosts longer than a DNS name.
 */
class PoisonReportTest {

    private static final String NUL = "\u0000";

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aReportWithANulCharacterIsRefusedAndTheNextOneIsStored(TestDatabase kind) {
        try (TestCollector collector = new TestCollector(kind.freshUrl(), Clock.systemUTC())) {
            String agent = collector.enroll("pc-1", "pc-1");
            Report poisoned = Reports.healthy("pc-1", "pc" + NUL + "1", Instant.now(), "outlook.office365.com");
            Http.Response refused = collector.http().postJson("/api/v1/reports", agent, poisoned);
            assertEquals(400, refused.status(), refused.body());
            assertEquals("NUL character in text", refused.json().path("error").asText());
            assertEquals(201, collector.http().postJson("/api/v1/reports", agent,
                    Reports.healthy("pc-1", "pc-1", Instant.now(), "outlook.office365.com")).status());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void nulCharactersAreRefusedInEnrolmentsMemberNamesAndUrls(TestDatabase kind) {
        try (TestCollector collector = new TestCollector(kind.freshUrl(), Clock.systemUTC())) {
            Http http = collector.http();
            assertEquals(400, http.postJson("/api/v1/enroll", null, Map.of("enrollSecret", TestCollector.ENROLL_SECRET,
                    "deviceId", "pc-2", "hostname", "pc" + NUL, "user", "ann")).status());
            assertEquals(400, http.postJson("/api/v1/login", null, Map.of("username", "ad" + NUL + "min",
                    "password", "x")).status());
            assertEquals(400, http.postJson("/api/v1/login", null, "{\"user\\u0000name\": \"admin\"}").status());
            assertEquals(400, http.get("/api/v1/devices?q=a%00b", TestCollector.admin()).status());
            assertEquals(400, http.get("/api/v1/audit?deviceId=a%00b", TestCollector.admin()).status());
            int devicePath = http.get("/api/v1/devices/a%00b", TestCollector.admin()).status();
            assertEquals(400, devicePath);
            assertEquals(401, http.get("/api/v1/devices", Http.basic("ad" + NUL + "min", "x")).status());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anEndpointHostLongerThanADnsNameIsStoredWithoutAnEndpoint(TestDatabase kind) {
        try (TestCollector collector = new TestCollector(kind.freshUrl(), Clock.systemUTC())) {
            String agent = collector.enroll("pc-3", "pc-3");
            String host = "a".repeat(300) + ".example.com";
            Report report = Reports.healthy("pc-3", "pc-3", Instant.now(), host);
            Http.Response r = collector.http().postJson("/api/v1/reports", agent, report);
            assertEquals(201, r.status(), r.body());
            var device = collector.http().get("/api/v1/devices/pc-3", TestCollector.admin()).json();
            assertEquals(report.reportId(), device.path("latest").path("reportId").asText());
            assertEquals(true, device.path("endpointHost").isNull() || device.path("endpointHost").isMissingNode());
        }
    }
}
