package dev.mapiagent.collector.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the collector is configured with (flags or environment, DESIGN.md §6).
 *
 * @param port                 HTTP(S) port; 0 picks a free one (tests)
 * @param dbUrl                JDBC URL: jdbc:h2:file:... (embedded) or jdbc:postgresql://...
 * @param enrollSecret         the shared enrollment secret, or null when enrollment is closed
 * @param adminPassword        creates the admin account on first start, or null
 * @param tlsKeystore          PKCS12/JKS keystore for HTTPS, or null for plain HTTP
 * @param tlsKeystorePassword  its password, or null
 * @param retention            how long report history is kept (each device's latest report is always kept)
 * @param commandTtl           default time a queued self-heal command stays valid
 * @param redeliverAfter       the delivery lease: a delivered command without a result is handed out again after it
 * @param sessionTtl           how long a page login lasts
 * @param serverSideMinDevices devices failing the same way on one endpoint before the fleet view calls it server-side
 * @param onsetWindow          how close together their failures must have started
 * @param trustedProxies       reverse proxies whose X-Forwarded-For names the client (NONE: the peer is the client)
 * @param staleAfter           a device without a report for this long counts as a stale agent
 * @param auditRetention       how long audit entries are kept (longer than the report history)
 * @param identity             enrolment rotation and rate, clock skew tolerance
 * @param bulkHeals            a bulk heal's default and highest rate (devices per minute)
 * @param wakeRecheck          the long-poll safety net: how often parked requests are re-checked against the database
 *                             (on PostgreSQL notifications wake them; the re-check catches what they cannot announce)
 */
public record CollectorConfig(
        int port,
        String dbUrl,
        Secret enrollSecret,
        Secret adminPassword,
        Path tlsKeystore,
        Secret tlsKeystorePassword,
        Duration retention,
        Duration commandTtl,
        Duration redeliverAfter,
        Duration sessionTtl,
        int serverSideMinDevices,
        Duration onsetWindow,
        TrustedProxies trustedProxies,
        Duration staleAfter,
        Duration auditRetention,
        IdentityConfig identity,
        BulkHealLimits bulkHeals,
        Duration wakeRecheck) {

    /**
     * The default delivery lease. A result missing for longer than this means the answer that carried the command
     * was most likely lost (connection dropped, the agent's client gave up, the PC went to sleep), so the command is
     * handed out again. It must outlast what a delivered command legitimately takes before its result arrives: the
     * answer's trip to the agent, then a heal that diagnoses, may wait 60 s for Outlook to close (restart-outlook),
     * diagnoses again and posts the result (the long-poll wait before the answer, at most 50 s from the agent and
     * 60 s on the collector, does not count: the lease starts when the answer is built). 120 s covers that with
     * margin. A redelivery that still comes too early costs only a round trip, because the agent answers a command
     * id it finished with the result it kept instead of healing again; a longer lease only delays recovering a lost
     * click by as much.
     */
    public static final long DEFAULT_REDELIVER_AFTER_SECONDS = 120;

    /**
     * The default long-poll safety net. Heals wake parked requests through the database's notifications (or in
     * process on the embedded database); the re-check is only for what those cannot announce (a delivery lease
     * running out, which the agent's next poll also finds) and for a notification missed while the listener
     * reconnects (which it re-checks itself once reconnected). One small query per collector per interval.
     */
    public static final long DEFAULT_WAKE_RECHECK_SECONDS = 30;

    /** Without secrets, and without the database URL, which may carry a password (the start-up log shows it redacted). */
    @Override
    public String toString() {
        return "CollectorConfig[port=" + port + ", enrollment="
                + (enrollSecret == null ? "closed" : "open") + ", tls=" + tls() + ", retention=" + retention
                + ", commandTtl=" + commandTtl + ", redeliverAfter=" + redeliverAfter + ", trustedProxies=" + trustedProxies
                + "]";
    }

    public boolean tls() {
        return tlsKeystore != null;
    }

    /** Defaults for everything but the database, for tests and embedding. */
    public static CollectorConfig defaults(String dbUrl) {
        return new CollectorConfig(0, dbUrl, null, null, null, null, Duration.ofDays(90), Duration.ofHours(1),
                Duration.ofSeconds(DEFAULT_REDELIVER_AFTER_SECONDS), Duration.ofHours(8), 3, Duration.ofMinutes(30),
                TrustedProxies.NONE, Duration.ofDays(7), Duration.ofDays(400),
                IdentityConfig.defaults(), BulkHealLimits.defaults(), Duration.ofSeconds(DEFAULT_WAKE_RECHECK_SECONDS));
    }

    public CollectorConfig withEnrollSecret(String secret) {
        return new CollectorConfig(port, dbUrl, Secret.ofNullable(secret), adminPassword, tlsKeystore,
                tlsKeystorePassword, retention, commandTtl, redeliverAfter, sessionTtl, serverSideMinDevices, onsetWindow,
                trustedProxies, staleAfter, auditRetention, identity, bulkHeals, wakeRecheck);
    }

    public CollectorConfig withAdminPassword(String password) {
        return new CollectorConfig(port, dbUrl, enrollSecret, Secret.ofNullable(password), tlsKeystore,
                tlsKeystorePassword, retention, commandTtl, redeliverAfter, sessionTtl, serverSideMinDevices, onsetWindow,
                trustedProxies, staleAfter, auditRetention, identity, bulkHeals, wakeRecheck);
    }

    public CollectorConfig withTls(Path keystore, String password) {
        return new CollectorConfig(port, dbUrl, enrollSecret, adminPassword, keystore, Secret.ofNullable(password),
                retention, commandTtl, redeliverAfter, sessionTtl, serverSideMinDevices, onsetWindow,
                trustedProxies, staleAfter, auditRetention, identity, bulkHeals, wakeRecheck);
    }

    public CollectorConfig withTrustedProxies(TrustedProxies proxies) {
        return new CollectorConfig(port, dbUrl, enrollSecret, adminPassword, tlsKeystore, tlsKeystorePassword,
                retention, commandTtl, redeliverAfter, sessionTtl, serverSideMinDevices, onsetWindow, proxies,
                staleAfter, auditRetention, identity, bulkHeals, wakeRecheck);
    }

    public CollectorConfig withBulkHeals(BulkHealLimits limits) {
        return new CollectorConfig(port, dbUrl, enrollSecret, adminPassword, tlsKeystore, tlsKeystorePassword,
                retention, commandTtl, redeliverAfter, sessionTtl, serverSideMinDevices, onsetWindow, trustedProxies,
                staleAfter, auditRetention, identity, limits, wakeRecheck);
    }

    public CollectorConfig withWakeRecheck(Duration every) {
        return new CollectorConfig(port, dbUrl, enrollSecret, adminPassword, tlsKeystore, tlsKeystorePassword,
                retention, commandTtl, redeliverAfter, sessionTtl, serverSideMinDevices, onsetWindow, trustedProxies,
                staleAfter, auditRetention, identity, bulkHeals, every);
    }

    public CollectorConfig withIdentity(IdentityConfig settings) {
        return new CollectorConfig(port, dbUrl, enrollSecret, adminPassword, tlsKeystore, tlsKeystorePassword,
                retention, commandTtl, redeliverAfter, sessionTtl, serverSideMinDevices, onsetWindow, trustedProxies,
                staleAfter, auditRetention, settings, bulkHeals, wakeRecheck);
    }
}
