package dev.mapiagent.agent.host.windows;

import com.sun.jna.platform.win32.Crypt32Util;
import com.sun.jna.platform.win32.Win32Exception;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.SecretProtector;

/** DPAPI in the current user's scope: only this user on this PC can read the secret back. */
final class DpapiSecretProtector implements SecretProtector {

    @Override
    public byte[] protect(byte[] secret) {
        try {
            return Crypt32Util.cryptProtectData(secret);
        } catch (Win32Exception e) {
            throw new HostException("DPAPI could not protect the agent token: " + Win32ErrorText.describe(e.getErrorCode()), e);
        }
    }

    @Override
    public byte[] unprotect(byte[] stored) {
        try {
            return Crypt32Util.cryptUnprotectData(stored);
        } catch (Win32Exception e) {
            throw new HostException("DPAPI could not read the agent token back: " + Win32ErrorText.describe(e.getErrorCode()), e);
        }
    }
}
