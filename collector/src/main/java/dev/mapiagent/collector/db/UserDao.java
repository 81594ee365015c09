package dev.mapiagent.collector.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Helpdesk accounts. */
public final class UserDao {

    private static final String COLUMNS = "username, password_hash, role, created_at";

    private final Handle handle;

    public UserDao(Handle handle) {
        this.handle = handle;
    }

    public Optional<UserRecord> find(String username) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE username = :name")
                .bind("name", username)
                .map((rs, ctx) -> new UserRecord(rs.getString("username"), rs.getString("password_hash"),
                        rs.getString("role"), Sql.instant(rs, "created_at")))
                .findOne();
    }

    public List<UserRecord> all() {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users ORDER BY username")
                .map((rs, ctx) -> new UserRecord(rs.getString("username"), rs.getString("password_hash"),
                        rs.getString("role"), Sql.instant(rs, "created_at")))
                .list();
    }

    public void insert(String username, String passwordHash, String role, Instant now) {
        handle.createUpdate("INSERT INTO users (username, password_hash, role, created_at) VALUES (:name, :hash, :role, :now)")
                .bind("name", username).bind("hash", passwordHash).bind("role", role).bind("now", now)
                .execute();
    }
}
