package dev.mapiagent.collector.service;

import dev.mapiagent.collector.auth.Principal;
import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.auth.Tokens;
import dev.mapiagent.collector.db.AuditDao;
import dev.mapiagent.collector.db.DirectorySessionDao;
import dev.mapiagent.collector.db.SessionDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Page logins kept in the database (not in the collector), so any collector behind a balancer knows them. */
public final class SessionService {

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration ttl;

    public SessionService(Jdbi jdbi, Clock clock, Duration ttl) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** A new login: the cookie value and the CSRF token the page must send back on every change. */
    public record NewSession(String cookieValue, String csrfToken, Duration ttl) {
    }

    public NewSession open(String username) {
        String cookie = Tokens.newToken();
        String csrf = Tokens.newToken();
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            new SessionDao(h).insert(Tokens.hash(cookie), username, csrf, now, now.plus(ttl));
            new AuditDao(h).append(now, username, "login", null, "page session");
        });
        return new NewSession(cookie, csrf, ttl);
    }

    /**
     * A new login of a directory user (LDAP, OpenID Connect): the role the directory gave is kept with the session,
     * since the collector has no account to look it up in later.
     */
    public NewSession openDirectory(String name, Role role, String via) {
        String cookie = Tokens.newToken();
        String csrf = Tokens.newToken();
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            new DirectorySessionDao(h).insert(Tokens.hash(cookie), name, role.id(), csrf, now, now.plus(ttl));
            new AuditDao(h).append(now, name, "login", null, "page session via " + via + " as " + role.id());
        });
        return new NewSession(cookie, csrf, ttl);
    }

    /** The user behind a session cookie, while the session lives and (for a local user) the account exists. */
    public Optional<Principal> resolve(String cookieValue, UserService users) {
        Instant now = clock.instant();
        String hash = Tokens.hash(cookieValue);
        return jdbi.withHandle(h -> new SessionDao(h).findLive(hash, now))
                .map(s -> users.roleOf(s.username()).map((Role role) -> new Principal(role, s.username(), s.csrfToken())))
                .orElseGet(() -> jdbi.withHandle(h -> new DirectorySessionDao(h).findLive(hash, now))
                        .flatMap(s -> Role.userRole(s.role()).map(role -> new Principal(role, s.username(), s.csrfToken()))));
    }

    public void close(String cookieValue, String username) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            new SessionDao(h).delete(Tokens.hash(cookieValue));
            new DirectorySessionDao(h).delete(Tokens.hash(cookieValue));
            new AuditDao(h).append(now, username, "logout", null, null);
        });
    }
}
