package dev.mapiagent.collector.service;

import dev.mapiagent.collector.auth.AgentTokenCache;
import dev.mapiagent.collector.auth.DeviceKeys;
import dev.mapiagent.collector.auth.Tokens;
import dev.mapiagent.collector.config.IdentityConfig;
import dev.mapiagent.collector.config.Secret;
import dev.mapiagent.collector.db.AuditDao;
import dev.mapiagent.collector.db.ChallengeDao;
import dev.mapiagent.collector.db.DeviceDao;
import dev.mapiagent.collector.db.Sql;
import dev.mapiagent.collector.error.InvalidException;
import dev.mapiagent.collector.error.NotAuthenticatedException;
import dev.mapiagent.collector.error.NotFoundException;
import dev.mapiagent.collector.error.RefusedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Enrollment: a device that knows the shared secret gets its own token. A device enrolling with a public key is bound
 * to it: enrolling it again (a reinstall, a lost token) needs a signature of that key over a challenge this service
 * issued, else it is refused, audited, and the device's current token stays valid. A device without a key
 * (an older agent, or after an admin reset) is re-enrolled by the secret alone and binds the key it brings.
 * Only the token's hash is stored.
 */
public final class EnrollmentService {

    /** Device ids are machine GUIDs or host names: letters, digits and a few separators. */
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:{}@-]{0,127}");

    /** How long a challenge may be answered. */
    static final Duration CHALLENGE_TTL = Duration.ofMinutes(5);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Secret enrollSecret;
    private final Secret previousSecret;
    private final AddressRateLimit rateLimit;
    private final AgentTokenCache tokens;

    public EnrollmentService(Jdbi jdbi, Clock clock, Secret enrollSecret, IdentityConfig identity) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.enrollSecret = enrollSecret;
        this.previousSecret = identity.previousEnrollSecret();
        this.rateLimit = new AddressRateLimit(clock, identity.enrollPerMinute(), "enrollment requests");
        this.tokens = new AgentTokenCache(clock);
    }

    /**
     * What a device sends to enroll.
     *
     * @param publicKey base64 DER SubjectPublicKeyInfo (EC P-256), or null (an agent that keeps no key)
     * @param challenge the challenge the proof signs, or null
     * @param proof     base64 DER SHA256withECDSA signature over {@link DeviceKeys#signedText}, or null
     */
    public record Enrollment(String secret, String deviceId, String hostname, String user, String publicKey,
                             String challenge, String proof) {
    }

    /** A challenge to sign and when it stops being accepted. */
    public record Challenge(String challenge, Instant expiresAt) {
    }

    /**
     * The new agent token. Busy past the client address's rate; refused when enrollment is closed or the device is
     * bound to a key and no valid proof came; not authenticated on a wrong secret; invalid on a bad device id or key.
     */
    public String enroll(Enrollment request, String clientAddress) {
        admit(request.secret(), request.deviceId(), clientAddress);
        if (request.publicKey() != null) {
            try {
                DeviceKeys.parse(request.publicKey());
            } catch (IllegalArgumentException e) {
                throw new InvalidException("invalid publicKey", e.getMessage());
            }
        }
        String token = Tokens.newToken();
        String hash = Tokens.hash(token);
        String refusal;
        try {
            refusal = register(request, hash, clientAddress);
        } catch (RuntimeException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            // the device enrolled twice at the same moment: the other insert won, so this one is a re-enrollment
            refusal = register(request, hash, clientAddress);
        } finally {
            tokens.forgetDevice(request.deviceId());
        }
        if (refusal != null) {
            throw new RefusedException("device is bound to a key", refusal);
        }
        return token;
    }

    /** A challenge for the device to sign (issued whether or not the device is known, so it tells nothing). */
    public Challenge challenge(String secret, String deviceId, String clientAddress) {
        admit(secret, deviceId, clientAddress);
        Instant now = clock.instant();
        Challenge challenge = new Challenge(Tokens.newToken(), now.plus(CHALLENGE_TTL));
        jdbi.useTransaction(h -> {
            ChallengeDao challenges = new ChallengeDao(h);
            challenges.purgeExpired(now);
            challenges.insert(challenge.challenge(), deviceId, challenge.expiresAt());
        });
        return challenge;
    }

    /** Unbinds the device and voids its token (a reimaged PC); its next enrollment binds again. Audited. */
    public void resetEnrollment(String actor, String deviceId) {
        try {
            jdbi.useTransaction(h -> {
                if (!new DeviceDao(h).resetEnrollment(deviceId, Tokens.hash(Tokens.newToken()))) {
                    throw new NotFoundException("unknown device", deviceId + " has not enrolled");
                }
                new AuditDao(h).append(clock.instant(), actor, "device-enrollment-reset", deviceId,
                        "key and token forgotten; the next enrollment binds the device again");
            });
        } finally {
            tokens.forgetDevice(deviceId);
        }
    }

    private void admit(String secret, String deviceId, String clientAddress) {
        rateLimit.acquire(clientAddress);
        if (enrollSecret == null) {
            throw new RefusedException("enrollment is closed", "the collector was started without an enrollment secret");
        }
        if (!enrollSecret.matches(secret) & !(previousSecret != null && previousSecret.matches(secret))) {
            throw new NotAuthenticatedException("wrong enrollment secret");
        }
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw new InvalidException("invalid deviceId",
                    "1-128 characters: letters, digits and . _ : { } @ - (starting with a letter or digit)");
        }
    }

    /** Registers the device with the token in one transaction; the reason it was refused (audited) or null. */
    private String register(Enrollment request, String tokenHash, String clientAddress) {
        return jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            DeviceDao devices = new DeviceDao(h);
            AuditDao audit = new AuditDao(h);
            String deviceId = request.deviceId();
            Optional<DeviceDao.Binding> binding = devices.bindingForUpdate(deviceId);
            if (binding.isPresent() && binding.get().publicKey() != null) {
                String refusal = proofProblem(h, request, binding.get().publicKey(), now);
                if (refusal != null) {
                    audit.append(now, AuditDao.deviceActor(deviceId), "device-reenroll-refused", deviceId,
                            refusal + " (from " + clientAddress + ")");
                    return refusal;
                }
            }
            if (binding.isPresent()) {
                devices.reenroll(deviceId, request.hostname(), request.user(), tokenHash, request.publicKey(), now);
            } else {
                devices.insert(deviceId, request.hostname(), request.user(), tokenHash, request.publicKey(), now);
            }
            String key = binding.map(DeviceDao.Binding::publicKey).isPresent() ? ", proved its key"
                    : request.publicKey() != null ? ", bound to its key" : ", no key";
            audit.append(now, AuditDao.deviceActor(deviceId), binding.isPresent() ? "device-reenrolled" : "device-enrolled",
                    deviceId, "host " + Optional.ofNullable(request.hostname()).orElse("?") + ", user "
                            + Optional.ofNullable(request.user()).orElse("?") + key);
            return null;
        });
    }

    /** Why the request does not prove possession of the device's key, or null when it does. */
    private static String proofProblem(Handle h, Enrollment request, String publicKey, Instant now) {
        if (request.proof() == null || request.challenge() == null) {
            return "re-enrollment of a device bound to a key needs a proof (POST /api/v1/enroll/challenge, sign, "
                    + "send challenge and proof), or an admin resets the device's enrollment";
        }
        if (!new ChallengeDao(h).consume(request.challenge(), request.deviceId(), now)) {
            return "the challenge is unknown, expired, used or for another device";
        }
        if (!DeviceKeys.verify(publicKey, request.deviceId(), request.challenge(), request.proof())) {
            return "the proof is not a signature of the device's key over the challenge";
        }
        return null;
    }

    /** The device a token belongs to (a recent answer is reused for a short time: {@link AgentTokenCache}). */
    public Optional<String> deviceForToken(String token) {
        return tokens.deviceFor(Tokens.hash(token), hash -> jdbi.withHandle(h -> new DeviceDao(h).deviceIdForToken(hash)));
    }
}
