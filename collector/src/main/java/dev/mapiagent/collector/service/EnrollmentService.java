package dev.mapiagent.collector.service;

import dev.mapiagent.collector.auth.AgentTokenCache;
import dev.mapiagent.collector.auth.Tokens;
import dev.mapiagent.collector.config.Secret;
import dev.mapiagent.collector.db.AuditDao;
import dev.mapiagent.collector.db.DeviceDao;
import dev.mapiagent.collector.db.Sql;
import dev.mapiagent.collector.error.InvalidException;
import dev.mapiagent.collector.error.NotAuthenticatedException;
import dev.mapiagent.collector.error.RefusedException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Enrollment: a device that knows the shared secret gets its own token. Enrolling again (a reinstall, a lost
 * token) replaces the old token. Only the token's hash is stored.
 */
public final class EnrollmentService {

    /** Device ids are machine GUIDs or host names: letters, digits and a few separators. */
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:{}@-]{0,127}");

    private final Jdbi jdbi;
    private final Clock clock;
    private final Secret enrollSecret;
    private final AgentTokenCache tokens;

    public EnrollmentService(Jdbi jdbi, Clock clock, Secret enrollSecret) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.enrollSecret = enrollSecret;
        this.tokens = new AgentTokenCache(clock);
    }

    /** The new agent token; refused when enrollment is closed, not authenticated on a wrong secret, invalid on a bad device id. */
    public String enroll(String secret, String deviceId, String hostname, String user) {
        if (enrollSecret == null) {
            throw new RefusedException("enrollment is closed", "the collector was started without an enrollment secret");
        }
        if (!enrollSecret.matches(secret)) {
            throw new NotAuthenticatedException("wrong enrollment secret");
        }
        if (!DEVICE_ID.matcher(deviceId).matches()) {
            throw new InvalidException("invalid deviceId",
                    "1-128 characters: letters, digits and . _ : { } @ - (starting with a letter or digit)");
        }
        String token = Tokens.newToken();
        String hash = Tokens.hash(token);
        try {
            register(deviceId, hostname, user, hash);
        } catch (RuntimeException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            // the device enrolled twice at the same moment: the other insert won, so this one replaces its token
            register(deviceId, hostname, user, hash);
        } finally {
            tokens.forgetDevice(deviceId);
        }
        return token;
    }

    private void register(String deviceId, String hostname, String user, String tokenHash) {
        jdbi.useTransaction(h -> {
            Instant now = clock.instant();
            DeviceDao devices = new DeviceDao(h);
            boolean known = devices.reenroll(deviceId, hostname, user, tokenHash, now);
            if (!known) {
                devices.insert(deviceId, hostname, user, tokenHash, now);
            }
            new AuditDao(h).append(now, AuditDao.deviceActor(deviceId), known ? "device-reenrolled" : "device-enrolled", deviceId,
                    "host " + Optional.ofNullable(hostname).orElse("?") + ", user " + Optional.ofNullable(user).orElse("?"));
        });
    }

    /** The device a token belongs to (a recent answer is reused for a short time: {@link AgentTokenCache}). */
    public Optional<String> deviceForToken(String token) {
        return tokens.deviceFor(Tokens.hash(token), hash -> jdbi.withHandle(h -> new DeviceDao(h).deviceIdForToken(hash)));
    }
}
