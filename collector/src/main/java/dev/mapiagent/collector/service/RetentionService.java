package dev.mapiagent.collector.service;

import dev.mapiagent.collector.db.LoginThrottleDao;
import dev.mapiagent.collector.db.ReportDao;
import dev.mapiagent.collector.db.SessionDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Drops report history older than the retention (never a device's latest report), expired sessions and login
 * counters that no longer count.
 */
public final class RetentionService {

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration retention;

    public RetentionService(Jdbi jdbi, Clock clock, Duration retention) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.retention = retention;
    }

    /** What one purge removed. */
    public record Purged(int reports, int sessions) {
    }

    public Purged purge() {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            new LoginThrottleDao(h).purgeUnchangedSince(now.minus(LoginThrottle.FORGET_AFTER));
            return new Purged(new ReportDao(h).purgeReceivedBefore(now.minus(retention)), new SessionDao(h).purgeExpired(now));
        });
    }
}
