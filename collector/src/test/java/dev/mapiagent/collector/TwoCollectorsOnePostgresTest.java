package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.config.CollectorConfig;
import dev.mapiagent.collector.support.Http;
import dev.mapiagent.collector.support.MutableClock;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Several collectors behind a balancer share one PostgreSQL: an agent must never get the same command twice. */
class TwoCollectorsOnePostgresTest {

    private static final int DEVICES = 20;
    private static final int POLLS_PER_DEVICE = 6;

    @Test
    void twoCollectorsNeverHandTheSameCommandOutTwice() throws Exception {
        String url = TestDatabase.POSTGRES.freshUrl();
        try (TestCollector a = new TestCollector(url, Clock.systemUTC());
             TestCollector b = new TestCollector(url, Clock.systemUTC())) {
            List<String> tokens = new ArrayList<>();
            Set<String> queued = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < DEVICES; i++) {
                String deviceId = "dev-" + i;
                tokens.add((i % 2 == 0 ? a : b).enroll(deviceId, "PC-" + i));
                Http.Response r = (i % 2 == 0 ? b : a).http().postJson("/api/v1/devices/" + deviceId + "/heal",
                        TestCollector.admin(), Map.of("actions", List.of("enable-mapihttp")));
                assertEquals(201, r.status(), r.body());
                queued.add(r.json().path("commandId").asText());
            }

            assertEquals(queued, Set.copyOf(pollAllAtOnce(a, b, tokens)));
        }
    }

    @Test
    void twoCollectorsRacingARedeliveryHandEachCommandOutOnce() throws Exception {
        String url = TestDatabase.POSTGRES.freshUrl();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
        try (TestCollector a = new TestCollector(url, clock);
             TestCollector b = new TestCollector(url, clock)) {
            List<String> tokens = new ArrayList<>();
            Set<String> queued = new HashSet<>();
            for (int i = 0; i < DEVICES; i++) {
                String token = a.enroll("dev-" + i, "PC-" + i);
                tokens.add(token);
                Http.Response r = b.http().postJson("/api/v1/devices/dev-" + i + "/heal", TestCollector.admin(),
                        Map.of("actions", List.of("enable-mapihttp")));
                assertEquals(201, r.status(), r.body());
                queued.add(r.json().path("commandId").asText());
                assertEquals(1, a.http().get("/api/v1/commands", token).json().path("commands").size());
            }
            // every answer was lost; after the lease each device polls both collectors at once, several times
            clock.advance(Duration.ofSeconds(CollectorConfig.DEFAULT_REDELIVER_AFTER_SECONDS));

            assertEquals(queued, Set.copyOf(pollAllAtOnce(a, b, tokens)));
            for (int i = 0; i < DEVICES; i++) {
                JsonNode command = a.http().get("/api/v1/devices/dev-" + i, TestCollector.admin()).json()
                        .path("commands").path(0);
                assertEquals(2, command.path("deliveryAttempts").asInt(), command.toString());
            }
        }
    }

    /** Every device polls both collectors at once, several times; all threads start together. */
    private static List<String> pollAllAtOnce(TestCollector a, TestCollector b, List<String> tokens) throws Exception {
        ConcurrentLinkedQueue<String> handedOut = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> polls = new ArrayList<>();
        for (String token : tokens) {
            for (int p = 0; p < POLLS_PER_DEVICE; p++) {
                Http target = (p % 2 == 0 ? a : b).http();
                polls.add(pool.submit(() -> {
                    go.await();
                    Http.Response r = target.get("/api/v1/commands", token);
                    assertEquals(200, r.status(), r.body());
                    for (JsonNode c : r.json().path("commands")) {
                        handedOut.add(c.path("commandId").asText());
                    }
                    return null;
                }));
            }
        }
        go.countDown();
        for (Future<?> f : polls) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        List<String> all = List.copyOf(handedOut);
        assertEquals(tokens.size(), all.size(), "each command handed out exactly once: " + all);
        return all;
    }

    @Test
    void aHealQueuedOnOneCollectorWakesALongPollParkedOnTheOtherThroughTheDatabasesNotification() throws Exception {
        String url = TestDatabase.POSTGRES.freshUrl();
        try (TestCollector a = withoutSafetyNet(url); TestCollector b = withoutSafetyNet(url)) {
            String agent = a.enroll("dev-1", "PC-1");
            CompletableFuture<Http.Response> poll = b.longPoll(agent, 60);
            b.awaitParked(1);
            String commandId = queueHeal(a, "dev-1");

            JsonNode delivered = poll.get(10, TimeUnit.SECONDS).json().path("commands");
            assertEquals(1, delivered.size(), "woken long before its 60 s wait ends: " + delivered);
            assertEquals(commandId, delivered.path(0).path("commandId").asText());
        }
    }

    @Test
    void aHealQueuedWhileTheOtherCollectorsListenerReconnectsIsNotLost() throws Exception {
        String url = TestDatabase.POSTGRES.freshUrl();
        // B's connections carry a name of their own, so the test terminates B's listening connection only
        String bName = "collector-b-" + UUID.randomUUID();
        try (TestCollector a = withoutSafetyNet(url); TestCollector b = withoutSafetyNet(url + "&ApplicationName=" + bName)) {
            String first = a.enroll("dev-1", "PC-1");
            String second = a.enroll("dev-2", "PC-2");
            CompletableFuture<Http.Response> poll = b.longPoll(first, 60);
            b.awaitParked(1);
            awaitListening(url, bName);
            assertEquals(1, terminateListening(url, bName));
            String lostWhileReconnecting = queueHeal(a, "dev-1");

            assertEquals(List.of(lostWhileReconnecting), commandIds(poll.get(10, TimeUnit.SECONDS)),
                    "heard after reconnecting, or found by the re-check the reconnection runs");
            awaitListening(url, bName);
            CompletableFuture<Http.Response> next = b.longPoll(second, 60);
            b.awaitParked(1);
            String afterReconnecting = queueHeal(a, "dev-2");
            assertEquals(List.of(afterReconnecting), commandIds(next.get(10, TimeUnit.SECONDS)));
        }
    }

    /** Collectors whose safety-net re-check is far off: only a notification can wake a poll within a test. */
    private static TestCollector withoutSafetyNet(String url) {
        return new TestCollector(TestCollector.config(url).withWakeRecheck(Duration.ofMinutes(10)), Clock.systemUTC());
    }

    private static String queueHeal(TestCollector collector, String deviceId) {
        Http.Response r = collector.http().postJson("/api/v1/devices/" + deviceId + "/heal", TestCollector.admin(),
                Map.of("actions", List.of("restart-outlook")));
        assertEquals(201, r.status(), r.body());
        return r.json().path("commandId").asText();
    }

    private static List<String> commandIds(Http.Response r) {
        assertEquals(200, r.status(), r.body());
        List<String> ids = new ArrayList<>();
        r.json().path("commands").forEach(c -> ids.add(c.path("commandId").asText()));
        return ids;
    }

    /** Waits until a connection of that application name has run LISTEN (the collector's listener). */
    private static void awaitListening(String url, String applicationName) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (listening(url, applicationName, "count(*)") != 1) {
            assertTrue(System.nanoTime() < deadline, applicationName + " never listened");
            Thread.sleep(20);
        }
    }

    private static int terminateListening(String url, String applicationName) throws SQLException {
        return listening(url, applicationName, "count(pg_terminate_backend(pid))");
    }

    private static int listening(String url, String applicationName, String select) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement("SELECT " + select
                + " FROM pg_stat_activity WHERE application_name = ? AND query LIKE 'LISTEN%'")) {
            s.setString(1, applicationName);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void longPollsParkedOnBothCollectorsGetEachCommandExactlyOnce() throws Exception {
        String url = TestDatabase.POSTGRES.freshUrl();
        try (TestCollector a = withoutSafetyNet(url); TestCollector b = withoutSafetyNet(url)) {
            List<String> agents = new ArrayList<>();
            for (int i = 0; i < DEVICES; i++) {
                agents.add(a.enroll("dev-" + i, "PC-" + i));
            }
            // a wait far longer than parking and queueing take even on a busy machine
            List<CompletableFuture<Http.Response>> polls = new ArrayList<>();
            for (String agent : agents) {
                polls.add(a.longPoll(agent, 30));
                polls.add(b.longPoll(agent, 30));
            }
            a.awaitParked(DEVICES);
            b.awaitParked(DEVICES);
            Set<String> queued = new HashSet<>();
            for (int i = 0; i < DEVICES; i++) {
                queued.add(queueHeal(i % 2 == 0 ? a : b, "dev-" + i));
            }
            // each command goes to one of its device's two polls (in process or by notification); the other one
            // stays parked until its wait ends, with no commands
            awaitParkedOnBoth(a, b, DEVICES);
            List<String> handedOut = new ArrayList<>();
            for (CompletableFuture<Http.Response> poll : polls) {
                handedOut.addAll(commandIds(poll.get(180, TimeUnit.SECONDS)));
            }
            assertEquals(DEVICES, handedOut.size(), "each command handed out exactly once: " + handedOut);
            assertEquals(queued, Set.copyOf(handedOut));
        }
    }

    private static void awaitParkedOnBoth(TestCollector a, TestCollector b, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int parked;
        while ((parked = a.parked() + b.parked()) != count) {
            assertTrue(System.nanoTime() < deadline, parked + " polls parked on A and B, expected " + count);
            Thread.sleep(50);
        }
    }

    @Test
    void twoCollectorsQueueingForOneDeviceAtOnceLeaveOneCommandInFlight() throws Exception {
        String url = TestDatabase.POSTGRES.freshUrl();
        try (TestCollector a = new TestCollector(url, Clock.systemUTC());
             TestCollector b = new TestCollector(url, Clock.systemUTC())) {
            a.enroll("dev-1", "PC-1");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Http target = (i % 2 == 0 ? a : b).http();
                attempts.add(pool.submit(() -> {
                    go.await();
                    return target.postJson("/api/v1/devices/dev-1/heal", TestCollector.admin(),
                            Map.of("actions", List.of("restart-outlook"))).status();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : attempts) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        }
    }
}
