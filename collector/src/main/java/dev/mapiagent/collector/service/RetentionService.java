package dev.mapiagent.collector.service;

import dev.mapiagent.collector.db.AuditDao;
import dev.mapiagent.collector.db.ReportDao;
import dev.mapiagent.collector.db.SessionDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Keeps the database from growing without bound: drops report history older than the retention (never a device's
 * latest report), audit entries older than the audit retention (kept longer) and expired sessions. Reports and
 * audit entries go in batches, each its own short transaction, so a first purge of a large backlog holds no long
 * locks and ingest goes on meanwhile.
 */
public final class RetentionService {

    /** Rows deleted per transaction. */
    public static final int BATCH = 1000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration retention;
    private final Duration auditRetention;
    private final int batch;

    public RetentionService(Jdbi jdbi, Clock clock, Duration retention, Duration auditRetention, int batch) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.retention = retention;
        this.auditRetention = auditRetention;
        this.batch = batch;
    }

    /** What one purge removed. */
    public record Purged(int reports, int auditEntries, int sessions) {
    }

    public Purged purge() {
        Instant now = clock.instant();
        int reports = inBatches(() -> jdbi.inTransaction(h -> new ReportDao(h).purgeReceivedBefore(now.minus(retention), batch)));
        int audit = inBatches(() -> jdbi.inTransaction(h -> new AuditDao(h).purgeBefore(now.minus(auditRetention), batch)));
        int sessions = jdbi.inTransaction(h -> new SessionDao(h).purgeExpired(now));
        return new Purged(reports, audit, sessions);
    }

    private int inBatches(IntSupplier deleteBatch) {
        int total = 0;
        int deleted;
        do {
            deleted = deleteBatch.getAsInt();
            total += deleted;
        } while (deleted == batch);
        return total;
    }
}
