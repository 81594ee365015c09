package dev.mapiagent.collector.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.collector.CollectorApp;
import dev.mapiagent.collector.config.CollectorConfig;
import dev.mapiagent.collector.config.DirectoryConfig;
import dev.mapiagent.collector.config.IdentityConfig;
import dev.mapiagent.collector.db.Database;
import dev.mapiagent.collector.service.BulkHealService;
import dev.mapiagent.collector.service.UserService;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;

/**
 * A collector started on a free port over a database, as {@code serve} starts it, with an admin account and an
 * enrollment secret, plus helpers to act as an agent or a helpdesk user.
 */
public final class TestCollector implements AutoCloseable {

    public static final String ENROLL_SECRET = "enroll-secret-for-tests";
    public static final String ADMIN_PASSWORD = "admin-password-1";
    public static final String PASSWORD = "password-for-tests";
    public static final int UNLIMITED = 1_000_000;

    private static final ExecutorService LONG_POLLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-long-poll");
        t.setDaemon(true);
        return t;
    });

    private final Database database;
    private final Javalin app;
    private final BulkHealService bulkHeals;
    private final Http http;
    private final CollectorConfig config;

    public TestCollector(String dbUrl, Clock clock) {
        this(config(dbUrl), clock);
    }

    /** The configuration of {@link #TestCollector(String, Clock)}, to change one setting of. */
    public static CollectorConfig config(String dbUrl) {
        // tests enroll many devices from one address, often on a clock that stands still: no enrollment rate limit
        return CollectorConfig.defaults(dbUrl).withEnrollSecret(ENROLL_SECRET).withAdminPassword(ADMIN_PASSWORD)
                .withIdentity(IdentityConfig.defaults().withEnrollPerMinute(UNLIMITED));
    }

    public TestCollector(CollectorConfig config, Clock clock) {
        this(config, DirectoryConfig.none(), clock, 0);
    }

    /** With directory sign-in, on the given port (0: a free one; OpenID redirect URIs need it known in advance). */
    public TestCollector(CollectorConfig config, DirectoryConfig directory, Clock clock, int port) {
        this.config = config;
        this.database = Database.open(config.dbUrl());
        if (config.adminPassword() != null) {
            new UserService(database.jdbi(), clock).ensureAdmin(config.adminPassword().reveal());
        }
        CollectorApp.Built built = CollectorApp.build(config, directory, database.jdbi(), clock);
        this.app = built.app().start("127.0.0.1", port);
        this.bulkHeals = built.bulkHeals();
        this.http = new Http(baseUrl());
    }

    public String baseUrl() {
        return (config.tls() ? "https" : "http") + "://127.0.0.1:" + app.port();
    }

    public Http http() {
        return http;
    }

    public Javalin app() {
        return app;
    }

    /** The app's own bulk heal service (the one wired to its parked long-polls); tests run its tick by hand. */
    public BulkHealService bulkHeals() {
        return bulkHeals;
    }

    /** The header cache size of the HTTP/1.1 connections of each of the server's connectors. */
    public List<Integer> headerCacheSizes() {
        return Arrays.stream(app.jettyServer().server().getConnectors())
                .map(c -> c.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration())
                .map(HttpConfiguration::getHeaderCacheSize)
                .toList();
    }

    public Database database() {
        return database;
    }

    public CollectorConfig config() {
        return config;
    }

    public static String admin() {
        return Http.basic("admin", ADMIN_PASSWORD);
    }

    /** Creates a user with the role (as admin) and returns its Basic authorization. */
    public String user(String name, String role) {
        Http.Response r = http.postJson("/api/v1/users", admin(), Map.of("username", name, "password", PASSWORD, "role", role));
        assertEquals(201, r.status(), r.body());
        return Http.basic(name, PASSWORD);
    }

    /** Enrolls a device and returns its Bearer authorization. */
    public String enroll(String deviceId, String hostname) {
        Http.Response r = http.postJson("/api/v1/enroll", null,
                Map.of("enrollSecret", ENROLL_SECRET, "deviceId", deviceId, "hostname", hostname, "user", "ann"));
        assertEquals(201, r.status(), r.body());
        return Http.bearer(r.json().path("agentToken").asText());
    }

    /** A GET /api/v1/commands?wait=N running in the background (given time on a busy machine to be parked at all). */
    public CompletableFuture<Http.Response> longPoll(String agent, int waitSeconds) {
        return CompletableFuture.supplyAsync(() -> http.get("/api/v1/commands?wait=" + waitSeconds, agent,
                Duration.ofSeconds(waitSeconds + 120)), LONG_POLLS);
    }

    /** Long-polls parked on this collector now (its gauge). */
    public int parked() {
        return http.get("/metrics", null).body().lines().filter(l -> l.startsWith("mapi_commands_waiting "))
                .findFirst().map(l -> (int) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).orElseThrow();
    }

    /** Waits (up to 30 s: a busy machine) until this collector has exactly that many long-polls parked. */
    public void awaitParked(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int parked;
        while ((parked = parked()) != count) {
            assertTrue(System.nanoTime() < deadline, parked + " long-polls parked, expected " + count);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        CollectorApp.stop(app);
        database.close();
    }
}
