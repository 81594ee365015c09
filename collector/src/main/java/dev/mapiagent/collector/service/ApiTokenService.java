package dev.mapiagent.collector.service;

import dev.mapiagent.collector.auth.Principal;
import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.auth.Tokens;
import dev.mapiagent.collector.db.ApiTokenDao;
import dev.mapiagent.collector.db.ApiTokenDao.ApiToken;
import dev.mapiagent.collector.db.AuditDao;
import dev.mapiagent.collector.error.ConflictException;
import dev.mapiagent.collector.error.InvalidException;
import dev.mapiagent.collector.error.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * API tokens for scripts: an admin makes one for a role and sees its secret once; the collector keeps its SHA-256.
 * Creating and revoking are audited, and every call made with a token is audited under the token's name.
 */
public final class ApiTokenService {

    /** Secrets carry this prefix, so a Bearer value is told apart from an agent token without a second lookup. */
    public static final String PREFIX = "mapi_";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9 ._@-]{1,128}");

    private final Jdbi jdbi;
    private final Clock clock;

    public ApiTokenService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A new token and its secret, which is not stored and cannot be shown again. */
    public record Created(String tokenId, String name, String role, String createdBy, Instant createdAt, String token) {
    }

    public Created create(String actor, String name, String roleId) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidException("invalid name", "1-128 characters: letters, digits, spaces and . _ @ -");
        }
        Role role = Role.userRole(roleId).orElseThrow(() ->
                new InvalidException("invalid role", "role must be viewer, helpdesk or admin"));
        String tokenId = "tok_" + Tokens.newToken().substring(0, 12);
        String secret = PREFIX + Tokens.newToken();
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            new ApiTokenDao(h).insert(tokenId, name, role.id(), Tokens.hash(secret), actor, now);
            new AuditDao(h).append(now, actor, "api-token-created", null, tokenId + " \"" + name + "\" as " + role.id());
        });
        return new Created(tokenId, name, role.id(), actor, now, secret);
    }

    public List<ApiToken> list() {
        return jdbi.withHandle(h -> new ApiTokenDao(h).all());
    }

    /** Revokes the token at once (the next call with it is 401); not found when unknown, a conflict when revoked already. */
    public ApiToken revoke(String actor, String tokenId) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            ApiTokenDao tokens = new ApiTokenDao(h);
            ApiToken token = tokens.find(tokenId).orElseThrow(() -> new NotFoundException("unknown API token", tokenId));
            if (!tokens.revoke(tokenId, actor, now)) {
                throw new ConflictException("API token already revoked", tokenId + " was revoked at " + token.revokedAt());
            }
            new AuditDao(h).append(now, actor, "api-token-revoked", null, tokenId + " \"" + token.name() + "\"");
            return tokens.find(tokenId).orElseThrow();
        });
    }

    /** The caller a secret stands for, unless it is unknown or revoked. */
    public Optional<Principal> principal(String secret) {
        return jdbi.withHandle(h -> new ApiTokenDao(h).findActive(Tokens.hash(secret)))
                .flatMap(t -> Role.userRole(t.role()).map(role -> Principal.apiToken(role, t.tokenId(), t.name())));
    }
}
