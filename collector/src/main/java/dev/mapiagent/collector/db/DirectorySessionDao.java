package dev.mapiagent.collector.db;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Page logins of directory users, with the role the directory gave at sign-in. The cookie is stored as its hash. */
public final class DirectorySessionDao {

    private final Handle handle;

    public DirectorySessionDao(Handle handle) {
        this.handle = handle;
    }

    public void insert(String tokenHash, String username, String role, String csrfToken, Instant now, Instant expiresAt) {
        handle.createUpdate("""
                INSERT INTO directory_sessions (token_hash, username, role, csrf_token, created_at, expires_at)
                VALUES (:hash, :name, :role, :csrf, :now, :expires)""")
                .bind("hash", tokenHash).bind("name", username).bind("role", role).bind("csrf", csrfToken)
                .bind("now", now).bind("expires", expiresAt)
                .execute();
    }

    public Optional<DirectorySession> findLive(String tokenHash, Instant now) {
        return handle.createQuery("""
                SELECT username, role, csrf_token FROM directory_sessions
                WHERE token_hash = :hash AND expires_at > :now""")
                .bind("hash", tokenHash).bind("now", now)
                .map((rs, ctx) -> new DirectorySession(rs.getString("username"), rs.getString("role"), rs.getString("csrf_token")))
                .findOne();
    }

    public int delete(String tokenHash) {
        return handle.createUpdate("DELETE FROM directory_sessions WHERE token_hash = :hash").bind("hash", tokenHash).execute();
    }

    public int purgeExpired(Instant now) {
        return handle.createUpdate("DELETE FROM directory_sessions WHERE expires_at <= :now").bind("now", now).execute()
                + handle.createUpdate("DELETE FROM oidc_logins WHERE expires_at <= :now").bind("now", now).execute();
    }

    /** A live directory session. */
    public record DirectorySession(String username, String role, String csrfToken) {
    }
}
