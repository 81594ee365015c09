package dev.mapiagent.collector.db;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Page logins. The cookie value is stored only as its SHA-256 hash. */
public final class SessionDao {

    private final Handle handle;

    public SessionDao(Handle handle) {
        this.handle = handle;
    }

    public void insert(String tokenHash, String username, String csrfToken, Instant now, Instant expiresAt) {
        handle.createUpdate("""
                INSERT INTO sessions (token_hash, username, csrf_token, created_at, expires_at)
                VALUES (:hash, :name, :csrf, :now, :expires)""")
                .bind("hash", tokenHash).bind("name", username).bind("csrf", csrfToken).bind("now", now)
                .bind("expires", expiresAt)
                .execute();
    }

    /** The live session for the hash: user name and CSRF token. */
    public Optional<SessionRecord> findLive(String tokenHash, Instant now) {
        return handle.createQuery("SELECT username, csrf_token FROM sessions WHERE token_hash = :hash AND expires_at > :now")
                .bind("hash", tokenHash).bind("now", now)
                .map((rs, ctx) -> new SessionRecord(rs.getString("username"), rs.getString("csrf_token")))
                .findOne();
    }

    public void delete(String tokenHash) {
        handle.createUpdate("DELETE FROM sessions WHERE token_hash = :hash").bind("hash", tokenHash).execute();
    }

    public int purgeExpired(Instant now) {
        return handle.createUpdate("DELETE FROM sessions WHERE expires_at <= :now").bind("now", now).execute();
    }

    /** A live session. */
    public record SessionRecord(String username, String csrfToken) {
    }
}
