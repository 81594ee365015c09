package dev.mapiagent.collector.service;

import dev.mapiagent.collector.db.AuditDao;
import dev.mapiagent.collector.db.BulkHealDao;
import dev.mapiagent.collector.db.DirectorySessionDao;
import dev.mapiagent.collector.db.LeaseDao;
import dev.mapiagent.collector.db.LoginThrottleDao;
import dev.mapiagent.collector.db.ReportDao;
import dev.mapiagent.collector.db.SessionDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Keeps the database from growing without bound: deletes report history older than the report retention (never a
 * device's latest report, nor the before/after reports of a command still within that retention), audit entries
 * and bulk heals (an audited operation with its per-device outcomes) that ended before the audit retention, expired
 * sessions and login counters that no longer count.
 *
 * <p>Deletes go in batches of {@link Policy#batchSize()} rows, one short transaction each with a pause between, so a
 * first purge of a large backlog never holds locks long or writes one huge transaction. Of several collectors on one
 * database only the holder of the {@code retention} lease purges; the others skip that round.
 */
public final class RetentionService {

    static final String JOB = "retention";

    /** How long a purge may run between two batches before another collector may take the job over. */
    static final Duration LEASE = Duration.ofMinutes(10);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Policy policy;
    private final String holder = "collector-" + UUID.randomUUID();

    public RetentionService(Jdbi jdbi, Clock clock, Policy policy) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.policy = policy;
    }

    /**
     * What to keep and how fast to delete.
     *
     * @param reports   report history kept
     * @param audit     audit entries kept
     * @param batchSize rows deleted per statement (and transaction)
     * @param pause     wait between two batches, leaving the database to the collectors' own work
     */
    public record Policy(Duration reports, Duration audit, int batchSize, Duration pause) {

        public static final int DEFAULT_BATCH_SIZE = 1000;
        public static final Duration DEFAULT_PAUSE = Duration.ofMillis(200);

        public static Policy of(Duration reports, Duration audit) {
            return new Policy(reports, audit, DEFAULT_BATCH_SIZE, DEFAULT_PAUSE);
        }
    }

    /**
     * What one purge removed.
     *
     * @param ran false when another collector held the lease, so this one deleted nothing
     */
    public record Purged(boolean ran, int reports, int auditEntries, int bulkHealRows, int sessions, int batches) {
    }

    public Purged purge() {
        Instant now = clock.instant();
        if (!extendLease()) {
            return new Purged(false, 0, 0, 0, 0, 0);
        }
        try {
            Instant reportCutoff = now.minus(policy.reports());
            Instant auditCutoff = now.minus(policy.audit());
            Batches reports = inBatches(h -> new ReportDao(h).purgeBatch(reportCutoff, reportCutoff, policy.batchSize()));
            Batches audit = reports.finished()
                    ? inBatches(h -> new AuditDao(h).purgeBatch(auditCutoff, policy.batchSize()))
                    : new Batches(0, 0, false);
            Batches bulkHeals = audit.finished()
                    ? inBatches(h -> new BulkHealDao(h).purgeBatch(auditCutoff, policy.batchSize()))
                    : new Batches(0, 0, false);
            jdbi.useHandle(h -> new LoginThrottleDao(h).purgeUnchangedSince(now.minus(LoginThrottle.FORGET_AFTER)));
            int sessions = jdbi.withHandle(h -> new SessionDao(h).purgeExpired(now) + new DirectorySessionDao(h).purgeExpired(now));
            return new Purged(true, reports.rows(), audit.rows(), bulkHeals.rows(), sessions,
                    reports.count() + audit.count() + bulkHeals.count());
        } finally {
            jdbi.useHandle(h -> new LeaseDao(h).release(JOB, holder, clock.instant()));
        }
    }

    /** Rows deleted in how many batches, and whether the last batch found nothing more to delete. */
    private record Batches(int rows, int count, boolean finished) {
    }

    /** Runs the batch until it deletes less than a full batch, the lease is lost, or the thread is interrupted. */
    private Batches inBatches(ToIntFunction<Handle> batch) {
        int rows = 0;
        int count = 0;
        while (true) {
            int deleted = jdbi.inTransaction(batch::applyAsInt);
            rows += deleted;
            count++;
            if (deleted < policy.batchSize()) {
                return new Batches(rows, count, true);
            }
            if (!pause() || !extendLease()) {
                return new Batches(rows, count, false);
            }
        }
    }

    private boolean extendLease() {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> new LeaseDao(h).acquire(JOB, holder, now, now.plus(LEASE)));
    }

    private boolean pause() {
        if (policy.pause().isZero()) {
            return true;
        }
        try {
            Thread.sleep(policy.pause().toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
