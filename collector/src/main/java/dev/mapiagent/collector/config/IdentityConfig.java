package dev.mapiagent.collector.config;

import java.time.Duration;

/**
 * Identity and access settings (docs/security.md, "Collector — identity and access").
 *
 * @param previousEnrollSecret the enrolment secret being rotated out, still accepted; null when there is none
 * @param enrollPerMinute      enrolment requests (and challenges) one client address may make per minute
 * @param maxClockSkew         how far a device's clock may be off the collector's before the device is flagged
 */
public record IdentityConfig(Secret previousEnrollSecret, int enrollPerMinute, Duration maxClockSkew) {

    /** The shortest enrolment secret accepted: it sits on every PC, so it must resist guessing on its own. */
    public static final int MIN_ENROLL_SECRET_LENGTH = 16;

    public static final int DEFAULT_ENROLL_PER_MINUTE = 60;
    public static final long DEFAULT_MAX_CLOCK_SKEW_MINUTES = 10;

    public static IdentityConfig defaults() {
        return new IdentityConfig(null, DEFAULT_ENROLL_PER_MINUTE, Duration.ofMinutes(DEFAULT_MAX_CLOCK_SKEW_MINUTES));
    }

    public IdentityConfig withPreviousEnrollSecret(String secret) {
        return new IdentityConfig(Secret.ofNullable(secret), enrollPerMinute, maxClockSkew);
    }

    public IdentityConfig withEnrollPerMinute(int perMinute) {
        return new IdentityConfig(previousEnrollSecret, perMinute, maxClockSkew);
    }

    /** Why the enrolment secret cannot be used, or null when it can (or none is given: enrolment closed). */
    public static String enrollSecretWeakness(String secret) {
        if (secret != null && !secret.isBlank() && secret.length() < MIN_ENROLL_SECRET_LENGTH) {
            return "an enrollment secret needs at least " + MIN_ENROLL_SECRET_LENGTH + " characters";
        }
        return null;
    }
}
