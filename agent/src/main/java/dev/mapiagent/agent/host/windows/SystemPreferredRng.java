package dev.mapiagent.agent.host.windows;

import dev.mapiagent.agent.host.RandomIds;

/** Windows' cryptographic random source: BCryptGenRandom with the system-preferred generator (CTR_DRBG). */
final class SystemPreferredRng implements RandomIds.Source {

    @Override
    public boolean fill(byte[] bytes) {
        try {
            return Bcrypt.INSTANCE.BCryptGenRandom(null, bytes, bytes.length, Bcrypt.BCRYPT_USE_SYSTEM_PREFERRED_RNG)
                    == Bcrypt.STATUS_SUCCESS;
        } catch (LinkageError e) {
            // no jnidispatch.dll beside the jar: the caller falls back to SecureRandom
            return false;
        }
    }
}
