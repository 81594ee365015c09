package dev.mapiagent.collector.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Helpdesk accounts. */
public final class UserDao {

    private static final String COLUMNS = "username, password_hash, role, created_at, failed_logins, locked_until";

    private final Handle handle;

    public UserDao(Handle handle) {
        this.handle = handle;
    }

    public Optional<UserRecord> find(String username) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE username = :name")
                .bind("name", username)
                .map((rs, ctx) -> new UserRecord(rs.getString("username"), rs.getString("password_hash"),
                        rs.getString("role"), Sql.instant(rs, "created_at"), rs.getInt("failed_logins"),
                        Sql.instant(rs, "locked_until")))
                .findOne();
    }

    public List<UserRecord> all() {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users ORDER BY username")
                .map((rs, ctx) -> new UserRecord(rs.getString("username"), rs.getString("password_hash"),
                        rs.getString("role"), Sql.instant(rs, "created_at"), rs.getInt("failed_logins"),
                        Sql.instant(rs, "locked_until")))
                .list();
    }

    public void insert(String username, String passwordHash, String role, Instant now) {
        handle.createUpdate("INSERT INTO users (username, password_hash, role, created_at) VALUES (:name, :hash, :role, :now)")
                .bind("name", username).bind("hash", passwordHash).bind("role", role).bind("now", now)
                .execute();
    }

    /** Counts a failed login; locks the account until {@code lockUntil} once the count reaches the limit. */
    public void recordFailure(String username, int limit, Instant lockUntil) {
        handle.createUpdate("""
                UPDATE users SET failed_logins = failed_logins + 1,
                locked_until = CASE WHEN failed_logins + 1 >= :limit THEN :lockUntil ELSE locked_until END
                WHERE username = :name""")
                .bind("limit", limit).bind("lockUntil", lockUntil).bind("name", username)
                .execute();
    }

    public void recordSuccess(String username) {
        handle.createUpdate("""
                UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = :name AND
                (failed_logins <> 0 OR locked_until IS NOT NULL)""")
                .bind("name", username).execute();
    }
}
