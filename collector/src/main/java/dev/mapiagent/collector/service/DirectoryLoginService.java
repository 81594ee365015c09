package dev.mapiagent.collector.service;

import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.auth.Tokens;
import dev.mapiagent.collector.db.OidcLoginDao;
import dev.mapiagent.collector.directory.DirectoryUser;
import dev.mapiagent.collector.directory.LdapDirectory;
import dev.mapiagent.collector.directory.OidcProvider;
import dev.mapiagent.collector.error.NotAuthenticatedException;
import dev.mapiagent.collector.error.NotFoundException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in with the company directory (LDAP or OpenID Connect), ending in the same page session a local login gets.
 * Either directory may be left unconfigured; local accounts keep working beside them.
 */
public final class DirectoryLoginService {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryLoginService.class);
    /** How long a browser may take at the OpenID provider before the sign-in it started is forgotten. */
    public static final Duration OIDC_LOGIN_TTL = Duration.ofMinutes(10);

    private final Jdbi jdbi;
    private final Clock clock;
    private final SessionService sessions;
    private final LdapDirectory ldap;
    private final OidcProvider oidc;

    /** @param ldap or null when not configured; @param oidc or null when not configured */
    public DirectoryLoginService(Jdbi jdbi, Clock clock, SessionService sessions, LdapDirectory ldap, OidcProvider oidc) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.sessions = sessions;
        this.ldap = ldap;
        this.oidc = oidc;
    }

    /** A directory user signed in, with the page session opened for them. */
    public record DirectoryLogin(String name, Role role, SessionService.NewSession session) {
    }

    /** A started OpenID Connect sign-in: where to send the browser, and the state it must bring back. */
    public record OidcStart(URI authorizationUri, String state) {
    }

    public boolean ldapEnabled() {
        return ldap != null;
    }

    public boolean oidcEnabled() {
        return oidc != null;
    }

    public DirectoryLogin ldap(String login, String password) {
        if (ldap == null) {
            throw new NotFoundException("LDAP sign-in is not configured", null);
        }
        try {
            return open(ldap.authenticate(login, password), "ldap");
        } catch (RuntimeException e) {
            LOG.atInfo().setMessage("directory login failed").addKeyValue("via", "ldap").addKeyValue("reason", e.getMessage()).log();
            throw e;
        }
    }

    public OidcStart beginOidc() {
        if (oidc == null) {
            throw new NotFoundException("OpenID Connect sign-in is not configured", null);
        }
        OidcProvider.Start start = oidc.begin();
        Instant expires = clock.instant().plus(OIDC_LOGIN_TTL);
        jdbi.useHandle(h -> new OidcLoginDao(h).insert(Tokens.hash(start.state()), start.nonce(), start.codeVerifier(), expires));
        return new OidcStart(start.authorizationUri(), start.state());
    }

    /** Finishes the sign-in the state names; a state used once, expired or never issued is refused. */
    public DirectoryLogin finishOidc(String state, String code) {
        if (oidc == null) {
            throw new NotFoundException("OpenID Connect sign-in is not configured", null);
        }
        OidcLoginDao.PendingLogin pending = jdbi.inTransaction(h -> new OidcLoginDao(h).take(Tokens.hash(state), clock.instant()))
                .orElseThrow(() -> new NotAuthenticatedException("unknown, used or expired sign-in state; sign in again"));
        try {
            return open(oidc.finish(code, pending.nonce(), pending.codeVerifier()), "oidc");
        } catch (RuntimeException e) {
            LOG.atInfo().setMessage("directory login failed").addKeyValue("via", "oidc").addKeyValue("reason", e.getMessage()).log();
            throw e;
        }
    }

    private DirectoryLogin open(DirectoryUser user, String via) {
        return new DirectoryLogin(user.name(), user.role(), sessions.openDirectory(user.name(), user.role(), via));
    }
}
