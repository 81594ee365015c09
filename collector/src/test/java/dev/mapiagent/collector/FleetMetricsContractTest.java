package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mapiagent.collector.service.FleetFiguresService;
import dev.mapiagent.collector.support.Http;
import dev.mapiagent.collector.support.MutableClock;
import dev.mapiagent.collector.support.Reports;
import dev.mapiagent.collector.support.Scrape;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import dev.mapiagent.protocol.Report;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fleet gauges of /metrics on each database (see the two subclasses). */
abstract class FleetMetricsContractTest {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final String ENDPOINT = "mail.contoso.com";

    MutableClock clock;
    TestCollector collector;
    Http http;

    abstract TestDatabase database();

    @BeforeEach
    void start() {
        clock = new MutableClock(T0);
        collector = new TestCollector(database().freshUrl(), clock);
        http = collector.http();
    }

    @AfterEach
    void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    private Scrape scrape() {
        Http.Response r = http.get("/metrics", null);
        assertEquals(200, r.status(), r.body());
        return new Scrape(r.body());
    }

    private void report(String deviceId, Report report) {
        String agent = collector.enroll(deviceId, report.hostname());
        assertEquals(201, http.postJson("/api/v1/reports", agent, report).status());
    }

    @Test
    void devicesAreCountedByVerdictProtocolEndpointAndFinding() {
        report("dev-1", Reports.failing("dev-1", "PC-0001", T0, ENDPOINT));
        report("dev-2", Reports.degraded("dev-2", "PC-0002", T0, ENDPOINT));
        report("dev-3", Reports.healthy("dev-3", "PC-0003", T0, "mail.fabrikam.com"));
        collector.enroll("dev-4", "PC-0004");

        Scrape s = scrape();

        assertEquals(1, s.value("mapi_devices{verdict=\"FAILING\"}"));
        assertEquals(1, s.value("mapi_devices{verdict=\"DEGRADED\"}"));
        assertEquals(1, s.value("mapi_devices{verdict=\"HEALTHY\"}"));
        assertEquals(1, s.value("mapi_devices{verdict=\"UNKNOWN\"}"), "enrolled, no report yet");
        assertEquals(1, s.value("mapi_devices_by_protocol{protocol=\"MAPI_HTTP\"}"));
        assertEquals(1, s.value("mapi_devices_by_protocol{protocol=\"RPC_HTTP\"}"));
        assertEquals(2, s.value("mapi_devices_by_protocol{protocol=\"UNKNOWN\"}"));
        assertEquals(1, s.value("mapi_endpoint_devices{endpoint=\"mail.contoso.com\",protocol=\"RPC_HTTP\",verdict=\"DEGRADED\"}"));
        assertEquals(1, s.value("mapi_endpoint_devices{endpoint=\"mail.fabrikam.com\",protocol=\"MAPI_HTTP\",verdict=\"HEALTHY\"}"));
        assertEquals(1, s.value("mapi_endpoint_devices{endpoint=\"none\",protocol=\"UNKNOWN\",verdict=\"UNKNOWN\"}"));
        assertEquals(1, s.value("mapi_devices_with_finding{code=\"MAPI_ENDPOINT_HTTP_503\"}"));
        assertEquals(1, s.value("mapi_devices_with_finding{code=\"MAPIHTTP_DISABLED_REGISTRY\"}"));
        assertEquals(0, s.value("mapi_devices_with_finding{code=\"OFFICE_SSPI_CREDENTIALS\"}"));
        assertEquals(T0.getEpochSecond(), s.value("mapi_fleet_figures_timestamp_seconds"));
    }

    @Test
    void manyDevicesFailingAlikeOnOneEndpointCountAsAServerSideIncident() {
        for (int i = 1; i <= 3; i++) {
            report("dev-" + i, Reports.failing("dev-" + i, "PC-000" + i, T0, ENDPOINT));
        }
        report("dev-9", Reports.degraded("dev-9", "PC-0009", T0, "mail.fabrikam.com"));

        Scrape s = scrape();

        assertEquals(1, s.value("mapi_incidents{side=\"server\"}"));
        assertEquals(1, s.value("mapi_incidents{side=\"client\"}"));
        assertEquals(0, s.value("mapi_incidents{side=\"unclear\"}"));
    }

    @Test
    void devicesNotHeardFromAreCountedPerAge() {
        collector.enroll("dev-old", "PC-OLD");
        clock.advance(Duration.ofDays(8));
        report("dev-new", Reports.healthy("dev-new", "PC-NEW", clock.instant(), ENDPOINT));

        Scrape s = scrape();

        assertEquals(1, s.value("mapi_devices_silent{days=\"1\"}"));
        assertEquals(1, s.value("mapi_devices_silent{days=\"7\"}"));
        assertEquals(0, s.value("mapi_devices_silent{days=\"30\"}"));
    }

    @Test
    void theFiguresAreComputedOncePerMaxAgeNotPerScrape() {
        report("dev-1", Reports.failing("dev-1", "PC-0001", T0, ENDPOINT));
        assertEquals(1, scrape().value("mapi_devices{verdict=\"FAILING\"}"));
        report("dev-2", Reports.failing("dev-2", "PC-0002", T0, ENDPOINT));

        clock.advance(FleetFiguresService.MAX_AGE.minusSeconds(1));
        assertEquals(1, scrape().value("mapi_devices{verdict=\"FAILING\"}"), "still the cached figures");

        clock.advance(Duration.ofSeconds(1));
        Scrape fresh = scrape();
        assertEquals(2, fresh.value("mapi_devices{verdict=\"FAILING\"}"));
        assertEquals(clock.instant().getEpochSecond(), fresh.value("mapi_fleet_figures_timestamp_seconds"));
    }
}
