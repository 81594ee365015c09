package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mapiagent.collector.api.BodyLimit;
import dev.mapiagent.collector.config.CollectorConfig;
import dev.mapiagent.collector.service.RetentionService;
import dev.mapiagent.collector.support.Http;
import dev.mapiagent.collector.support.Http.Response;
import dev.mapiagent.collector.support.MutableClock;
import dev.mapiagent.collector.support.Reports;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import dev.mapiagent.protocol.CommandResult;
import dev.mapiagent.protocol.CommandStatus;
import dev.mapiagent.protocol.ProtocolJson;
import dev.mapiagent.protocol.Report;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP contract of DESIGN.md §6, run the same way against each database (see the two subclasses).
 * Every test gets an empty database and a collector of its own.
 */
abstract class CollectorContractTest {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    MutableClock clock;
    String dbUrl;
    TestCollector collector;
    Http http;

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

    private static JsonNode json(Object value) {
        return ProtocolJson.mapper().valueToTree(value);
    }

    private static void assertError(Response r, int status, String errorContains) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.json().path("error").asText().contains(errorContains), r.body());
        assertTrue(r.json().has("detail"), r.body());
        assertFalse(r.body().contains("Exception"), "no stack trace or exception name reaches the client: " + r.body());
        assertFalse(r.body().contains("\tat "), r.body());
    }

    /** The report as JSON text read back, so numbers compare by value whatever node type Jackson picked. */
    private static JsonNode reparsed(Object value) {
        try {
            return ProtocolJson.mapper().readTree(ProtocolJson.mapper().writeValueAsString(value));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> ids(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }

    // --- enrollment and auth ------------------------------------------------------------------------------

    @Test
    void enrollmentGivesATokenThatAuthenticatesTheAgent() {
        String agent = collector.enroll("dev-1", "PC-0001");
        Response r = http.get("/api/v1/commands", agent);
        assertEquals(200, r.status(), r.body());
        assertEquals(0, r.json().path("commands").size());
    }

    @Test
    void enrollmentWithAWrongSecretIs401() {
        Response r = http.postJson("/api/v1/enroll", null, Map.of("enrollSecret", "guess", "deviceId", "dev-1"));
        assertError(r, 401, "wrong enrollment secret");
    }

    @Test
    void theTokenIsStoredOnlyAsItsHash() {
        String token = collector.enroll("dev-1", "PC-0001").substring("Bearer ".length());
        String stored = collector.database().jdbi().withHandle(h ->
                h.createQuery("SELECT token_hash FROM devices WHERE device_id = 'dev-1'").mapTo(String.class).one());
        assertFalse(stored.contains(token));
        assertEquals(dev.mapiagent.collector.auth.Tokens.hash(token), stored);
    }

    @Test
    void reenrollingReplacesTheOldToken() {
        String first = collector.enroll("dev-1", "PC-0001");
        String second = collector.enroll("dev-1", "PC-0001");
        assertError(http.get("/api/v1/commands", first), 401, "unknown agent token");
        assertEquals(200, http.get("/api/v1/commands", second).status());
    }

    @Test
    void anUnknownAgentTokenIs401() {
        assertError(http.get("/api/v1/commands", Http.bearer("not-a-token")), 401, "unknown agent token");
    }

    @Test
    void helpdeskApiWithoutCredentialsIs401WithABasicChallenge() {
        Response r = http.get("/api/v1/devices", null);
        assertError(r, 401, "authentication required");
        assertTrue(r.header("WWW-Authenticate").startsWith("Basic"));
    }

    @Test
    void anAgentTokenCannotCallTheHelpdeskApi() {
        String agent = collector.enroll("dev-1", "PC-0001");
        assertError(http.get("/api/v1/devices", agent), 403, "agent token cannot call the helpdesk API");
        assertError(http.postJson("/api/v1/devices/dev-1/heal", agent, Map.of("actions", List.of("enable-mapihttp"))),
                403, "agent token");
    }

    @Test
    void aUserCannotCallTheAgentApi() {
        assertError(http.get("/api/v1/commands", TestCollector.admin()), 403, "for agents");
    }

    @Test
    void aViewerCanReadButCannotQueueAHeal() {
        collector.enroll("dev-1", "PC-0001");
        String viewer = collector.user("vera", "viewer");
        assertEquals(200, http.get("/api/v1/devices", viewer).status());
        assertError(http.postJson("/api/v1/devices/dev-1/heal", viewer, Map.of("actions", List.of("enable-mapihttp"))),
                403, "needs role helpdesk");
    }

    @Test
    void onlyAdminsReadTheAuditLog() {
        String helpdesk = collector.user("hank", "helpdesk");
        assertError(http.get("/api/v1/audit", helpdesk), 403, "needs role admin");
        assertEquals(200, http.get("/api/v1/audit", TestCollector.admin()).status());
    }

    @Test
    void aWrongPasswordIs401() {
        assertError(http.get("/api/v1/devices", Http.basic("admin", "wrong-password")), 401, "wrong user name or password");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountWith429() {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, http.get("/api/v1/devices", Http.basic("admin", "wrong-" + i)).status());
        }
        assertError(http.get("/api/v1/devices", TestCollector.admin()), 429, "too many failed logins");
        clock.advance(Duration.ofMinutes(6));
        assertEquals(200, http.get("/api/v1/devices", TestCollector.admin()).status());
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() {
        String hash = collector.database().jdbi().withHandle(h ->
                h.createQuery("SELECT password_hash FROM users WHERE username = 'admin'").mapTo(String.class).one());
        assertTrue(hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$"), hash);
        assertFalse(hash.contains(TestCollector.ADMIN_PASSWORD));
    }

    @Test
    void aPageSessionNeedsTheCsrfTokenForChanges() {
        collector.enroll("dev-1", "PC-0001");
        Response login = http.postJson("/api/v1/login", null, Map.of("username", "admin", "password", TestCollector.ADMIN_PASSWORD));
        assertEquals(200, login.status(), login.body());
        String setCookie = login.header("Set-Cookie");
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=strict"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = login.json().path("csrfToken").asText();
        String heal = "{\"actions\":[\"enable-mapihttp\"]}";

        assertEquals(200, http.send("GET", "/api/v1/devices", null, "Cookie", cookie).status());
        assertError(http.send("POST", "/api/v1/devices/dev-1/heal", heal, "Cookie", cookie,
                "Content-Type", "application/json"), 403, "CSRF");
        assertError(http.send("POST", "/api/v1/devices/dev-1/heal", heal, "Cookie", cookie,
                "Content-Type", "application/json", "X-CSRF-Token", "forged"), 403, "CSRF");
        assertEquals(201, http.send("POST", "/api/v1/devices/dev-1/heal", heal, "Cookie", cookie,
                "Content-Type", "application/json", "X-CSRF-Token", csrf).status());
    }

    @Test
    void loggingOutEndsTheSession() {
        Response login = http.postJson("/api/v1/login", null, Map.of("username", "admin", "password", TestCollector.ADMIN_PASSWORD));
        String cookie = login.header("Set-Cookie").split(";")[0];
        String csrf = login.json().path("csrfToken").asText();
        assertEquals(204, http.send("POST", "/api/v1/logout", null, "Cookie", cookie, "X-CSRF-Token", csrf).status());
        assertError(http.send("GET", "/api/v1/devices", null, "Cookie", cookie), 401, "session expired");
    }

    // --- ingest ---------------------------------------------------------------------------------------------

    @Test
    void aReportBecomesTheDevicesLatestState() {
        String agent = collector.enroll("dev-1", "PC-0001");
        Report report = Reports.degraded("dev-1", "PC-0001", T0, "mail.contoso.com");
        Response r = http.postJson("/api/v1/reports", agent, report);
        assertEquals(201, r.status(), r.body());
        assertEquals(report.reportId(), r.json().path("reportId").asText());
        assertFalse(r.json().path("duplicate").asBoolean());

        JsonNode device = http.get("/api/v1/devices", TestCollector.admin()).json().path("devices").path(0);
        assertEquals("dev-1", device.path("deviceId").asText());
        assertEquals("PC-0001", device.path("hostname").asText());
        assertEquals("ann", device.path("user").asText());
        assertEquals("DEGRADED", device.path("verdict").asText());
        assertEquals("RPC_HTTP", device.path("protocol").asText());
        assertNotNull(device.path("lastSeen").textValue());

        JsonNode detail = http.get("/api/v1/devices/dev-1", TestCollector.admin()).json();
        assertEquals(reparsed(report), detail.path("latest"));
        assertEquals(1, detail.path("reports").size());
        assertEquals("MAPIHTTP_DISABLED_REGISTRY", detail.path("reports").path(0).path("findingCodes").path(0).asText());
    }

    @Test
    void theDeviceDetailShowsTheDeviceItsLatestReportItsHistoryAndItsCommands() {
        String agent = collector.enroll("dev-1", "PC-0001");
        http.postJson("/api/v1/reports", agent, Reports.degraded("dev-1", "PC-0001", T0, "mail.contoso.com"));
        JsonNode detail = http.get("/api/v1/devices/dev-1", TestCollector.admin()).json();
        List<String> fields = new ArrayList<>();
        detail.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("deviceId", "hostname", "user", "verdict", "protocol", "lastSeen", "enrolledAt",
                "endpointHost", "officeVersion", "officeChannel", "latest", "reports", "commands", "clockSkewSeconds"), fields);
    }

    @Test
    void theSameReportIdTwiceIsStoredOnce() {
        String agent = collector.enroll("dev-1", "PC-0001");
        Report report = Reports.degraded("dev-1", "PC-0001", T0, "mail.contoso.com");
        assertEquals(201, http.postJson("/api/v1/reports", agent, report).status());
        Response again = http.postJson("/api/v1/reports", agent, report);
        assertEquals(200, again.status(), again.body());
        assertTrue(again.json().path("duplicate").asBoolean());
        assertEquals(1, http.get("/api/v1/devices/dev-1", TestCollector.admin()).json().path("reports").size());
    }

    @Test
    void reportsPostedAtTheSameTimeAreEachStoredOnceAndTheNewestWins() throws Exception {
        String agent = collector.enroll("dev-1", "PC-0001");
        Report same = Reports.degraded("dev-1", "PC-0001", T0, "mail.contoso.com");
        List<Object> bodies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bodies.add(same);
            bodies.add(Reports.failing("dev-1", "PC-0001", T0.plusSeconds(10 + i), "mail.contoso.com"));
        }
        Report newest = Reports.healthy("dev-1", "PC-0001", T0.plusSeconds(100), "mail.contoso.com");
        bodies.add(newest);
        // Received after all were made: otherwise each is capped at the time received, and they all tie.
        clock.advance(Duration.ofMinutes(5));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Response>> posted = new ArrayList<>();
            for (Object body : bodies) {
                posted.add(pool.submit(() -> http.postJson("/api/v1/reports", agent, body)));
            }
            for (java.util.concurrent.Future<Response> f : posted) {
                int status = f.get(60, java.util.concurrent.TimeUnit.SECONDS).status();
                assertTrue(status == 201 || status == 200, "status " + status);
            }
        } finally {
            pool.shutdown();
        }
        JsonNode detail = http.get("/api/v1/devices/dev-1?history=100", TestCollector.admin()).json();
        assertEquals(1 + 6 + 1, detail.path("reports").size(), "the repeated report once, every other one once");
        assertEquals(newest.reportId(), detail.path("latest").path("reportId").asText());
        assertEquals("HEALTHY", detail.path("verdict").asText());
    }

    @Test
    void anOlderReportArrivingLateDoesNotReplaceTheLatestState() {
        String agent = collector.enroll("dev-1", "PC-0001");
        clock.advance(Duration.ofSeconds(600));
        http.postJson("/api/v1/reports", agent, Reports.healthy("dev-1", "PC-0001", T0.plusSeconds(600), "mail.contoso.com"));
        http.postJson("/api/v1/reports", agent, Reports.failing("dev-1", "PC-0001", T0, "mail.contoso.com"));
        JsonNode detail = http.get("/api/v1/devices/dev-1", TestCollector.admin()).json();
        assertEquals("HEALTHY", detail.path("verdict").asText());
        assertEquals(2, detail.path("reports").size());
    }

    @Test
    void malformedJsonIs400() {
        String agent = collector.enroll("dev-1", "PC-0001");
        assertError(http.postJson("/api/v1/reports", agent, "{\"reportId\": "), 400, "malformed JSON");
        assertError(http.postJson("/api/v1/enroll", null, "not json"), 400, "malformed JSON");
    }

    @Test
    void contentAfterTheJsonValueIs400() throws Exception {
        String agent = collector.enroll("dev-1", "PC-0001");
        String report = ProtocolJson.mapper().writeValueAsString(Reports.healthy("dev-1", "PC-0001", T0, "mail.contoso.com"));
        assertError(http.postJson("/api/v1/reports", agent, report + " {}"), 400, "malformed JSON");
        assertEquals(201, http.postJson("/api/v1/reports", agent, report + "\n").status(), "trailing white space is fine");
    }

    @Test
    void aReportWithAsManyFindingsOfTheLongestCodesAsTheSchemaAllowsIsStored() {
        String agent = collector.enroll("dev-1", "PC-0001");
        ObjectNode doc = (ObjectNode) json(Reports.degraded("dev-1", "PC-0001", T0, "mail.contoso.com"));
        var findings = doc.putArray("findings");
        for (int i = 0; i < 200; i++) {
            String code = "X" + "Y".repeat(59) + String.format("%04d", i);
            findings.addObject().put("code", code).put("severity", "warning").put("message", "finding " + i);
        }

        assertEquals(201, http.postJson("/api/v1/reports", agent, doc.toString()).status());
        JsonNode detail = http.get("/api/v1/devices/dev-1", TestCollector.admin()).json();
        assertEquals(200, detail.path("latest").path("findings").size());
        assertEquals(200, detail.path("reports").path(0).path("findingCodes").size());
    }

    @Test
    void aSchemaViolationIs400AndNamesTheField() {
        String agent = collector.enroll("dev-1", "PC-0001");
        ObjectNode doc = (ObjectNode) json(Reports.degraded("dev-1", "PC-0001", T0, "mail.contoso.com"));
        doc.put("verdict", "MOSTLY_FINE");
        Response r = http.postJson("/api/v1/reports", agent, doc.toString());
        assertError(r, 400, "does not match the report schema");
        assertTrue(r.json().path("detail").asText().contains("verdict"), r.body());
    }

    @Test
    void aSixMegabyteBodyIs413() {
        String agent = collector.enroll("dev-1", "PC-0001");
        byte[] sixMegabytes = ("{\"pad\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertError(http.postBytes("/api/v1/reports", agent, "application/json", sixMegabytes), 413, "too large");
        }
    }

    @Test
    void aSixMegabyteBodyIs413BeforeItIsSentWhenTheClientAsksToContinue() {
        String agent = collector.enroll("dev-1", "PC-0001");
        byte[] sixMegabytes = ("{\"pad\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertError(http.postExpectingContinue("/api/v1/reports", agent, sixMegabytes), 413, "too large");
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() {
        String agent = collector.enroll("dev-1", "PC-0001");
        String prefix = "{\"pad\":\"";
        byte[] body = (prefix + "x".repeat((int) BodyLimit.MAX_BODY_BYTES - prefix.length() - 2) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(BodyLimit.MAX_BODY_BYTES, body.length);
        assertError(http.postBytes("/api/v1/reports", agent, "application/json", body), 400, "report schema");
    }

    @Test
    void aReportForAnotherDeviceIs403() {
        String agent = collector.enroll("dev-1", "PC-0001");
        collector.enroll("dev-2", "PC-0002");
        assertError(http.postJson("/api/v1/reports", agent, Reports.degraded("dev-2", "PC-0002", T0, "mail.contoso.com")),
                403, "another device");
    }

    @Test
    void aNonJsonContentTypeIs415() {
        String agent = collector.enroll("dev-1", "PC-0001");
        assertError(http.postBytes("/api/v1/reports", agent, "text/plain", "{}".getBytes(StandardCharsets.UTF_8)),
                415, "content type");
    }

    @Test
    void anUnknownDeviceIs404() {
        assertError(http.get("/api/v1/devices/nobody", TestCollector.admin()), 404, "unknown device");
        assertError(http.postJson("/api/v1/devices/nobody/heal", TestCollector.admin(),
                Map.of("actions", List.of("enable-mapihttp"))), 404, "unknown device");
    }

    @Test
    void anUnknownPathIsAJson404() {
        assertError(http.get("/api/v1/nothing-here", TestCollector.admin()), 404, "not found");
    }

    // --- device list ----------------------------------------------------------------------------------------

    @Test
    void devicesFilterByVerdictAndSearchText() {
        String a = collector.enroll("dev-a", "PC-SALES-01");
        String b = collector.enroll("dev-b", "PC-SALES-02");
        String c = collector.enroll("dev-c", "PC-HR-01");
        http.postJson("/api/v1/reports", a, Reports.degraded("dev-a", "PC-SALES-01", T0, "mail.contoso.com"));
        http.postJson("/api/v1/reports", b, Reports.healthy("dev-b", "PC-SALES-02", T0, "mail.contoso.com"));
        http.postJson("/api/v1/reports", c, Reports.degraded("dev-c", "PC-HR-01", T0, "mail.contoso.com"));
        String admin = TestCollector.admin();

        assertEquals(List.of("dev-c", "dev-a"), ids(http.get("/api/v1/devices?verdict=degraded", admin).json().path("devices"), "deviceId"));
        assertEquals(List.of("dev-a", "dev-b"), ids(http.get("/api/v1/devices?q=sales", admin).json().path("devices"), "deviceId"));
        assertEquals(List.of("dev-a"), ids(http.get("/api/v1/devices?q=sales&verdict=DEGRADED", admin).json().path("devices"), "deviceId"));
        assertEquals(List.of(), ids(http.get("/api/v1/devices?q=%25", admin).json().path("devices"), "deviceId"));
        assertError(http.get("/api/v1/devices?verdict=sad", admin), 400, "invalid verdict");
    }

    // --- remote self-heal -------------------------------------------------------------------------------------

    @Test
    void aHealIsQueuedDeliveredOnceAnsweredAndAudited() {
        String agent = collector.enroll("dev-1", "PC-0001");
        String helpdesk = collector.user("hank", "helpdesk");
        Response queued = http.postJson("/api/v1/devices/dev-1/heal", helpdesk,
                Map.of("actions", List.of("enable-mapihttp", "restart-outlook")));
        assertEquals(201, queued.status(), queued.body());
        String commandId = queued.json().path("commandId").asText();
        assertEquals("queued", queued.json().path("status").asText());

        JsonNode delivered = http.get("/api/v1/commands", agent).json().path("commands");
        assertEquals(1, delivered.size());
        assertEquals(commandId, delivered.path(0).path("commandId").asText());
        assertEquals("delivered", delivered.path(0).path("status").asText());
        assertEquals(List.of("enable-mapihttp", "restart-outlook"),
                StreamSupport.stream(delivered.path(0).path("actions").spliterator(), false).map(JsonNode::asText).toList());
        assertEquals(0, http.get("/api/v1/commands", agent).json().path("commands").size(), "never handed out twice");

        Report before = Reports.degraded("dev-1", "PC-0001", T0, "mail.contoso.com");
        Report after = Reports.healthy("dev-1", "PC-0001", T0.plusSeconds(30), "mail.contoso.com");
        Response result = http.postJson("/api/v1/commands/" + commandId + "/result", agent,
                new CommandResult(CommandStatus.SUCCEEDED, 0, "MAPI over HTTP enabled", before, after));
        assertEquals(200, result.status(), result.body());
        assertEquals("succeeded", result.json().path("status").asText());

        JsonNode device = http.get("/api/v1/devices/dev-1", helpdesk).json();
        assertEquals("HEALTHY", device.path("verdict").asText(), "the after report is the latest state");
        JsonNode command = device.path("commands").path(0);
        assertEquals("succeeded", command.path("status").asText());
        assertEquals("hank", command.path("requestedBy").asText());
        assertEquals(before.reportId(), command.path("beforeReportId").asText());
        assertEquals(after.reportId(), command.path("afterReportId").asText());

        List<String> actions = new ArrayList<>();
        for (JsonNode e : http.get("/api/v1/audit?deviceId=dev-1", TestCollector.admin()).json().path("entries")) {
            actions.add(e.path("action").asText() + " by " + e.path("actor").asText());
            assertNotNull(e.path("at").textValue());
        }
        assertTrue(actions.contains("heal-queued by hank"), actions.toString());
        assertTrue(actions.contains("command-delivered by device:dev-1"), actions.toString());
        assertTrue(actions.contains("command-result by device:dev-1"), actions.toString());
    }

    // --- long-poll ---------------------------------------------------------------------------------------------

    private String queueHeal(String deviceId) {
        Response queued = http.postJson("/api/v1/devices/" + deviceId + "/heal", TestCollector.admin(),
                Map.of("actions", List.of("restart-outlook")));
        assertEquals(201, queued.status(), queued.body());
        return queued.json().path("commandId").asText();
    }

    private static List<String> commandIds(Response r) {
        assertEquals(200, r.status(), r.body());
        return StreamSupport.stream(r.json().path("commands").spliterator(), false)
                .map(c -> c.path("commandId").asText()).toList();
    }

    @Test
    void aLongPollAnswersAtOnceWhenACommandIsAlreadyQueued() throws Exception {
        String agent = collector.enroll("dev-1", "PC-0001");
        String commandId = queueHeal("dev-1");
        Response r = collector.longPoll(agent, 60).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(commandId), commandIds(r), "not held for the 60 s wait");
    }

    @Test
    void aLongPollHandsOverAHealQueuedWhileItWaits() throws Exception {
        String agent = collector.enroll("dev-1", "PC-0001");
        CompletableFuture<Response> poll = collector.longPoll(agent, 60);
        collector.awaitParked(1);
        String commandId = queueHeal("dev-1");
        assertEquals(List.of(commandId), commandIds(poll.get(5, TimeUnit.SECONDS)), "woken, not held for the 60 s wait");
        assertEquals(0, commandIds(http.get("/api/v1/commands", agent)).size(), "handed out once");
    }

    @Test
    void aLongPollAnswersWithNoCommandsWhenTheWaitEnds() throws Exception {
        String agent = collector.enroll("dev-1", "PC-0001");
        Response r = collector.longPoll(agent, 1).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(), commandIds(r));
        collector.awaitParked(0);
    }

    @Test
    void twoLongPollsOfOneDeviceGetTheCommandOnlyOnce() throws Exception {
        String agent = collector.enroll("dev-1", "PC-0001");
        CompletableFuture<Response> first = collector.longPoll(agent, 3);
        CompletableFuture<Response> second = collector.longPoll(agent, 3);
        collector.awaitParked(2);
        String commandId = queueHeal("dev-1");
        List<String> handedOut = new ArrayList<>(commandIds(first.get(10, TimeUnit.SECONDS)));
        handedOut.addAll(commandIds(second.get(10, TimeUnit.SECONDS)));
        assertEquals(List.of(commandId), handedOut);
    }

    @Test
    void aLongPollOfAnotherDeviceIsNotWokenByItsHeal() throws Exception {
        String agent = collector.enroll("dev-1", "PC-0001");
        collector.enroll("dev-2", "PC-0002");
        CompletableFuture<Response> poll = collector.longPoll(agent, 2);
        collector.awaitParked(1);
        queueHeal("dev-2");
        assertEquals(List.of(), commandIds(poll.get(10, TimeUnit.SECONDS)));
    }

    @Test
    void connectionsStayOpenLongerThanTheLongestLongPoll() {
        org.eclipse.jetty.server.Connector[] connectors = collector.app().jettyServer().server().getConnectors();
        assertEquals(1, connectors.length);
        long idleMillis = ((org.eclipse.jetty.server.AbstractConnector) connectors[0]).getIdleTimeout();
        assertTrue(idleMillis > dev.mapiagent.collector.api.AgentRoutes.MAX_WAIT_SECONDS * 1000L, "idle timeout " + idleMillis);
    }

    @Test
    void thousandsOfAgentsConnectingAtOnceQueueForAcceptInsteadOfOverflowing() {
        Connector[] connectors = collector.app().jettyServer().server().getConnectors();
        assertEquals(4096, ((ServerConnector) connectors[0]).getAcceptQueueSize());
    }

    /** Jetty's default would give each keep-alive connection a 100 KiB cache: most of the memory of a long-poll. */
    @Test
    void connectionsKeepNoHeaderCacheOfTheirOwn() {
        assertEquals(List.of(0), collector.headerCacheSizes());
    }

    @Test
    void anInvalidWaitIs400() {
        String agent = collector.enroll("dev-1", "PC-0001");
        for (String wait : List.of("soon", "-1", "1.5", "99999999999999999999")) {
            assertError(http.get("/api/v1/commands?wait=" + wait, agent), 400, "invalid wait");
        }
    }

    @Test
    void aSecondHealWhileOneIsInFlightIs409UntilItIsCancelled() {
        collector.enroll("dev-1", "PC-0001");
        String admin = TestCollector.admin();
        String first = http.postJson("/api/v1/devices/dev-1/heal", admin, Map.of("actions", List.of("enable-mapihttp")))
                .json().path("commandId").asText();
        Response second = http.postJson("/api/v1/devices/dev-1/heal", admin, Map.of("actions", List.of("restart-outlook")));
        assertError(second, 409, "already in flight");
        assertTrue(second.json().path("detail").asText().contains(first));

        Response cancelled = http.postJson("/api/v1/commands/" + first + "/cancel", admin, "{}");
        assertEquals(200, cancelled.status(), cancelled.body());
        assertEquals("cancelled", cancelled.json().path("status").asText());
        assertError(http.postJson("/api/v1/commands/" + first + "/cancel", admin, "{}"), 409, "already finished");
        assertEquals(201, http.postJson("/api/v1/devices/dev-1/heal", admin, Map.of("actions", List.of("restart-outlook"))).status());
    }

    @Test
    void aCancelledCommandIsNotDeliveredAndItsResultIs409() {
        String agent = collector.enroll("dev-1", "PC-0001");
        String admin = TestCollector.admin();
        String id = http.postJson("/api/v1/devices/dev-1/heal", admin, Map.of("actions", List.of("enable-mapihttp")))
                .json().path("commandId").asText();
        http.postJson("/api/v1/commands/" + id + "/cancel", admin, "{}");
        assertEquals(0, http.get("/api/v1/commands", agent).json().path("commands").size());
        assertError(http.postJson("/api/v1/commands/" + id + "/result", agent,
                new CommandResult(CommandStatus.SUCCEEDED, 0, null, null, null)), 409, "cancelled");
    }

    @Test
    void anExpiredCommandIsNotDeliveredAndItsResultIs409() {
        String agent = collector.enroll("dev-1", "PC-0001");
        String admin = TestCollector.admin();
        String queuedOnly = http.postJson("/api/v1/devices/dev-1/heal", admin,
                Map.of("actions", List.of("enable-mapihttp"), "expiresInMinutes", 5)).json().path("commandId").asText();
        clock.advance(Duration.ofMinutes(6));
        assertEquals(0, http.get("/api/v1/commands", agent).json().path("commands").size());
        assertError(http.postJson("/api/v1/commands/" + queuedOnly + "/result", agent,
                new CommandResult(CommandStatus.SUCCEEDED, 0, null, null, null)), 409, "expired");

        String delivered = http.postJson("/api/v1/devices/dev-1/heal", admin,
                Map.of("actions", List.of("restart-outlook"), "expiresInMinutes", 5)).json().path("commandId").asText();
        assertEquals(1, http.get("/api/v1/commands", agent).json().path("commands").size());
        clock.advance(Duration.ofMinutes(5 + 16));
        assertError(http.postJson("/api/v1/commands/" + delivered + "/result", agent,
                new CommandResult(CommandStatus.SUCCEEDED, 0, null, null, null)), 409, "expired");
        JsonNode statuses = http.get("/api/v1/devices/dev-1", admin).json().path("commands");
        assertEquals(List.of("expired", "expired"), ids(statuses, "status"));
    }

    @Test
    void aResultForAnotherDevicesCommandIs404() {
        collector.enroll("dev-1", "PC-0001");
        String other = collector.enroll("dev-2", "PC-0002");
        String id = http.postJson("/api/v1/devices/dev-1/heal", TestCollector.admin(),
                Map.of("actions", List.of("enable-mapihttp"))).json().path("commandId").asText();
        assertError(http.postJson("/api/v1/commands/" + id + "/result", other,
                new CommandResult(CommandStatus.SUCCEEDED, 0, null, null, null)), 404, "unknown command");
    }

    @Test
    void anInvalidResultIs400() {
        String agent = collector.enroll("dev-1", "PC-0001");
        String id = http.postJson("/api/v1/devices/dev-1/heal", TestCollector.admin(),
                Map.of("actions", List.of("enable-mapihttp"))).json().path("commandId").asText();
        http.get("/api/v1/commands", agent);
        assertError(http.postJson("/api/v1/commands/" + id + "/result", agent, Map.of("status", "cancelled", "exitCode", 0)),
                400, "command result schema");
    }

    // --- redelivery: at-least-once on the wire, exactly-once in effect ------------------------------------------

    private static final Duration LEASE = Duration.ofSeconds(CollectorConfig.DEFAULT_REDELIVER_AFTER_SECONDS);

    private JsonNode commandOf(String deviceId) {
        return http.get("/api/v1/devices/" + deviceId, TestCollector.admin()).json().path("commands").path(0);
    }

    private List<String> auditOf(String deviceId, String action) {
        List<String> details = new ArrayList<>();
        for (JsonNode e : http.get("/api/v1/audit?deviceId=" + deviceId, TestCollector.admin()).json().path("entries")) {
            if (e.path("action").asText().equals(action)) {
                details.add(e.path("actor").asText() + ": " + e.path("detail").asText());
            }
        }
        return details;
    }

    @Test
    void aDeliveredCommandWithoutAResultIsRedeliveredAfterTheLease() {
        String agent = collector.enroll("dev-1", "PC-0001");
        String commandId = queueHeal("dev-1");
        assertEquals(List.of(commandId), commandIds(http.get("/api/v1/commands", agent)));
        clock.advance(LEASE);

        assertEquals(List.of(commandId), commandIds(http.get("/api/v1/commands", agent)), "the first answer was lost");
        assertEquals(List.of(), commandIds(http.get("/api/v1/commands", agent)), "then not again before a new lease");
        JsonNode command = commandOf("dev-1");
        assertEquals("delivered", command.path("status").asText());
        assertEquals(2, command.path("deliveryAttempts").asInt());
        assertEquals(T0.plus(LEASE).toString(), command.path("deliveredAt").asText(), "the lease starts again");
    }

    @Test
    void aDeliveredCommandIsNotRedeliveredBeforeTheLeaseEnds() {
        String agent = collector.enroll("dev-1", "PC-0001");
        queueHeal("dev-1");
        http.get("/api/v1/commands", agent);
        clock.advance(LEASE.minusSeconds(1));

        assertEquals(List.of(), commandIds(http.get("/api/v1/commands", agent)));
        assertEquals(1, commandOf("dev-1").path("deliveryAttempts").asInt());
    }

    @Test
    void aDeliveredCommandIsNotRedeliveredAfterItExpired() {
        String agent = collector.enroll("dev-1", "PC-0001");
        http.postJson("/api/v1/devices/dev-1/heal", TestCollector.admin(),
                Map.of("actions", List.of("restart-outlook"), "expiresInMinutes", 2));
        http.get("/api/v1/commands", agent);
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));

        assertEquals(List.of(), commandIds(http.get("/api/v1/commands", agent)), "past expiry, though the lease ran out");
        assertEquals(1, commandOf("dev-1").path("deliveryAttempts").asInt());
    }

    @Test
    void aRedeliveryIsAuditedWithItsAttempt() {
        String agent = collector.enroll("dev-1", "PC-0001");
        String commandId = queueHeal("dev-1");
        http.get("/api/v1/commands", agent);
        clock.advance(LEASE);
        http.get("/api/v1/commands", agent);

        List<String> redelivered = auditOf("dev-1", "command-redelivered");
        assertEquals(1, redelivered.size(), redelivered.toString());
        assertTrue(redelivered.get(0).startsWith("device:dev-1: command " + commandId + ", attempt 2: no result within 120 s"),
                redelivered.get(0));
        assertEquals(1, auditOf("dev-1", "command-delivered").size());
    }

    @Test
    void aParkedLongPollGetsACommandWhoseLeaseRanOutAtTheNextRecheck() throws Exception {
        // no notification announces a lease running out: the safety-net re-check finds it
        collector.close();
        collector = new TestCollector(TestCollector.config(dbUrl).withWakeRecheck(Duration.ofMillis(200)), clock);
        http = collector.http();
        String agent = collector.enroll("dev-1", "PC-0001");
        String commandId = queueHeal("dev-1");
        http.get("/api/v1/commands", agent);
        CompletableFuture<Response> poll = collector.longPoll(agent, 60);
        collector.awaitParked(1);
        clock.advance(LEASE);

        assertEquals(List.of(commandId), commandIds(poll.get(10, TimeUnit.SECONDS)), "woken, not held for the 60 s wait");
    }

    @Test
    void aRedeliveredCommandAcceptsItsResultAndIsNotRedeliveredAgain() {
        String agent = collector.enroll("dev-1", "PC-0001");
        String commandId = queueHeal("dev-1");
        http.get("/api/v1/commands", agent);
        clock.advance(LEASE);
        http.get("/api/v1/commands", agent);
        Response result = http.postJson("/api/v1/commands/" + commandId + "/result", agent,
                new CommandResult(CommandStatus.SUCCEEDED, 0, "Outlook restarted", null, null));
        assertEquals(200, result.status(), result.body());
        clock.advance(LEASE);

        assertEquals(List.of(), commandIds(http.get("/api/v1/commands", agent)));
        assertEquals("succeeded", commandOf("dev-1").path("status").asText());
    }

    @Test
    void theSameResultPostedTwiceIsRecordedOnceAndBothGetTheStoredOutcome() {
        String agent = collector.enroll("dev-1", "PC-0001");
        String commandId = queueHeal("dev-1");
        http.get("/api/v1/commands", agent);
        CommandResult outcome = new CommandResult(CommandStatus.SUCCEEDED, 0, "Outlook restarted",
                Reports.degraded("dev-1", "PC-0001", T0, "mail.contoso.com"),
                Reports.healthy("dev-1", "PC-0001", T0.plusSeconds(30), "mail.contoso.com"));
        Response first = http.postJson("/api/v1/commands/" + commandId + "/result", agent, outcome);
        clock.advance(Duration.ofSeconds(5));
        Response again = http.postJson("/api/v1/commands/" + commandId + "/result", agent, outcome);

        assertEquals(200, first.status(), first.body());
        assertEquals(200, again.status(), again.body());
        assertEquals(first.json(), again.json(), "the stored outcome, finishedAt included, unchanged");
        assertEquals(1, auditOf("dev-1", "command-result").size());
    }

    @Test
    void aDifferentResultForAnAnsweredCommandIs409() {
        String agent = collector.enroll("dev-1", "PC-0001");
        String commandId = queueHeal("dev-1");
        http.get("/api/v1/commands", agent);
        http.postJson("/api/v1/commands/" + commandId + "/result", agent,
                new CommandResult(CommandStatus.SUCCEEDED, 0, "Outlook restarted", null, null));

        assertError(http.postJson("/api/v1/commands/" + commandId + "/result", agent,
                new CommandResult(CommandStatus.FAILED, 1, "Outlook did not close", null, null)), 409, "already recorded");
        assertEquals("succeeded", commandOf("dev-1").path("status").asText());
    }

    @Test
    void unknownOrMissingHealActionsAre400() {
        collector.enroll("dev-1", "PC-0001");
        String admin = TestCollector.admin();
        assertError(http.postJson("/api/v1/devices/dev-1/heal", admin, Map.of("actions", List.of("format-c"))),
                400, "unknown heal action");
        assertError(http.postJson("/api/v1/devices/dev-1/heal", admin, Map.of("actions", List.of())), 400, "no actions");
        assertError(http.postJson("/api/v1/devices/dev-1/heal", admin, Map.of()), 400, "missing field");
    }

    // --- fleet ------------------------------------------------------------------------------------------------

    @Test
    void manyDevicesFailingAlikeOnOneEndpointLookServerSide() {
        for (int i = 1; i <= 4; i++) {
            String id = "dev-" + i;
            String agent = collector.enroll(id, "PC-000" + i);
            clock.advance(Duration.ofSeconds(60));
            http.postJson("/api/v1/reports", agent, Reports.failing(id, "PC-000" + i, T0.plusSeconds(60L * i), "mail.contoso.com"));
        }
        String lone = collector.enroll("dev-9", "PC-0009");
        http.postJson("/api/v1/reports", lone, Reports.degraded("dev-9", "PC-0009", T0, "mail.fabrikam.com"));

        JsonNode incidents = http.get("/api/v1/fleet/incidents", TestCollector.admin()).json().path("incidents");
        assertEquals(2, incidents.size(), incidents.toString());
        JsonNode server = incidents.path(0);
        assertEquals("mail.contoso.com", server.path("endpoint").asText());
        assertEquals("MAPI_ENDPOINT_HTTP_503", server.path("code").asText());
        assertEquals(4, server.path("deviceCount").asInt());
        assertEquals("server", server.path("side").asText());
        assertEquals(T0.plusSeconds(60).toString(), server.path("firstSince").asText());
        JsonNode client = incidents.path(1);
        assertEquals("mail.fabrikam.com", client.path("endpoint").asText());
        assertEquals("client", client.path("side").asText());
        assertTrue(client.path("reason").asText().contains("PC-0009"));
        assertTrue(client.path("reason").asText().endsWith("self-heal it (enable-mapihttp)"), client.path("reason").asText());
    }

    @Test
    void failuresStartingFarApartAreNotCalledServerSide() {
        for (int i = 1; i <= 3; i++) {
            String id = "dev-" + i;
            String agent = collector.enroll(id, "PC-000" + i);
            clock.advance(Duration.ofHours(1));
            http.postJson("/api/v1/reports", agent, Reports.failing(id, "PC-000" + i, T0.plus(Duration.ofHours(i)), "mail.contoso.com"));
        }
        JsonNode incident = http.get("/api/v1/fleet/incidents", TestCollector.admin()).json().path("incidents").path(0);
        assertEquals("unclear", incident.path("side").asText());
    }

    @Test
    void aFindingKeepsItsStartTimeWhileItPersists() {
        String agent = collector.enroll("dev-1", "PC-0001");
        http.postJson("/api/v1/reports", agent, Reports.failing("dev-1", "PC-0001", T0, "mail.contoso.com"));
        clock.advance(Duration.ofSeconds(3600));
        http.postJson("/api/v1/reports", agent, Reports.failing("dev-1", "PC-0001", T0.plusSeconds(3600), "mail.contoso.com"));
        JsonNode incident = http.get("/api/v1/fleet/incidents", TestCollector.admin()).json().path("incidents").path(0);
        assertEquals(T0.toString(), incident.path("firstSince").asText());
        clock.advance(Duration.ofSeconds(3600));
        http.postJson("/api/v1/reports", agent, Reports.healthy("dev-1", "PC-0001", T0.plusSeconds(7200), "mail.contoso.com"));
        assertEquals(0, http.get("/api/v1/fleet/incidents", TestCollector.admin()).json().path("incidents").size());
    }

    // --- operations -----------------------------------------------------------------------------------------

    @Test
    void healthzAnswersWithoutCredentials() {
        Response r = http.get("/healthz", null);
        assertEquals(200, r.status());
        assertEquals("ok", r.json().path("status").asText());
    }

    @Test
    void metricsCountReportsDevicesAndCommands() {
        String agent = collector.enroll("dev-1", "PC-0001");
        http.postJson("/api/v1/reports", agent, Reports.failing("dev-1", "PC-0001", T0, "mail.contoso.com"));
        http.postJson("/api/v1/devices/dev-1/heal", TestCollector.admin(), Map.of("actions", List.of("restart-outlook")));
        String text = http.get("/metrics", null).body();
        assertTrue(text.contains("mapi_reports_ingested_total{outcome=\"stored\"} 1.0"), text);
        assertTrue(text.contains("mapi_devices{verdict=\"FAILING\"} 1.0"), text);
        assertTrue(text.contains("mapi_commands{status=\"queued\"} 1.0"), text);
    }

    @Test
    void retentionDropsOldHistoryButKeepsTheLatestReport() {
        String agent = collector.enroll("dev-1", "PC-0001");
        http.postJson("/api/v1/reports", agent, Reports.failing("dev-1", "PC-0001", T0, "mail.contoso.com"));
        http.postJson("/api/v1/reports", agent, Reports.degraded("dev-1", "PC-0001", T0.plusSeconds(60), "mail.contoso.com"));
        clock.advance(Duration.ofDays(91));
        RetentionService retention = new RetentionService(collector.database().jdbi(), clock,
                RetentionService.Policy.of(Duration.ofDays(90), Duration.ofDays(400)));
        assertEquals(1, retention.purge().reports());
        JsonNode detail = http.get("/api/v1/devices/dev-1", TestCollector.admin()).json();
        assertEquals(1, detail.path("reports").size());
        assertEquals("DEGRADED", detail.path("latest").path("verdict").asText());
    }

    @Test
    void dataSurvivesARestart() {
        String agent = collector.enroll("dev-1", "PC-0001");
        http.postJson("/api/v1/reports", agent, Reports.degraded("dev-1", "PC-0001", T0, "mail.contoso.com"));
        collector.close();
        collector = new TestCollector(dbUrl, clock);
        http = collector.http();
        assertEquals("DEGRADED", http.get("/api/v1/devices/dev-1", TestCollector.admin()).json().path("verdict").asText());
        assertEquals(200, http.get("/api/v1/commands", agent).status(), "the agent token still works");
    }
}
