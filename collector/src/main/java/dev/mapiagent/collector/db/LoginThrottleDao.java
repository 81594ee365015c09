package dev.mapiagent.collector.db;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Failed-login counters, one row per throttle key, read with the row locked so attempts take their turn. */
public final class LoginThrottleDao {

    private final Handle handle;

    public LoginThrottleDao(Handle handle) {
        this.handle = handle;
    }

    /**
     * A key's failures counted so far, its attempts being checked now, the time before which attempts are refused
     * (or null), and its last change.
     */
    public record Counter(int failures, int pending, Instant blockedUntil, Instant updatedAt) {
    }

    /** The key's counter, created at zero when absent, its row locked until the transaction ends. */
    public Counter lock(String key, Instant now) {
        handle.createUpdate("""
                INSERT INTO login_throttle (throttle_key, failures, pending, updated_at) VALUES (:key, 0, 0, :now)
                ON CONFLICT DO NOTHING""")
                .bind("key", key).bind("now", now).execute();
        return handle.createQuery("SELECT failures, pending, blocked_until, updated_at FROM login_throttle WHERE throttle_key = :key FOR UPDATE")
                .bind("key", key)
                .map((rs, ctx) -> new Counter(rs.getInt("failures"), rs.getInt("pending"), Sql.instant(rs, "blocked_until"),
                        Sql.instant(rs, "updated_at")))
                .one();
    }

    public void set(String key, Counter counter) {
        handle.createUpdate("""
                UPDATE login_throttle SET failures = :failures, pending = :pending, blocked_until = :blocked, updated_at = :at
                WHERE throttle_key = :key""")
                .bind("failures", counter.failures()).bind("pending", counter.pending()).bind("blocked", counter.blockedUntil())
                .bind("at", counter.updatedAt()).bind("key", key)
                .execute();
    }

    public void delete(String key) {
        handle.createUpdate("DELETE FROM login_throttle WHERE throttle_key = :key").bind("key", key).execute();
    }

    /** Removes counters untouched since the cutoff (they no longer count). */
    public int purgeUnchangedSince(Instant cutoff) {
        return handle.createUpdate("DELETE FROM login_throttle WHERE updated_at < :cutoff").bind("cutoff", cutoff).execute();
    }
}
