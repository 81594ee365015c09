package dev.mapiagent.collector;

import dev.mapiagent.collector.config.CollectorConfig;
import dev.mapiagent.collector.config.IdentityConfig;
import dev.mapiagent.collector.config.Secret;
import dev.mapiagent.collector.db.Database;
import dev.mapiagent.collector.db.JdbcUrls;
import dev.mapiagent.collector.service.RetentionService;
import dev.mapiagent.collector.service.UserService;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the collector until it is stopped (SIGTERM/SIGINT), then shuts down gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the collector.")
public final class ServeCommand implements java.util.concurrent.Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--port", defaultValue = "${env:MAPI_COLLECTOR_PORT:-8080}", description = "Port (env MAPI_COLLECTOR_PORT, default 8080).")
    int port;

    @Option(names = "--db", defaultValue = "${env:MAPI_COLLECTOR_DB}",
            description = "JDBC URL, e.g. jdbc:postgresql://db/mapi?user=..&password=.. (env MAPI_COLLECTOR_DB). Default: an embedded H2 file under --data-dir.")
    String db;

    @Option(names = "--data-dir", defaultValue = "${env:MAPI_COLLECTOR_DATA_DIR:-./data}", description = "Where the embedded database lives (default ./data).")
    Path dataDir;

    @Option(names = "--enroll-secret", defaultValue = "${env:MAPI_COLLECTOR_ENROLL_SECRET}", description = "Shared enrollment secret (env MAPI_COLLECTOR_ENROLL_SECRET). Without it enrollment is closed.")
    String enrollSecret;

    @Option(names = "--enroll-secret-previous", defaultValue = "${env:MAPI_COLLECTOR_ENROLL_SECRET_PREVIOUS}",
            description = "The enrollment secret being rotated out, still accepted until the new one is on every PC (env MAPI_COLLECTOR_ENROLL_SECRET_PREVIOUS).")
    String enrollSecretPrevious;

    @Option(names = "--enroll-rate-per-minute",
            defaultValue = "${env:MAPI_COLLECTOR_ENROLL_RATE_PER_MINUTE:-" + IdentityConfig.DEFAULT_ENROLL_PER_MINUTE + "}",
            description = "Enrollment requests one client address may make per minute (env MAPI_COLLECTOR_ENROLL_RATE_PER_MINUTE, default 60).")
    int enrollPerMinute;

    @Option(names = "--max-clock-skew-minutes",
            defaultValue = "${env:MAPI_COLLECTOR_MAX_CLOCK_SKEW_MINUTES:-" + IdentityConfig.DEFAULT_MAX_CLOCK_SKEW_MINUTES + "}",
            description = "Flag a device whose clock is off the collector's by more than this (env MAPI_COLLECTOR_MAX_CLOCK_SKEW_MINUTES, default 10).")
    int maxClockSkewMinutes;

    @Option(names = "--admin-password", defaultValue = "${env:MAPI_COLLECTOR_ADMIN_PASSWORD}", description = "Creates the 'admin' account on first start (env MAPI_COLLECTOR_ADMIN_PASSWORD).")
    String adminPassword;

    @Option(names = "--tls-keystore", defaultValue = "${env:MAPI_COLLECTOR_TLS_KEYSTORE}", description = "PKCS12 or JKS keystore: serve HTTPS (env MAPI_COLLECTOR_TLS_KEYSTORE).")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password", defaultValue = "${env:MAPI_COLLECTOR_TLS_KEYSTORE_PASSWORD}", description = "Keystore password (env MAPI_COLLECTOR_TLS_KEYSTORE_PASSWORD).")
    String tlsKeystorePassword;

    @Option(names = "--retention-days", defaultValue = "${env:MAPI_COLLECTOR_RETENTION_DAYS:-90}", description = "Days of report history kept (default 90).")
    int retentionDays;

    @Option(names = "--command-ttl-minutes", defaultValue = "${env:MAPI_COLLECTOR_COMMAND_TTL_MINUTES:-60}", description = "Default expiry of a self-heal command (default 60).")
    int commandTtlMinutes;

    @Option(names = "--redeliver-after-seconds",
            defaultValue = "${env:MAPI_COLLECTOR_REDELIVER_AFTER_SECONDS:-" + CollectorConfig.DEFAULT_REDELIVER_AFTER_SECONDS + "}",
            description = "Hand a delivered self-heal command out again when no result came within this many seconds "
                    + "(env MAPI_COLLECTOR_REDELIVER_AFTER_SECONDS, default 120, at least 60).")
    int redeliverAfterSeconds;

    @Option(names = "--session-hours", defaultValue = "${env:MAPI_COLLECTOR_SESSION_HOURS:-8}", description = "How long a page login lasts (default 8).")
    int sessionHours;

    @Option(names = "--incident-min-devices", defaultValue = "${env:MAPI_COLLECTOR_INCIDENT_MIN_DEVICES:-3}", description = "Devices failing alike on one endpoint to call it server-side (default 3).")
    int incidentMinDevices;

    @Option(names = "--incident-onset-minutes", defaultValue = "${env:MAPI_COLLECTOR_INCIDENT_ONSET_MINUTES:-30}", description = "How close together their failures must start (default 30).")
    int incidentOnsetMinutes;

    @Override
    public Integer call() throws Exception {
        CollectorConfig config = config();
        Database database = Database.open(config.dbUrl());
        if (config.adminPassword() != null && new UserService(database.jdbi(), Clock.systemUTC()).ensureAdmin(config.adminPassword().reveal())) {
            LOG.info("created the admin account");
        }
        Javalin app = CollectorApp.create(config, database.jdbi(), Clock.systemUTC());
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mapi-housekeeping");
            t.setDaemon(true);
            return t;
        });
        RetentionService retention = new RetentionService(database.jdbi(), Clock.systemUTC(), config.retention());
        housekeeping.scheduleWithFixedDelay(() -> purge(retention), 1, 60, TimeUnit.MINUTES);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: finishing requests in flight");
            housekeeping.shutdownNow();
            app.stop();
            database.close();
            LOG.info("stopped");
            flushLogs();
            stopped.countDown();
        }, "mapi-shutdown"));
        app.start(config.port());
        LOG.atInfo().setMessage("collector listening").addKeyValue("port", app.port())
                .addKeyValue("db", JdbcUrls.redact(config.dbUrl())).addKeyValue("tls", config.tls())
                .addKeyValue("enrollment", config.enrollSecret() != null).log();
        stopped.await();
        return 0;
    }

    /** Writes out the log lines still queued for the asynchronous appender (logback.xml). */
    private static void flushLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.stop();
        }
    }

    private static void purge(RetentionService retention) {
        try {
            RetentionService.Purged purged = retention.purge();
            LOG.atInfo().setMessage("retention purge").addKeyValue("reports", purged.reports())
                    .addKeyValue("sessions", purged.sessions()).log();
        } catch (RuntimeException e) {
            LOG.warn("retention purge failed: {}", e.getMessage());
        }
    }

    CollectorConfig config() throws java.io.IOException {
        require(port >= 0 && port <= 65535, "--port must be 0-65535");
        require(retentionDays >= 1, "--retention-days must be at least 1");
        require(commandTtlMinutes >= 1 && commandTtlMinutes <= 1440, "--command-ttl-minutes must be 1-1440");
        // a shorter lease would redeliver commands whose heal may well still run (restart-outlook alone waits up to 60 s)
        require(redeliverAfterSeconds >= 60 && redeliverAfterSeconds <= 86400, "--redeliver-after-seconds must be 60-86400");
        require(sessionHours >= 1, "--session-hours must be at least 1");
        require(incidentMinDevices >= 2, "--incident-min-devices must be at least 2");
        require(incidentOnsetMinutes >= 1, "--incident-onset-minutes must be at least 1");
        String weakSecret = IdentityConfig.enrollSecretWeakness(enrollSecret);
        require(weakSecret == null, "--enroll-secret refused: " + weakSecret);
        String weakPrevious = IdentityConfig.enrollSecretWeakness(enrollSecretPrevious);
        require(weakPrevious == null, "--enroll-secret-previous refused: " + weakPrevious);
        require(enrollPerMinute >= 1, "--enroll-rate-per-minute must be at least 1");
        require(maxClockSkewMinutes >= 1, "--max-clock-skew-minutes must be at least 1");
        require(tlsKeystore == null || Files.isReadable(tlsKeystore), "--tls-keystore " + tlsKeystore + " cannot be read");
        String url = db == null || db.isBlank() ? null : db.trim();
        if (url == null) {
            Files.createDirectories(dataDir);
            url = JdbcUrls.embedded(dataDir);
        }
        if (adminPassword != null && !adminPassword.isBlank()) {
            String weakness = dev.mapiagent.collector.auth.Passwords.weakness(adminPassword);
            require(weakness == null, "--admin-password refused: " + weakness);
        }
        return new CollectorConfig(port, url, Secret.ofNullable(enrollSecret), Secret.ofNullable(adminPassword),
                tlsKeystore, Secret.ofNullable(tlsKeystorePassword), Duration.ofDays(retentionDays),
                Duration.ofMinutes(commandTtlMinutes), Duration.ofSeconds(redeliverAfterSeconds), Duration.ofHours(sessionHours), incidentMinDevices,
                Duration.ofMinutes(incidentOnsetMinutes),
                new IdentityConfig(Secret.ofNullable(enrollSecretPrevious), enrollPerMinute, Duration.ofMinutes(maxClockSkewMinutes)));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
