package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.service.FleetHistoryService;
import dev.mapiagent.collector.service.RetentionService;
import dev.mapiagent.collector.support.Http;
import dev.mapiagent.collector.support.Http.Response;
import dev.mapiagent.collector.support.MutableClock;
import dev.mapiagent.collector.support.Reports;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import dev.mapiagent.protocol.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet side of DESIGN.md §6 (device list at scale, fleet summary and history, bulk heals, retention, API
 * tokens), run the same way against each database (see the two subclasses).
 */
abstract class FleetContractTest {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    MutableClock clock;
    TestCollector collector;
    Http http;
    final String admin = TestCollector.admin();

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

    static void assertError(Response r, int status, String errorContains) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.json().path("error").asText().contains(errorContains), r.body());
        assertFalse(r.body().contains("Exception"), r.body());
    }

    static List<String> ids(Response r) {
        assertEquals(200, r.status(), r.body());
        return StreamSupport.stream(r.json().path("devices").spliterator(), false)
                .map(n -> n.path("deviceId").asText()).toList();
    }

    /** Enrolls the device and posts the report as its latest state. */
    void report(Report report) {
        String agent = collector.enroll(report.deviceId(), report.hostname());
        assertEquals(201, http.postJson("/api/v1/reports", agent, report).status());
    }

    /** Six devices on two endpoints: three degraded (MapiHttpDisabled), two failing (503), one healthy. */
    void sixDevices() {
        report(Reports.degraded("dev-1", "PC-01", T0, "mail.contoso.com"));
        report(Reports.degraded("dev-2", "PC-02", T0, "mail.contoso.com"));
        report(Reports.failing("dev-3", "PC-03", T0, "mail.contoso.com"));
        clock.advance(Duration.ofDays(3));
        report(Reports.degraded("dev-4", "PC-04", T0, "mail.fabrikam.com"));
        report(Reports.failing("dev-5", "PC-05", T0, "mail.fabrikam.com"));
        report(Reports.healthy("dev-6", "PC-06", T0, "mail.fabrikam.com"));
    }

    // --- device list at scale ----------------------------------------------------------------------------------

    @Test
    void theDeviceListPagesWithATotal() {
        sixDevices();
        Response first = http.get("/api/v1/devices?limit=4", admin);
        assertEquals(List.of("dev-1", "dev-2", "dev-3", "dev-4"), ids(first));
        assertEquals(6, first.json().path("total").asInt());
        Response second = http.get("/api/v1/devices?limit=4&offset=4", admin);
        assertEquals(List.of("dev-5", "dev-6"), ids(second));
        assertEquals(6, second.json().path("total").asInt());
    }

    @Test
    void theDeviceListSortsByAnyColumnEitherWay() {
        sixDevices();
        assertEquals(List.of("dev-6", "dev-5", "dev-4", "dev-3", "dev-2", "dev-1"), ids(http.get("/api/v1/devices?sort=-hostname", admin)));
        assertEquals(List.of("dev-3", "dev-5", "dev-1", "dev-2", "dev-4", "dev-6"), ids(http.get("/api/v1/devices?sort=verdict", admin)));
        assertEquals(List.of("dev-6", "dev-5", "dev-4", "dev-3", "dev-2", "dev-1"), ids(http.get("/api/v1/devices?sort=-lastSeen", admin)));
        assertError(http.get("/api/v1/devices?sort=password", admin), 400, "invalid sort");
    }

    @Test
    void theDeviceListFiltersByProtocolFindingEndpointAndLastSeen() {
        sixDevices();
        assertEquals(List.of("dev-1", "dev-2", "dev-4"), ids(http.get("/api/v1/devices?protocol=RPC_HTTP", admin)));
        assertEquals(List.of("dev-3", "dev-5"), ids(http.get("/api/v1/devices?finding=MAPI_ENDPOINT_HTTP_503", admin)));
        assertEquals(List.of("dev-4"), ids(http.get("/api/v1/devices?finding=MAPIHTTP_DISABLED_REGISTRY&endpoint=mail.fabrikam.com", admin)));
        Response old = http.get("/api/v1/devices?seenBefore=" + T0.plus(Duration.ofDays(1)), admin);
        assertEquals(List.of("dev-1", "dev-2", "dev-3"), ids(old));
        assertEquals(3, old.json().path("total").asInt());
        assertEquals(List.of("dev-4", "dev-5", "dev-6"), ids(http.get("/api/v1/devices?seenAfter=2026-11-26", admin)));
    }

    @Test
    void theDeviceListFiltersByOfficeVersionAndChannel() {
        sixDevices();
        assertEquals(6, ids(http.get("/api/v1/devices?officeVersion=16.0.17029&officeChannel=current%20channel", admin)).size());
        assertEquals(List.of(), ids(http.get("/api/v1/devices?officeVersion=15.", admin)));
        assertEquals(List.of(), ids(http.get("/api/v1/devices?officeChannel=Semi-Annual%20Enterprise%20Channel", admin)));
    }

    @Test
    void theSearchFindsACaseInsensitivePieceOfTheDeviceIdHostNameOrUser() {
        sixDevices();
        assertEquals(List.of("dev-1", "dev-2", "dev-3", "dev-4", "dev-5", "dev-6"), ids(http.get("/api/v1/devices?q=pc-0", admin)));
        assertEquals(List.of("dev-3"), ids(http.get("/api/v1/devices?q=EV-3", admin)));
        assertEquals(List.of("dev-1", "dev-2", "dev-3", "dev-4", "dev-5", "dev-6"), ids(http.get("/api/v1/devices?q=AnN", admin)));
        assertEquals(List.of("dev-5"), ids(http.get("/api/v1/devices?q=5", admin)), "shorter than a trigram");
        assertEquals(List.of(), ids(http.get("/api/v1/devices?q=pc_0", admin)), "LIKE's wildcards are taken literally");
        assertEquals(List.of(), ids(http.get("/api/v1/devices?q=pc-07", admin)));
    }

    @Test
    void theSearchNeverMatchesAcrossTheDeviceIdHostNameAndUser() {
        sixDevices();
        assertEquals(List.of(), ids(http.get("/api/v1/devices?q=3pc", admin)), "end of the id, start of the host name");
        assertEquals(List.of(), ids(http.get("/api/v1/devices?q=03ann", admin)), "end of the host name, start of the user");
        assertEquals(List.of(), ids(http.get("/api/v1/devices?q=%25", admin)), "a percent sign is taken literally");
        assertEquals(List.of(), ids(http.get("/api/v1/devices?q=!", admin)), "the pattern's escape character too");
        assertError(http.get("/api/v1/devices?q=03%00ann", admin), 400, "NUL character in text");
    }

    @Test
    void theTotalIsTheSameWhetherThePageIsFullShortOrPastTheEnd() {
        sixDevices();
        for (String page : List.of("limit=4", "limit=50", "limit=4&offset=4", "limit=6", "limit=4&offset=10")) {
            assertEquals(6, http.get("/api/v1/devices?q=pc-0&" + page, admin).json().path("total").asInt(), page);
            assertEquals(3, http.get("/api/v1/devices?verdict=DEGRADED&" + page, admin).json().path("total").asInt(), page);
        }
        assertEquals(0, http.get("/api/v1/devices?q=nobody", admin).json().path("total").asInt());
    }

    @Test
    void badDeviceListParametersAre400() {
        assertError(http.get("/api/v1/devices?protocol=IMAP", admin), 400, "invalid protocol");
        assertError(http.get("/api/v1/devices?finding=drop%20table", admin), 400, "invalid finding");
        assertError(http.get("/api/v1/devices?seenBefore=yesterday", admin), 400, "invalid seenBefore");
        assertError(http.get("/api/v1/devices?offset=-1", admin), 400, "invalid offset");
        assertError(http.get("/api/v1/devices?limit=5001", admin), 400, "invalid limit");
    }

    @Test
    void theFilteredListAsCsvHasOneHeaderRowAndEveryMatchingDevice() {
        sixDevices();
        Response csv = http.send("GET", "/api/v1/devices?protocol=RPC_HTTP&sort=-hostname", null,
                "Authorization", admin, "Accept", "text/csv");
        assertEquals(200, csv.status(), csv.body());
        assertTrue(csv.header("Content-Type").startsWith("text/csv"), csv.header("Content-Type"));
        List<String> lines = csv.body().lines().toList();
        assertEquals("deviceId,hostname,user,verdict,protocol,lastSeen,endpointHost,officeVersion,officeChannel", lines.get(0));
        assertEquals(4, lines.size(), csv.body());
        assertTrue(lines.get(1).startsWith("dev-4,PC-04,ann,DEGRADED,RPC_HTTP,"), lines.get(1));
        assertTrue(lines.get(1).endsWith(",mail.fabrikam.com,16.0.17029.20108,\"Current Channel\"")
                || lines.get(1).endsWith(",mail.fabrikam.com,16.0.17029.20108,Current Channel"), lines.get(1));
    }

    @Test
    void aCsvCellASpreadsheetWouldRunAsAFormulaIsMadeInert() {
        report(Reports.healthy("dev-evil", "=HYPERLINK(\"http://evil\",\"x\")", T0, "mail.contoso.com"));
        Response csv = http.send("GET", "/api/v1/devices", null, "Authorization", admin, "Accept", "text/csv");
        String row = csv.body().lines().skip(1).findFirst().orElseThrow();
        assertTrue(row.startsWith("dev-evil,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","), row);
    }

    // --- fleet overview ------------------------------------------------------------------------------------------

    @Test
    void theSummaryCountsDevicesByVerdictProtocolAndEndpoint() {
        sixDevices();
        JsonNode summary = http.get("/api/v1/fleet/summary", admin).json();
        assertEquals(6, summary.path("devices").asInt());
        assertEquals(3, summary.path("byVerdict").path("DEGRADED").asInt());
        assertEquals(2, summary.path("byVerdict").path("FAILING").asInt());
        assertEquals(1, summary.path("byVerdict").path("HEALTHY").asInt());
        assertEquals(0, summary.path("byVerdict").path("UNKNOWN").asInt());
        assertEquals(1, summary.path("byProtocol").path("MAPI_HTTP").asInt());
        assertEquals(3, summary.path("byProtocol").path("RPC_HTTP").asInt());
        assertEquals(2, summary.path("byProtocol").path("UNKNOWN").asInt());
        JsonNode fabrikam = StreamSupport.stream(summary.path("endpoints").spliterator(), false)
                .filter(e -> e.path("endpoint").asText().equals("mail.fabrikam.com")).findFirst().orElseThrow();
        assertEquals(3, fabrikam.path("devices").asInt());
        assertEquals(1, fabrikam.path("byProtocol").path("MAPI_HTTP").asInt());
    }

    @Test
    void theSummaryListsServerSideIncidentsFirstWithTheirRunbookCauseAndPowerShell() {
        report(Reports.degraded("dev-0", "PC-00", T0, "mail.contoso.com"));
        for (int i = 1; i <= 3; i++) {
            report(Reports.failing("dev-" + i, "PC-0" + i, T0.plusSeconds(60L * i), "mail.contoso.com"));
        }
        JsonNode incidents = http.get("/api/v1/fleet/summary", admin).json().path("incidents");
        assertEquals(2, incidents.size(), incidents.toString());
        JsonNode server = incidents.path(0);
        assertEquals("server", server.path("side").asText());
        assertEquals("MAPI_ENDPOINT_HTTP_503", server.path("code").asText());
        assertEquals(4, server.path("cause").path("number").asInt());
        assertTrue(server.path("cause").path("confirm").asText().contains("Get-WebAppPoolState -Name \"MSExchangeMapiMailboxAppPool\""));
        assertEquals("client", incidents.path(1).path("side").asText());
        assertTrue(incidents.path(1).path("cause").isNull(), "a one-PC problem points to no server cause");
    }

    @Test
    void anIncidentFollowsItsDeviceToAnotherEndpointAndNotBackForAnOlderReport() {
        report(Reports.degraded("dev-1", "PC-01", T0, "mail.contoso.com"));
        report(Reports.degraded("dev-1", "PC-01", T0.plusSeconds(60), "mail.fabrikam.com"));
        report(Reports.degraded("dev-1", "PC-01", T0.minusSeconds(60), "mail.contoso.com"));

        JsonNode incidents = http.get("/api/v1/fleet/summary", admin).json().path("incidents");
        assertEquals(1, incidents.size(), incidents.toString());
        assertEquals("mail.fabrikam.com", incidents.path(0).path("endpoint").asText());
        assertEquals(1, incidents.path(0).path("deviceCount").asInt());
        assertEquals(T0.toString(), incidents.path(0).path("firstSince").asText(), "the same finding, seen since T0");
        assertTrue(incidents.path(0).path("reason").asText().contains("PC-01 (dev-1)"), incidents.toString());
        JsonNode listed = http.get("/api/v1/fleet/incidents", admin).json().path("incidents");
        assertEquals("mail.fabrikam.com", listed.path(0).path("endpoint").asText());
        assertEquals("dev-1", listed.path(0).path("devices").path(0).path("deviceId").asText(), listed.toString());
    }

    @Test
    void theSummaryCountsEachIncidentAsTheIncidentListDoes() {
        sixDevices();
        report(Reports.degraded("dev-7", "PC-07", T0.plusSeconds(90), "mail.contoso.com"));
        JsonNode summary = http.get("/api/v1/fleet/summary", admin).json();
        JsonNode listed = http.get("/api/v1/fleet/incidents", admin).json().path("incidents");
        assertEquals(4, summary.path("incidentTotal").asInt());
        assertEquals(4, listed.size());
        for (JsonNode incident : listed) {
            JsonNode shown = StreamSupport.stream(summary.path("incidents").spliterator(), false)
                    .filter(i -> i.path("endpoint").equals(incident.path("endpoint")) && i.path("code").equals(incident.path("code")))
                    .findFirst().orElseThrow();
            for (String field : List.of("severity", "deviceCount", "devicesOnEndpoint", "firstSince", "side", "reason")) {
                assertEquals(incident.path(field), shown.path(field), field + " of " + incident);
            }
            assertEquals(incident.path("deviceCount").asInt(), incident.path("devices").size());
        }
        JsonNode disabled = listed.path(0);
        assertEquals("MAPIHTTP_DISABLED_REGISTRY", disabled.path("code").asText());
        assertEquals("mail.contoso.com", disabled.path("endpoint").asText());
        assertEquals(3, disabled.path("deviceCount").asInt());
        assertEquals(4, disabled.path("devicesOnEndpoint").asInt());
        assertEquals("warning", disabled.path("severity").asText());
        assertEquals(T0.toString(), disabled.path("firstSince").asText());
        assertEquals(T0.plusSeconds(90).toString(), disabled.path("lastSince").asText());
        JsonNode oneFailing = StreamSupport.stream(listed.spliterator(), false)
                .filter(i -> i.path("endpoint").asText().equals("mail.contoso.com") && i.path("code").asText().equals("MAPI_ENDPOINT_HTTP_503"))
                .findFirst().orElseThrow();
        assertEquals("error", oneFailing.path("severity").asText());
        assertEquals("client", oneFailing.path("side").asText());
        assertTrue(oneFailing.path("reason").asText().startsWith("only PC-03 (dev-3) shows MAPI_ENDPOINT_HTTP_503 on mail.contoso.com"),
                oneFailing.path("reason").asText());
    }

    @Test
    void theSummaryNamesAgentsThatStoppedReporting() {
        report(Reports.healthy("dev-old", "PC-OLD", T0, "mail.contoso.com"));
        clock.advance(Duration.ofDays(8));
        report(Reports.healthy("dev-new", "PC-NEW", T0.plus(Duration.ofDays(8)), "mail.contoso.com"));
        JsonNode stale = http.get("/api/v1/fleet/summary", admin).json().path("stale");
        assertEquals(7, stale.path("days").asInt());
        assertEquals(1, stale.path("count").asInt());
        assertEquals("dev-old", stale.path("devices").path(0).path("deviceId").asText());
    }

    // --- fleet history -------------------------------------------------------------------------------------------

    FleetHistoryService history() {
        return new FleetHistoryService(collector.database().jdbi(), clock);
    }

    @Test
    void theHistoryKeepsOnePointPerHourAndPerDayWithTheLastCountsOfEach() {
        report(Reports.degraded("dev-1", "PC-01", T0, "mail.contoso.com"));
        report(Reports.degraded("dev-2", "PC-02", T0, "mail.fabrikam.com"));
        history().record();
        clock.advance(Duration.ofMinutes(70));
        report(Reports.healthy("dev-1", "PC-01", T0.plus(Duration.ofMinutes(70)), "mail.contoso.com"));
        history().record();

        JsonNode hours = http.get("/api/v1/fleet/history?interval=hour", admin).json().path("points");
        assertEquals(2, hours.size(), hours.toString());
        assertEquals(T0.toString(), Instant.parse(hours.path(0).path("at").asText()).toString());
        assertEquals(2, hours.path(0).path("protocols").path("RPC_HTTP").asInt());
        assertEquals(0, hours.path(0).path("protocols").path("MAPI_HTTP").asInt());
        assertEquals(1, hours.path(1).path("protocols").path("MAPI_HTTP").asInt());
        assertEquals(1, hours.path(1).path("verdicts").path("HEALTHY").asInt());
        assertFalse(hours.path(0).has("endpoint"), "fleet-wide points name no endpoint");

        JsonNode days = http.get("/api/v1/fleet/history?interval=day", admin).json().path("points");
        assertEquals(1, days.size(), days.toString());
        assertEquals(1, days.path(0).path("protocols").path("MAPI_HTTP").asInt(), "a day keeps its last counts");
    }

    @Test
    void theHistoryOfOneEndpointCountsOnlyItsDevices() {
        report(Reports.degraded("dev-1", "PC-01", T0, "mail.contoso.com"));
        report(Reports.healthy("dev-2", "PC-02", T0, "mail.fabrikam.com"));
        history().record();
        JsonNode point = http.get("/api/v1/fleet/history?interval=hour&endpoint=mail.fabrikam.com", admin).json().path("points").path(0);
        assertEquals("mail.fabrikam.com", point.path("endpoint").asText());
        assertEquals(1, point.path("protocols").path("MAPI_HTTP").asInt());
        assertEquals(0, point.path("protocols").path("RPC_HTTP").asInt());
    }

    @Test
    void hourlyPointsAreKeptFourteenDaysAndDailyPointsFourHundred() {
        report(Reports.healthy("dev-1", "PC-01", T0, "mail.contoso.com"));
        history().record();
        clock.advance(Duration.ofDays(15));
        history().record();
        assertEquals(1, http.get("/api/v1/fleet/history?interval=hour", admin).json().path("points").size());
        assertEquals(2, http.get("/api/v1/fleet/history?interval=day", admin).json().path("points").size());
        clock.advance(Duration.ofDays(390));
        history().record();
        assertEquals(2, http.get("/api/v1/fleet/history?interval=day", admin).json().path("points").size());
    }

    @Test
    void anUnknownHistoryIntervalIs400() {
        assertError(http.get("/api/v1/fleet/history?interval=week", admin), 400, "invalid interval");
    }

    // --- API tokens ----------------------------------------------------------------------------------------------

    JsonNode createToken(String name, String role) {
        Response r = http.postJson("/api/v1/api-tokens", admin, java.util.Map.of("name", name, "role", role));
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    @Test
    void anApiTokenIsShownOnceAndStoredOnlyAsItsHash() {
        JsonNode created = createToken("ServiceNow", "helpdesk");
        String secret = created.path("token").asText();
        assertTrue(secret.startsWith("mapi_") && secret.length() > 40, secret);
        Response list = http.get("/api/v1/api-tokens", admin);
        assertEquals("ServiceNow", list.json().path("tokens").path(0).path("name").asText());
        assertFalse(list.body().contains(secret), "the list never shows a secret");
        assertFalse(list.json().path("tokens").path(0).has("token"));
        String stored = collector.database().jdbi().withHandle(h ->
                h.createQuery("SELECT token_hash FROM api_tokens").mapTo(String.class).one());
        assertEquals(dev.mapiagent.collector.auth.Tokens.hash(secret), stored);
    }

    @Test
    void aScriptWithAHelpdeskTokenListsDevicesAndQueuesAHealAuditedUnderTheToken() {
        report(Reports.degraded("dev-1", "PC-01", T0, "mail.contoso.com"));
        JsonNode created = createToken("ServiceNow", "helpdesk");
        String bearer = Http.bearer(created.path("token").asText());
        assertEquals(List.of("dev-1"), ids(http.get("/api/v1/devices?finding=MAPIHTTP_DISABLED_REGISTRY", bearer)));
        Response heal = http.postJson("/api/v1/devices/dev-1/heal", bearer, java.util.Map.of("actions", List.of("enable-mapihttp")));
        assertEquals(201, heal.status(), heal.body());
        assertError(http.get("/api/v1/audit", bearer), 403, "needs role admin");
        String audit = http.get("/api/v1/audit", admin).body();
        assertTrue(audit.contains("\"actor\":\"token:" + created.path("tokenId").asText() + ":ServiceNow\""), audit);
        assertTrue(audit.contains("api-token-created"), audit);
    }

    @Test
    void aRevokedTokenIs401AndTheRevocationIsAudited() {
        JsonNode created = createToken("old script", "viewer");
        String bearer = Http.bearer(created.path("token").asText());
        assertEquals(200, http.get("/api/v1/devices", bearer).status());
        Response revoked = http.postJson("/api/v1/api-tokens/" + created.path("tokenId").asText() + "/revoke", admin, java.util.Map.of());
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals("admin", revoked.json().path("revokedBy").asText());
        assertError(http.get("/api/v1/devices", bearer), 401, "unknown or revoked API token");
        assertError(http.postJson("/api/v1/api-tokens/" + created.path("tokenId").asText() + "/revoke", admin, java.util.Map.of()), 409, "already revoked");
        assertTrue(http.get("/api/v1/audit", admin).body().contains("api-token-revoked"));
    }

    @Test
    void onlyAnAdminInPersonManagesTokens() {
        String bearer = Http.bearer(createToken("automation", "admin").path("token").asText());
        assertError(http.postJson("/api/v1/api-tokens", bearer, java.util.Map.of("name", "more", "role", "admin")), 403, "cannot manage API tokens");
        String hank = collector.user("hank", "helpdesk");
        assertError(http.postJson("/api/v1/api-tokens", hank, java.util.Map.of("name", "mine", "role", "helpdesk")), 403, "needs role admin");
        assertError(http.postJson("/api/v1/api-tokens", admin, java.util.Map.of("name", "x", "role", "agent")), 400, "invalid role");
        assertError(http.postJson("/api/v1/api-tokens", admin, java.util.Map.of("role", "viewer")), 400, "invalid name");
    }

    // --- retention -----------------------------------------------------------------------------------------------

    int count(String table) {
        return collector.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }

    @Test
    void retentionDeletesOldReportsInBatchesAndKeepsEachDevicesLatest() {
        for (int d = 1; d <= 3; d++) {
            String agent = collector.enroll("dev-" + d, "PC-0" + d);
            for (int r = 0; r < 5; r++) {
                assertEquals(201, http.postJson("/api/v1/reports", agent,
                        Reports.degraded("dev-" + d, "PC-0" + d, T0.plusSeconds(60L * r), "mail.contoso.com")).status());
            }
        }
        clock.advance(Duration.ofDays(91));
        report(Reports.healthy("dev-4", "PC-04", T0.plus(Duration.ofDays(91)), "mail.contoso.com"));
        RetentionService retention = new RetentionService(collector.database().jdbi(), clock,
                new RetentionService.Policy(Duration.ofDays(90), Duration.ofDays(400), 4, Duration.ZERO));
        assertEquals(12, retention.purge().reports(), "four old reports of each device, in batches of four");
        assertEquals(4, count("reports"), "each device's latest report stays");
        assertEquals(1, http.get("/api/v1/devices/dev-2", admin).json().path("reports").size());
        assertEquals(0, retention.purge().reports());
    }

    @Test
    void auditEntriesAreKeptLongerThanReportsAndThenDeleted() {
        report(Reports.degraded("dev-1", "PC-01", T0, "mail.contoso.com"));
        int entries = count("audit_log");
        assertTrue(entries >= 1, "the enrollment is audited");
        RetentionService retention = new RetentionService(collector.database().jdbi(), clock,
                new RetentionService.Policy(Duration.ofDays(90), Duration.ofDays(400), 2, Duration.ZERO));
        clock.advance(Duration.ofDays(91));
        assertEquals(0, retention.purge().auditEntries(), "audit entries outlive the report history");
        clock.advance(Duration.ofDays(310));
        collector.user("hank", "helpdesk");
        assertEquals(entries, retention.purge().auditEntries());
        assertEquals(List.of("user-created"), StreamSupport.stream(http.get("/api/v1/audit", admin).json()
                .path("entries").spliterator(), false).map(e -> e.path("action").asText()).toList());
    }
}
