package dev.mapiagent.agent.host;

/**
 * Protects a small secret (the agent token) at rest for the current user: DPAPI on Windows. Where there
 * is none, {@link #USER_FILE_ONLY} leaves the bytes as they are and the caller relies on a file only the
 * user can read.
 */
public interface SecretProtector {

    /** No encryption: the file's user-only permissions are the protection. */
    SecretProtector USER_FILE_ONLY = new SecretProtector() {
        @Override
        public byte[] protect(byte[] secret) {
            return secret.clone();
        }

        @Override
        public byte[] unprotect(byte[] stored) {
            return stored.clone();
        }
    };

    byte[] protect(byte[] secret);

    /** The secret back; a HostException when the stored bytes cannot be unprotected (another user, corrupted). */
    byte[] unprotect(byte[] stored);
}
