package dev.mapiagent.collector.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** API tokens, stored by the hash of their secret. */
public final class ApiTokenDao {

    private static final String COLUMNS = "token_id, name, role, created_by, created_at, revoked_by, revoked_at";

    private final Handle handle;

    public ApiTokenDao(Handle handle) {
        this.handle = handle;
    }

    public void insert(String tokenId, String name, String role, String tokenHash, String createdBy, Instant now) {
        handle.createUpdate("""
                INSERT INTO api_tokens (token_id, name, role, token_hash, created_by, created_at)
                VALUES (:id, :name, :role, :hash, :by, :now)""")
                .bind("id", tokenId).bind("name", name).bind("role", role).bind("hash", tokenHash).bind("by", createdBy)
                .bind("now", now)
                .execute();
    }

    /** The token a secret's hash belongs to, unless it was revoked. */
    public Optional<ApiToken> findActive(String tokenHash) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM api_tokens WHERE token_hash = :hash AND revoked_at IS NULL")
                .bind("hash", tokenHash).map((rs, ctx) -> token(rs)).findOne();
    }

    public Optional<ApiToken> find(String tokenId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM api_tokens WHERE token_id = :id")
                .bind("id", tokenId).map((rs, ctx) -> token(rs)).findOne();
    }

    /** Marks the token revoked; false when it was revoked already. */
    public boolean revoke(String tokenId, String by, Instant now) {
        return handle.createUpdate("""
                UPDATE api_tokens SET revoked_by = :by, revoked_at = :now WHERE token_id = :id AND revoked_at IS NULL""")
                .bind("by", by).bind("now", now).bind("id", tokenId).execute() == 1;
    }

    public List<ApiToken> all() {
        return handle.createQuery("SELECT " + COLUMNS + " FROM api_tokens ORDER BY created_at, token_id")
                .map((rs, ctx) -> token(rs)).list();
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getString("token_id"), rs.getString("name"), rs.getString("role"),
                rs.getString("created_by"), Sql.instant(rs, "created_at"), rs.getString("revoked_by"),
                Sql.instant(rs, "revoked_at"));
    }

    /** An API token as listed: never its secret. */
    public record ApiToken(String tokenId, String name, String role, String createdBy, Instant createdAt,
                           String revokedBy, Instant revokedAt) {
    }
}
