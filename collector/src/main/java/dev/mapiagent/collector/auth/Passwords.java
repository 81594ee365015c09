package dev.mapiagent.collector.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt password hashes (at.favre.lib:bcrypt). */
public final class Passwords {

    private static final int COST = 10;
    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
    public static final int MAX_BYTES = 72;
    public static final int MIN_LENGTH = 8;

    /** Verified against when the user does not exist, so both cases take the same time. */
    private static final String DUMMY_HASH = hash("not-a-real-password-only-for-timing");

    private Passwords() {
    }

    public static String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    public static boolean verify(String password, String hash) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        return BCrypt.verifyer().verify(password.toCharArray(), hash == null ? DUMMY_HASH : hash).verified && hash != null;
    }

    /** Why the password cannot be used, or null when it can. */
    public static String weakness(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "a password needs at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "a password may have at most " + MAX_BYTES + " bytes";
        }
        return null;
    }
}
