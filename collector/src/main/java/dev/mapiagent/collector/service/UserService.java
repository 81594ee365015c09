package dev.mapiagent.collector.service;

import dev.mapiagent.collector.auth.Passwords;
import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.db.AuditDao;
import dev.mapiagent.collector.db.Sql;
import dev.mapiagent.collector.db.UserDao;
import dev.mapiagent.collector.db.UserRecord;
import dev.mapiagent.collector.error.ConflictException;
import dev.mapiagent.collector.error.InvalidException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/** Helpdesk accounts: password checks, throttled after repeated failures ({@link LoginThrottle}), account creation. */
public final class UserService {

    public static final String ADMIN = "admin";
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

    private final Jdbi jdbi;
    private final Clock clock;
    private final LoginThrottle throttle;

    public UserService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.throttle = new LoginThrottle(jdbi, clock);
    }

    /** A user's account without secrets, as the API lists it. */
    public record Account(String username, String role, Instant createdAt) {
    }

    /**
     * The role of the user when the password is right; empty when the user or password is wrong, alike for a user
     * that does not exist (its password is checked against a dummy hash, so it takes as long). Busy while the
     * {@link LoginThrottle} makes attempts of this user name or client address wait.
     */
    public Optional<Role> authenticate(String username, String password, String clientAddress) {
        LoginThrottle.Attempt attempt = throttle.claim(username, clientAddress);
        Optional<UserRecord> user = jdbi.withHandle(h -> new UserDao(h).find(username));
        boolean verified = Passwords.verify(password, user.map(UserRecord::passwordHash).orElse(null));
        if (!verified || user.isEmpty()) {
            throttle.failed(attempt);
            return Optional.empty();
        }
        throttle.succeeded(attempt);
        return Role.userRole(user.get().role());
    }

    public Optional<Role> roleOf(String username) {
        return jdbi.withHandle(h -> new UserDao(h).find(username)).flatMap(u -> Role.userRole(u.role()));
    }

    /** Creates an account; invalid on a bad name, role or weak password, a conflict when the name is taken. */
    public Account create(String actor, String username, String password, String roleId) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidException("invalid username", "1-128 characters: letters, digits and . _ @ -");
        }
        Role role = Role.userRole(roleId).orElseThrow(() ->
                new InvalidException("invalid role", "role must be viewer, helpdesk or admin"));
        String weakness = Passwords.weakness(password);
        if (weakness != null) {
            throw new InvalidException("weak password", weakness);
        }
        String hash = Passwords.hash(password);
        Instant now = clock.instant();
        try {
            jdbi.useTransaction(h -> {
                new UserDao(h).insert(username, hash, role.id(), now);
                new AuditDao(h).append(now, actor, "user-created", null, username + " as " + role.id());
            });
        } catch (RuntimeException e) {
            if (Sql.isUniqueViolation(e)) {
                throw new ConflictException("user exists", username + " already has an account");
            }
            throw e;
        }
        return new Account(username, role.id(), now);
    }

    /** Creates the admin account with this password unless it exists already (first start). */
    public boolean ensureAdmin(String password) {
        if (jdbi.withHandle(h -> new UserDao(h).find(ADMIN)).isPresent()) {
            return false;
        }
        try {
            create("collector", ADMIN, password, Role.ADMIN.id());
            return true;
        } catch (ConflictException e) {
            return false; // another collector on the same database created it first
        } catch (InvalidException e) {
            throw new IllegalArgumentException("admin password refused: " + e.detail());
        }
    }

    public List<Account> list() {
        return jdbi.withHandle(h -> new UserDao(h).all()).stream()
                .map(u -> new Account(u.username(), u.role(), u.createdAt())).toList();
    }
}
