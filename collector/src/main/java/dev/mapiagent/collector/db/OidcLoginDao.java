package dev.mapiagent.collector.db;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** OpenID Connect sign-ins under way, keyed by the hash of their state; each is taken once. */
public final class OidcLoginDao {

    private final Handle handle;

    public OidcLoginDao(Handle handle) {
        this.handle = handle;
    }

    public void insert(String stateHash, String nonce, String codeVerifier, Instant expiresAt) {
        handle.createUpdate("""
                INSERT INTO oidc_logins (state_hash, nonce, code_verifier, expires_at)
                VALUES (:state, :nonce, :verifier, :expires)""")
                .bind("state", stateHash).bind("nonce", nonce).bind("verifier", codeVerifier).bind("expires", expiresAt)
                .execute();
    }

    /** Removes the sign-in and returns it when it was there and still live; a second take finds nothing. */
    public Optional<PendingLogin> take(String stateHash, Instant now) {
        Optional<PendingLogin> found = handle.createQuery("""
                SELECT nonce, code_verifier FROM oidc_logins WHERE state_hash = :state AND expires_at > :now""")
                .bind("state", stateHash).bind("now", now)
                .map((rs, ctx) -> new PendingLogin(rs.getString("nonce"), rs.getString("code_verifier")))
                .findOne();
        int deleted = handle.createUpdate("DELETE FROM oidc_logins WHERE state_hash = :state").bind("state", stateHash).execute();
        // two callbacks racing for one state: only the one whose delete removed the row may go on
        return deleted == 1 ? found : Optional.empty();
    }

    /** A sign-in under way: the nonce the ID token must carry and the PKCE code verifier. */
    public record PendingLogin(String nonce, String codeVerifier) {
    }
}
