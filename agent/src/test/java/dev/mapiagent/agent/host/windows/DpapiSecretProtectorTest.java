package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.platform.win32.Crypt32Util;
import com.sun.jna.platform.win32.Win32Exception;
import dev.mapiagent.agent.host.HostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.WINDOWS)
class DpapiSecretProtectorTest {

    private static final byte[] TOKEN = "agent-token-7f3c".getBytes(StandardCharsets.UTF_8);

    private final DpapiSecretProtector dpapi = new DpapiSecretProtector();

    @Test
    void readsBackWhatItProtected() {
        byte[] stored = dpapi.protect(TOKEN);

        assertFalse(Arrays.equals(TOKEN, stored));
        assertArrayEquals(TOKEN, dpapi.unprotect(stored));
    }

    @Test
    void refusesBytesThatAreNoDpapiBlob() {
        assertThrows(HostException.class, () -> dpapi.unprotect("not a DPAPI blob".getBytes(StandardCharsets.UTF_8)));
    }

    /** The agent's entropy is part of the blob: DPAPI without it does not give the token. */
    @Test
    void protectsWithTheAgentsEntropy() {
        byte[] stored = dpapi.protect(TOKEN);

        assertThrows(Win32Exception.class, () -> Crypt32Util.cryptUnprotectData(stored));
    }

    /** A PC upgrading from a version that protected without entropy keeps its token. */
    @Test
    void stillReadsATokenProtectedWithoutEntropy() {
        byte[] old = Crypt32Util.cryptProtectData(TOKEN);

        assertArrayEquals(TOKEN, dpapi.unprotect(old));
    }
}
