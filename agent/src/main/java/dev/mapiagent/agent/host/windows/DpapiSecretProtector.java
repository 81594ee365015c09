package dev.mapiagent.agent.host.windows;

import com.sun.jna.platform.win32.Crypt32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinCrypt;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.SecretProtector;
import java.nio.charset.StandardCharsets;

/**
 * DPAPI in the current user's scope: only this user on this PC can read the secret back. The agent's own
 * entropy keeps another program of the same user from unprotecting the blob by merely finding it, and
 * CRYPTPROTECT_UI_FORBIDDEN keeps DPAPI from ever showing a prompt to a silent agent.
 */
final class DpapiSecretProtector implements SecretProtector {

    /** Not a secret (it is in the jar): it binds the blob to this program's purpose. */
    static final byte[] ENTROPY = "mapi-agent collector token v1".getBytes(StandardCharsets.US_ASCII);

    @Override
    public byte[] protect(byte[] secret) {
        try {
            return Crypt32Util.cryptProtectData(secret, ENTROPY, WinCrypt.CRYPTPROTECT_UI_FORBIDDEN, "mapi-agent", null);
        } catch (Win32Exception e) {
            throw new HostException("DPAPI could not protect the agent token: " + Win32ErrorText.describe(e.getErrorCode()), e);
        }
    }

    /**
     * Tokens written before the entropy was added were protected without it; they are still read, so a PC
     * that upgrades keeps its token (a token the collector gives later is written the new way).
     */
    @Override
    public byte[] unprotect(byte[] stored) {
        try {
            return Crypt32Util.cryptUnprotectData(stored, ENTROPY, WinCrypt.CRYPTPROTECT_UI_FORBIDDEN, null);
        } catch (Win32Exception withEntropy) {
            try {
                return Crypt32Util.cryptUnprotectData(stored, null, WinCrypt.CRYPTPROTECT_UI_FORBIDDEN, null);
            } catch (Win32Exception e) {
                throw new HostException("DPAPI could not read the agent token back: "
                        + Win32ErrorText.describe(withEntropy.getErrorCode()), withEntropy);
            }
        }
    }
}
