package dev.mapiagent.collector;

import dev.mapiagent.collector.config.BulkHealLimits;
import dev.mapiagent.collector.config.CollectorConfig;
import dev.mapiagent.collector.config.DirectoryConfig;
import dev.mapiagent.collector.config.IdentityConfig;
import dev.mapiagent.collector.config.Secret;
import dev.mapiagent.collector.config.TrustedProxies;
import dev.mapiagent.collector.db.Database;
import dev.mapiagent.collector.db.EmbeddedStore;
import dev.mapiagent.collector.db.JdbcUrls;
import dev.mapiagent.collector.service.BulkHealService;
import dev.mapiagent.collector.service.FleetHistoryService;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the collector until it is stopped (SIGTERM/SIGINT), then shuts down gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the collector.")
public final class ServeCommand implements java.util.concurrent.Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    /** How often the fleet history's current hour and day are brought up to date (the last write of a bucket stays). */
    private static final long HISTORY_EVERY_MINUTES = 5;

    /** How often running bulk heals start the devices their rate allows (the rate is per minute, so a few a minute). */
    private static final long BULK_HEAL_EVERY_SECONDS = 5;

    /**
     * How often the embedded database rewrites its emptiest chunks ({@link EmbeddedStore}); H2 keeps a chunk 45 s
     * after it was written before it may be rewritten, so more often would find little new.
     */
    private static final long COMPACT_EVERY_SECONDS = 60;

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

    @Option(names = "--trusted-proxies", defaultValue = "${env:MAPI_COLLECTOR_TRUSTED_PROXIES}",
            description = "Reverse proxies (IP addresses, CIDR ranges, comma-separated) whose X-Forwarded-For names the "
                    + "client; from any other peer the header is ignored (env MAPI_COLLECTOR_TRUSTED_PROXIES).")
    String trustedProxies;

    @Option(names = {"--report-retention-days", "--retention-days"},
            defaultValue = "${env:MAPI_COLLECTOR_REPORT_RETENTION_DAYS:-${env:MAPI_COLLECTOR_RETENTION_DAYS:-90}}",
            description = "Days of report history kept; each device's latest report is always kept "
                    + "(env MAPI_COLLECTOR_REPORT_RETENTION_DAYS, default 90).")
    int retentionDays;

    @Option(names = "--audit-retention-days", defaultValue = "${env:MAPI_COLLECTOR_AUDIT_RETENTION_DAYS:-400}",
            description = "Days of audit log kept (env MAPI_COLLECTOR_AUDIT_RETENTION_DAYS, default 400).")
    int auditRetentionDays;

    @Option(names = "--command-ttl-minutes", defaultValue = "${env:MAPI_COLLECTOR_COMMAND_TTL_MINUTES:-60}", description = "Default expiry of a self-heal command (default 60).")
    int commandTtlMinutes;

    @Option(names = "--redeliver-after-seconds",
            defaultValue = "${env:MAPI_COLLECTOR_REDELIVER_AFTER_SECONDS:-" + CollectorConfig.DEFAULT_REDELIVER_AFTER_SECONDS + "}",
            description = "Hand a delivered self-heal command out again when no result came within this many seconds "
                    + "(env MAPI_COLLECTOR_REDELIVER_AFTER_SECONDS, default 120, at least 60).")
    int redeliverAfterSeconds;

    @Option(names = "--wake-recheck-seconds",
            defaultValue = "${env:MAPI_COLLECTOR_WAKE_RECHECK_SECONDS:-" + CollectorConfig.DEFAULT_WAKE_RECHECK_SECONDS + "}",
            description = "Long-poll safety net: re-check parked agent requests against the database this often; heals "
                    + "wake them at once anyway (env MAPI_COLLECTOR_WAKE_RECHECK_SECONDS, default 30, 1-3600).")
    int wakeRecheckSeconds;

    @Option(names = "--session-hours", defaultValue = "${env:MAPI_COLLECTOR_SESSION_HOURS:-8}", description = "How long a page login lasts (default 8).")
    int sessionHours;

    @Option(names = "--incident-min-devices", defaultValue = "${env:MAPI_COLLECTOR_INCIDENT_MIN_DEVICES:-3}", description = "Devices failing alike on one endpoint to call it server-side (default 3).")
    int incidentMinDevices;

    @Option(names = "--incident-onset-minutes", defaultValue = "${env:MAPI_COLLECTOR_INCIDENT_ONSET_MINUTES:-30}", description = "How close together their failures must start (default 30).")
    int incidentOnsetMinutes;

    @Option(names = "--stale-days", defaultValue = "${env:MAPI_COLLECTOR_STALE_DAYS:-7}", description = "Days without a report before the overview lists an agent as stopped reporting (default 7).")
    int staleDays;

    @Option(names = "--bulk-heal-per-minute",
            defaultValue = "${env:MAPI_COLLECTOR_BULK_HEAL_PER_MINUTE:-" + BulkHealLimits.DEFAULT_PER_MINUTE + "}",
            description = "Devices a bulk heal queues per minute when the request names no rate "
                    + "(env MAPI_COLLECTOR_BULK_HEAL_PER_MINUTE, default 60).")
    int bulkHealPerMinute;

    @Option(names = "--bulk-heal-max-per-minute",
            defaultValue = "${env:MAPI_COLLECTOR_BULK_HEAL_MAX_PER_MINUTE:-" + BulkHealLimits.DEFAULT_MAX_PER_MINUTE + "}",
            description = "The highest rate a bulk heal may ask for (env MAPI_COLLECTOR_BULK_HEAL_MAX_PER_MINUTE, default 1000).")
    int bulkHealMaxPerMinute;

    @Mixin
    LdapOptions ldap;

    @Mixin
    OidcOptions oidc;

    @Override
    public Integer call() throws Exception {
        CollectorConfig config = config();
        DirectoryConfig directory = new DirectoryConfig(ldap.config(), oidc.config());
        Database database = Database.open(config.dbUrl());
        if (config.adminPassword() != null && new UserService(database.jdbi(), Clock.systemUTC()).ensureAdmin(config.adminPassword().reveal())) {
            LOG.info("created the admin account");
        }
        CollectorApp.Built built = CollectorApp.build(config, directory, database.jdbi(), Clock.systemUTC());
        Javalin app = built.app();
        ScheduledExecutorService housekeeping = daemonScheduler("mapi-housekeeping");
        RetentionService retention = new RetentionService(database.jdbi(), Clock.systemUTC(),
                RetentionService.Policy.of(config.retention(), Duration.ofDays(auditRetentionDays)));
        housekeeping.scheduleWithFixedDelay(() -> purge(retention), 0, 60, TimeUnit.MINUTES);
        FleetHistoryService history = new FleetHistoryService(database.jdbi(), Clock.systemUTC());
        housekeeping.scheduleWithFixedDelay(() -> recordHistory(history), 0, HISTORY_EVERY_MINUTES, TimeUnit.MINUTES);
        database.embeddedStore().ifPresent(store -> housekeeping.scheduleWithFixedDelay(() -> compact(store),
                COMPACT_EVERY_SECONDS, COMPACT_EVERY_SECONDS, TimeUnit.SECONDS));
        // its own thread: a long first retention purge must not hold bulk heals up
        ScheduledExecutorService bulkScheduler = daemonScheduler("mapi-bulk-heals");
        bulkScheduler.scheduleWithFixedDelay(() -> startBulkHeals(built.bulkHeals()), BULK_HEAL_EVERY_SECONDS,
                BULK_HEAL_EVERY_SECONDS, TimeUnit.SECONDS);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: finishing requests in flight");
            housekeeping.shutdownNow();
            bulkScheduler.shutdownNow();
            CollectorApp.stop(app);
            database.close();
            LOG.info("stopped");
            flushLogs();
            stopped.countDown();
        }, "mapi-shutdown"));
        app.start(config.port());
        LOG.atInfo().setMessage("collector listening").addKeyValue("port", app.port())
                .addKeyValue("db", JdbcUrls.redact(config.dbUrl())).addKeyValue("tls", config.tls())
                .addKeyValue("trustedProxies", config.trustedProxies().toString())
                .addKeyValue("enrollment", config.enrollSecret() != null)
                .addKeyValue("ldap", directory.ldap() != null).addKeyValue("oidc", directory.oidc() != null).log();
        stopped.await();
        return 0;
    }

    /** One background thread that does not keep the process alive; the shutdown hook stops it. */
    private static ScheduledExecutorService daemonScheduler(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Writes out the log lines still queued for the asynchronous appender (logback.xml). */
    private static void flushLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.stop();
        }
    }

    private static void recordHistory(FleetHistoryService history) {
        try {
            history.record();
        } catch (RuntimeException e) {
            LOG.warn("fleet history not recorded: {}", e.getMessage());
        }
    }

    private static void startBulkHeals(BulkHealService bulkHeals) {
        try {
            BulkHealService.Tick tick = bulkHeals.tick();
            if (tick.started() + tick.skipped() > 0) {
                LOG.atInfo().setMessage("bulk heals").addKeyValue("started", tick.started())
                        .addKeyValue("skipped", tick.skipped()).log();
            }
        } catch (RuntimeException e) {
            LOG.warn("bulk heals not started this round: {}", e.getMessage());
        }
    }

    private static void compact(EmbeddedStore store) {
        try {
            EmbeddedStore.Compaction compaction = store.compact();
            if (compaction.rewrote()) {
                LOG.atInfo().setMessage("embedded database compacted")
                        .addKeyValue("livePercentBefore", compaction.livePercent())
                        .addKeyValue("fileBytes", compaction.fileBytes()).log();
            }
        } catch (RuntimeException e) {
            LOG.warn("embedded database not compacted this round: {}", e.getMessage());
        }
    }

    private static void purge(RetentionService retention) {
        try {
            RetentionService.Purged purged = retention.purge();
            if (!purged.ran()) {
                LOG.info("retention purge skipped: another collector on this database is purging");
                return;
            }
            LOG.atInfo().setMessage("retention purge").addKeyValue("reports", purged.reports())
                    .addKeyValue("auditEntries", purged.auditEntries()).addKeyValue("bulkHealRows", purged.bulkHealRows())
                    .addKeyValue("sessions", purged.sessions())
                    .addKeyValue("batches", purged.batches()).log();
        } catch (RuntimeException e) {
            LOG.warn("retention purge failed: {}", e.getMessage());
        }
    }

    CollectorConfig config() throws java.io.IOException {
        require(port >= 0 && port <= 65535, "--port must be 0-65535");
        require(retentionDays >= 1, "--report-retention-days must be at least 1");
        require(auditRetentionDays >= 1, "--audit-retention-days must be at least 1");
        require(commandTtlMinutes >= 1 && commandTtlMinutes <= 1440, "--command-ttl-minutes must be 1-1440");
        // a shorter lease would redeliver commands whose heal may well still run (restart-outlook alone waits up to 60 s)
        require(redeliverAfterSeconds >= 60 && redeliverAfterSeconds <= 86400, "--redeliver-after-seconds must be 60-86400");
        require(wakeRecheckSeconds >= 1 && wakeRecheckSeconds <= 3600, "--wake-recheck-seconds must be 1-3600");
        require(sessionHours >= 1, "--session-hours must be at least 1");
        require(incidentMinDevices >= 2, "--incident-min-devices must be at least 2");
        require(incidentOnsetMinutes >= 1, "--incident-onset-minutes must be at least 1");
        String weakSecret = IdentityConfig.enrollSecretWeakness(enrollSecret);
        require(weakSecret == null, "--enroll-secret refused: " + weakSecret);
        String weakPrevious = IdentityConfig.enrollSecretWeakness(enrollSecretPrevious);
        require(weakPrevious == null, "--enroll-secret-previous refused: " + weakPrevious);
        require(enrollPerMinute >= 1, "--enroll-rate-per-minute must be at least 1");
        require(maxClockSkewMinutes >= 1, "--max-clock-skew-minutes must be at least 1");
        // an empty value (a settings file's "MAPI_COLLECTOR_TLS_KEYSTORE=") means not set, not the working directory
        Path keystore = tlsKeystore == null || tlsKeystore.toString().isBlank() ? null : tlsKeystore;
        require(keystore == null || Files.isReadable(keystore), "--tls-keystore " + keystore + " cannot be read");
        TrustedProxies proxies = TrustedProxies.parse(trustedProxies);
        require(staleDays >= 1, "--stale-days must be at least 1");
        require(bulkHealMaxPerMinute >= 1, "--bulk-heal-max-per-minute must be at least 1");
        require(bulkHealPerMinute >= 1 && bulkHealPerMinute <= bulkHealMaxPerMinute,
                "--bulk-heal-per-minute must be 1 to --bulk-heal-max-per-minute (" + bulkHealMaxPerMinute + ")");
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
                keystore, Secret.ofNullable(tlsKeystorePassword), Duration.ofDays(retentionDays),
                Duration.ofMinutes(commandTtlMinutes), Duration.ofSeconds(redeliverAfterSeconds), Duration.ofHours(sessionHours), incidentMinDevices,
                Duration.ofMinutes(incidentOnsetMinutes), proxies, Duration.ofDays(staleDays),
                Duration.ofDays(auditRetentionDays),
                new IdentityConfig(Secret.ofNullable(enrollSecretPrevious), enrollPerMinute, Duration.ofMinutes(maxClockSkewMinutes)),
                new BulkHealLimits(bulkHealPerMinute, bulkHealMaxPerMinute), Duration.ofSeconds(wakeRecheckSeconds));
    }

    /** Adds each non-blank key with the role; called from the lowest role up, so a key named twice gets the higher. */
    static void mapToRole(java.util.Map<String, String> roles, java.util.List<String> keys, String role) {
        if (keys != null) {
            keys.stream().map(String::trim).filter(k -> !k.isEmpty()).forEach(k -> roles.put(k, role));
        }
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
