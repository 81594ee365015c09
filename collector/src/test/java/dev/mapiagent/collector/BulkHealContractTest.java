package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.config.BulkHealLimits;
import dev.mapiagent.collector.db.LeaseDao;
import dev.mapiagent.collector.service.BulkHealService;
import dev.mapiagent.collector.support.Http;
import dev.mapiagent.collector.support.Http.Response;
import dev.mapiagent.collector.support.MutableClock;
import dev.mapiagent.collector.support.Reports;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import dev.mapiagent.protocol.CommandResult;
import dev.mapiagent.protocol.CommandStatus;
import dev.mapiagent.protocol.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk self-heal (POST /api/v1/bulk-heals and its progress, cancel and throttle) run the same way against each
 * database (see the two subclasses). The scheduler's tick is run directly on the test's clock.
 */
abstract class BulkHealContractTest {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final String ENDPOINT = "mail.contoso.com";
    static final Map<String, String> FALLBACK_ON_ENDPOINT =
            Map.of("finding", "MAPIHTTP_DISABLED_REGISTRY", "endpoint", ENDPOINT);
    static final BulkHealLimits LIMITS = new BulkHealLimits(60, 1000);

    MutableClock clock;
    String dbUrl;
    TestCollector collector;
    Http http;
    final String admin = TestCollector.admin();
    final Map<String, String> agents = new HashMap<>();

    abstract TestDatabase database();

    @BeforeEach
    void start() {
        clock = new MutableClock(T0);
        dbUrl = database().freshUrl();
        collector = new TestCollector(dbUrl, clock);
        http = collector.http();
    }

    @AfterEach
    void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    /** The scheduler of a collector on the test's database, as serve runs it every few seconds. */
    BulkHealService scheduler() {
        return new BulkHealService(collector.database().jdbi(), clock, Duration.ofHours(1), LIMITS);
    }

    static void assertError(Response r, int status, String errorContains) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.json().path("error").asText().contains(errorContains), r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("\n"), "one line, no stack: " + r.body());
    }

    void report(Report report) {
        String agent = collector.enroll(report.deviceId(), report.hostname());
        agents.put(report.deviceId(), agent);
        assertEquals(201, http.postJson("/api/v1/reports", agent, report).status());
    }

    /** {@code n} devices on RPC/HTTP because MapiHttpDisabled is set on ENDPOINT, plus three that do not match. */
    void fleet(int n) {
        for (int i = 1; i <= n; i++) {
            report(Reports.degraded("dev-" + i, "PC-0" + i, T0, ENDPOINT));
        }
        report(Reports.degraded("other-1", "PC-X1", T0, "mail.fabrikam.com"));
        report(Reports.failing("other-2", "PC-X2", T0, ENDPOINT));
        report(Reports.healthy("other-3", "PC-X3", T0, ENDPOINT));
    }

    static Map<String, Object> body(Map<String, String> filter, List<String> actions, Integer perMinute) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filter", filter);
        body.put("actions", actions);
        if (perMinute != null) {
            body.put("perMinute", perMinute);
        }
        return body;
    }

    String create(int perMinute) {
        Response r = http.postJson("/api/v1/bulk-heals", admin, body(FALLBACK_ON_ENDPOINT, List.of("enable-mapihttp"), perMinute));
        assertEquals(201, r.status(), r.body());
        return r.json().path("bulkId").asText();
    }

    JsonNode detail(String bulkId) {
        Response r = http.get("/api/v1/bulk-heals/" + bulkId, admin);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static int count(JsonNode bulk, String outcome) {
        return bulk.path("counts").path(outcome).asInt(-1);
    }

    Map<String, JsonNode> itemsByDevice(JsonNode bulk) {
        Map<String, JsonNode> items = new LinkedHashMap<>();
        bulk.path("items").forEach(item -> items.put(item.path("deviceId").asText(), item));
        return items;
    }

    int commandsInDatabase() {
        return collector.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM commands")
                .mapTo(Integer.class).one());
    }

    List<JsonNode> audit(String action) {
        JsonNode entries = http.get("/api/v1/audit?limit=1000", admin).json().path("entries");
        return StreamSupport.stream(entries.spliterator(), false).filter(e -> action.equals(e.path("action").asText())).toList();
    }

    @Test
    void aParkedLongPollGetsABulkStartedHealAtOnceNotAtTheNextRecheck() throws Exception {
        collector.close();
        collector = new TestCollector(TestCollector.config(dbUrl).withWakeRecheck(Duration.ofMinutes(10)), clock);
        http = collector.http();
        fleet(1);
        CompletableFuture<Response> poll = collector.longPoll(agents.get("dev-1"), 60);
        collector.awaitParked(1);
        assertEquals(201, http.postJson("/api/v1/bulk-heals", admin,
                body(FALLBACK_ON_ENDPOINT, List.of("enable-mapihttp"), null)).status());

        assertEquals(1, collector.bulkHeals().tick().started());

        Response answer = poll.get(5, TimeUnit.SECONDS);
        assertEquals(200, answer.status(), answer.body());
        assertEquals(1, answer.json().path("commands").size(), "woken by the start, not held for the 60 s wait");
    }

    @Test
    void aDryRunCountsTheDevicesTheFilterCoversAsTheDeviceListDoesAndQueuesNothing() {
        fleet(4);
        Response r = http.postJson("/api/v1/bulk-heals?dryRun=true", admin,
                body(FALLBACK_ON_ENDPOINT, List.of("enable-mapihttp"), null));
        assertEquals(200, r.status(), r.body());
        assertEquals(4, r.json().path("devices").asInt());
        assertEquals(4, http.get("/api/v1/devices?finding=MAPIHTTP_DISABLED_REGISTRY&endpoint=" + ENDPOINT, admin)
                .json().path("total").asInt());
        assertEquals(0, http.get("/api/v1/bulk-heals", admin).json().path("bulkHeals").size());
        scheduler().tick();
        assertEquals(0, commandsInDatabase());
    }

    @Test
    void aBulkHealQueuesOneHealPerMatchingDeviceAndAnswersHowManyItCovers() {
        fleet(3);
        Response r = http.postJson("/api/v1/bulk-heals", admin,
                body(FALLBACK_ON_ENDPOINT, List.of("enable-mapihttp", "restart-outlook"), 100));
        assertEquals(201, r.status(), r.body());
        assertEquals(3, r.json().path("devices").asInt());
        String bulkId = r.json().path("bulkId").asText();
        assertEquals(3, count(detail(bulkId), "pending"), "nothing is queued before the scheduler runs");

        BulkHealService.Tick tick = scheduler().tick();
        assertEquals(new BulkHealService.Tick(true, 3, 0), tick);
        JsonNode bulk = detail(bulkId);
        assertEquals(3, count(bulk, "queued"));
        assertEquals(0, count(bulk, "pending"));
        assertEquals("finished", bulk.path("state").asText(), "every device started");
        assertEquals(Map.of("finding", "MAPIHTTP_DISABLED_REGISTRY", "endpoint", ENDPOINT),
                Map.of("finding", bulk.path("filter").path("finding").asText(), "endpoint", bulk.path("filter").path("endpoint").asText()));
        assertEquals(List.of("dev-1", "dev-2", "dev-3"), List.copyOf(itemsByDevice(bulk).keySet()));
        JsonNode command = http.get("/api/v1/devices/dev-2", admin).json().path("commands").path(0);
        assertEquals("queued", command.path("status").asText());
        assertEquals("admin", command.path("requestedBy").asText());
        assertEquals(itemsByDevice(bulk).get("dev-2").path("commandId").asText(), command.path("commandId").asText());
        assertEquals(0, http.get("/api/v1/devices/other-1", admin).json().path("commands").size());
        assertEquals(3, commandsInDatabase());
    }

    @Test
    void aBulkHealIsAuditedAsOneOperationNamingWhoTheFilterTheActionsAndTheCount() {
        fleet(3);
        String bulkId = create(100);
        scheduler().tick();
        List<JsonNode> created = audit("bulk-heal-queued");
        assertEquals(1, created.size());
        String detail = created.get(0).path("detail").asText();
        assertEquals("admin", created.get(0).path("actor").asText());
        assertTrue(detail.contains(bulkId) && detail.contains("3 devices") && detail.contains("enable-mapihttp")
                && detail.contains("MAPIHTTP_DISABLED_REGISTRY") && detail.contains(ENDPOINT), detail);
        assertEquals(0, audit("heal-queued").size(), "not one entry per device");
    }

    @Test
    void onlyAnAdminMayBulkHealNotHelpdeskViewerOrAHelpdeskApiToken() {
        fleet(2);
        String helpdesk = collector.user("hank", "helpdesk");
        String viewer = collector.user("vera", "viewer");
        Response token = http.postJson("/api/v1/api-tokens", admin, Map.of("name", "ServiceNow", "role", "helpdesk"));
        String helpdeskToken = Http.bearer(token.json().path("token").asText());
        Map<String, Object> body = body(FALLBACK_ON_ENDPOINT, List.of("enable-mapihttp"), null);
        for (String who : List.of(helpdesk, viewer, helpdeskToken)) {
            assertEquals(403, http.postJson("/api/v1/bulk-heals", who, body).status());
            assertEquals(403, http.postJson("/api/v1/bulk-heals?dryRun=true", who, body).status());
            assertEquals(403, http.get("/api/v1/bulk-heals", who).status());
        }
        String bulkId = create(10);
        assertEquals(403, http.get("/api/v1/bulk-heals/" + bulkId, helpdesk).status());
        assertEquals(403, http.postJson("/api/v1/bulk-heals/" + bulkId + "/cancel", helpdeskToken, Map.of()).status());
        assertEquals(401, http.postJson("/api/v1/bulk-heals", null, body).status());

        Response adminToken = http.postJson("/api/v1/api-tokens", admin, Map.of("name", "script", "role", "admin"));
        Response byToken = http.postJson("/api/v1/bulk-heals", Http.bearer(adminToken.json().path("token").asText()), body);
        assertEquals(201, byToken.status(), byToken.body());
    }

    @Test
    void aBulkHealMadeWithAnAdminTokenOfTheLongestNameQueuesInThatTokensName() {
        fleet(2);
        String name = "n".repeat(128);
        Response token = http.postJson("/api/v1/api-tokens", admin, Map.of("name", name, "role", "admin"));
        assertEquals(201, token.status(), token.body());
        Response r = http.postJson("/api/v1/bulk-heals", Http.bearer(token.json().path("token").asText()),
                body(FALLBACK_ON_ENDPOINT, List.of("enable-mapihttp"), null));
        assertEquals(201, r.status(), r.body());
        assertEquals(2, scheduler().tick().started());
        String requestedBy = http.get("/api/v1/devices/dev-1", admin).json().path("commands").path(0).path("requestedBy").asText();
        assertTrue(requestedBy.startsWith("token:" + token.json().path("tokenId").asText() + ":nnn"), requestedBy);
    }

    @Test
    void devicesStartAtMostPerMinuteInAnyMinute() {
        fleet(5);
        String bulkId = create(2);
        BulkHealService scheduler = scheduler();
        assertEquals(2, scheduler.tick().started());
        assertEquals(0, scheduler.tick().started(), "the minute's two have started");
        clock.advance(Duration.ofSeconds(59));
        assertEquals(0, scheduler.tick().started());
        assertEquals(2, count(detail(bulkId), "queued"));
        assertEquals(3, count(detail(bulkId), "pending"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, scheduler.tick().started());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, scheduler.tick().started());
        JsonNode bulk = detail(bulkId);
        assertEquals(5, count(bulk, "queued"));
        assertEquals("finished", bulk.path("state").asText());
        assertEquals(5, commandsInDatabase());
    }

    @Test
    void twoCollectorsOnOneDatabaseShareTheRateAndNeverStartADeviceTwice() {
        fleet(5);
        String bulkId = create(2);
        BulkHealService first = scheduler();
        BulkHealService second = scheduler();
        assertEquals(2, first.tick().started() + second.tick().started());
        collector.database().jdbi().useHandle(h -> new LeaseDao(h).acquire("bulk-heals", "a-third-collector", clock.instant(),
                clock.instant().plus(Duration.ofMinutes(2))));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(new BulkHealService.Tick(false, 0, 0), first.tick(), "the lease holder starts devices, no one else");
        clock.advance(Duration.ofMinutes(2));
        assertEquals(2, first.tick().started() + second.tick().started());
        assertEquals(4, count(detail(bulkId), "queued"));
        assertEquals(4, commandsInDatabase());
    }

    @Test
    void cancelStopsTheDevicesNotStartedAndLeavesTheStartedOnesQueued() {
        fleet(5);
        String bulkId = create(2);
        scheduler().tick();
        Response r = http.postJson("/api/v1/bulk-heals/" + bulkId + "/cancel", admin, Map.of());
        assertEquals(200, r.status(), r.body());
        assertEquals("cancelled", r.json().path("state").asText());
        assertEquals("admin", r.json().path("cancelledBy").asText());
        assertEquals(2, count(r.json(), "queued"));
        assertEquals(3, count(r.json(), "cancelled-before-start"));

        clock.advance(Duration.ofMinutes(5));
        assertEquals(0, scheduler().tick().started());
        assertEquals(2, commandsInDatabase());
        List<JsonNode> cancelled = audit("bulk-heal-cancelled");
        assertEquals(1, cancelled.size());
        assertTrue(cancelled.get(0).path("detail").asText().contains("3 of 5 devices"), cancelled.get(0).toString());
        assertError(http.postJson("/api/v1/bulk-heals/" + bulkId + "/cancel", admin, Map.of()), 409, "already ended");
    }

    @Test
    void aDeviceWhoseAllowedRemoteActionsRefuseTheActionShowsRefusedWithTheAgentsReason() {
        fleet(2);
        String bulkId = create(10);
        scheduler().tick();
        String refusal = "refused: local policy (AllowedRemoteActions) does not allow enable-mapihttp";
        answer("dev-1", CommandStatus.REFUSED, 2, refusal);
        answer("dev-2", CommandStatus.SUCCEEDED, 0, "MAPI over HTTP enabled");

        JsonNode bulk = detail(bulkId);
        assertEquals(1, count(bulk, "refused"));
        assertEquals(1, count(bulk, "succeeded"));
        JsonNode refused = itemsByDevice(bulk).get("dev-1");
        assertEquals("refused", refused.path("outcome").asText());
        assertEquals(refusal, refused.path("reason").asText());
    }

    /** The device's agent fetches its command and answers it. */
    void answer(String deviceId, CommandStatus status, int exitCode, String message) {
        String agent = agents.get(deviceId);
        JsonNode delivered = http.get("/api/v1/commands", agent).json().path("commands");
        assertEquals(1, delivered.size(), delivered.toString());
        Response r = http.postJson("/api/v1/commands/" + delivered.path(0).path("commandId").asText() + "/result", agent,
                new CommandResult(status, exitCode, message, null, null));
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void aDeviceWithAHealAlreadyInFlightIsSkippedWithTheReason() {
        fleet(2);
        assertEquals(201, http.postJson("/api/v1/devices/dev-1/heal", admin, Map.of("actions", List.of("restart-outlook"))).status());
        String bulkId = create(10);
        assertEquals(new BulkHealService.Tick(true, 1, 1), scheduler().tick());
        JsonNode skipped = itemsByDevice(detail(bulkId)).get("dev-1");
        assertEquals("skipped", skipped.path("outcome").asText());
        assertTrue(skipped.path("reason").asText().contains("already in flight"), skipped.toString());
        assertEquals("queued", itemsByDevice(detail(bulkId)).get("dev-2").path("outcome").asText());
    }

    @Test
    void badRequestsAre400WithAOneLineErrorAndCreateNothing() {
        fleet(2);
        List<String> enable = List.of("enable-mapihttp");
        assertError(http.postJson("/api/v1/bulk-heals", admin, body(FALLBACK_ON_ENDPOINT, List.of("format-c"), null)), 400, "unknown heal action");
        assertError(http.postJson("/api/v1/bulk-heals", admin, body(FALLBACK_ON_ENDPOINT, List.of(), null)), 400, "no actions");
        assertError(http.postJson("/api/v1/bulk-heals", admin, body(FALLBACK_ON_ENDPOINT, enable, 0)), 400, "invalid perMinute");
        assertError(http.postJson("/api/v1/bulk-heals", admin, body(FALLBACK_ON_ENDPOINT, enable, 1001)), 400, "invalid perMinute");
        assertError(http.postJson("/api/v1/bulk-heals", admin,
                "{\"filter\": {}, \"actions\": [\"enable-mapihttp\"], \"perMinute\": 99999999999999}"), 400, "invalid perMinute");
        assertError(http.postJson("/api/v1/bulk-heals", admin,
                "{\"filter\": {}, \"actions\": [\"enable-mapihttp\"], \"perMinute\": 1.5}"), 400, "invalid perMinute");
        assertError(http.postJson("/api/v1/bulk-heals", admin, "{\"filter\": \"all\", \"actions\": [\"enable-mapihttp\"]}"), 400, "invalid filter");
        assertError(http.postJson("/api/v1/bulk-heals", admin, "{\"actions\": [\"enable-mapihttp\"]}"), 400, "invalid filter");
        assertError(http.postJson("/api/v1/bulk-heals", admin, "{\"filter\": {\"verdict\": 3}, \"actions\": [\"enable-mapihttp\"]}"), 400, "invalid filter");
        assertError(http.postJson("/api/v1/bulk-heals", admin, body(Map.of("findng", "MAPIHTTP_DISABLED_REGISTRY"), enable, null)), 400, "unknown filter field");
        assertError(http.postJson("/api/v1/bulk-heals", admin, body(Map.of("verdict", "BROKEN"), enable, null)), 400, "invalid verdict");
        assertError(http.postJson("/api/v1/bulk-heals", admin, body(Map.of("seenBefore", "yesterday"), enable, null)), 400, "invalid seenBefore");
        assertError(http.postJson("/api/v1/bulk-heals", admin, "{\"filter\": {}, \"actions\": [\"enable-mapihttp\"]"), 400, "malformed JSON");
        assertError(http.postJson("/api/v1/bulk-heals", admin, body(Map.of("endpoint", "mail.nowhere.example"), enable, null)),
                400, "no devices match");
        assertEquals(0, http.get("/api/v1/bulk-heals", admin).json().path("bulkHeals").size());
        assertEquals(0, audit("bulk-heal-queued").size());
    }

    @Test
    void anUnknownBulkHealIs404() {
        assertError(http.get("/api/v1/bulk-heals/no-such-bulk", admin), 404, "unknown bulk heal");
        assertError(http.postJson("/api/v1/bulk-heals/no-such-bulk/cancel", admin, Map.of()), 404, "unknown bulk heal");
    }

    @Test
    void aBulkHealCarriesOnWhereItStoodAfterTheCollectorRestarts() {
        fleet(5);
        String bulkId = create(2);
        scheduler().tick();
        collector.close();
        collector = new TestCollector(dbUrl, clock);
        http = collector.http();

        clock.advance(Duration.ofMinutes(1));
        assertEquals(2, scheduler().tick().started(), "the new collector's scheduler goes on at the same rate");
        JsonNode bulk = detail(bulkId);
        assertEquals("running", bulk.path("state").asText());
        assertEquals(4, count(bulk, "queued"));
        assertEquals(1, count(bulk, "pending"));
        assertEquals(1, http.get("/api/v1/bulk-heals", admin).json().path("bulkHeals").size());
    }

    @Test
    void theListShowsBulkHealsNewestFirstWithTheirCounts() {
        fleet(2);
        String first = create(10);
        clock.advance(Duration.ofMinutes(1));
        String second = http.postJson("/api/v1/bulk-heals", admin, body(Map.of("verdict", "HEALTHY"), List.of("restart-outlook"), null))
                .json().path("bulkId").asText();
        JsonNode list = http.get("/api/v1/bulk-heals", admin).json().path("bulkHeals");
        assertEquals(List.of(second, first), StreamSupport.stream(list.spliterator(), false).map(b -> b.path("bulkId").asText()).toList());
        assertEquals(1, list.path(0).path("devices").asInt());
        assertEquals(60, list.path(0).path("perMinute").asInt(), "the configured default rate");
        assertEquals(2, count(list.path(1), "pending"));
    }

    @Test
    void metricsShowTheDevicesBulkHealsHaveNotStartedYet() {
        fleet(5);
        create(2);
        scheduler().tick();
        assertTrue(http.get("/metrics", null).body().contains("mapi_bulk_heal_pending_devices 3.0"));
    }
}
