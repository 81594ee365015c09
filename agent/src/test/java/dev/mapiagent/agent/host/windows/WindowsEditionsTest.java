package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.platform.win32.WinNT.OSVERSIONINFOEX;
import dev.mapiagent.agent.host.WindowsEdition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The native read on a real Windows (the CI's runner is a single-session Windows Server); the decision itself is
 * {@code WindowsEditionTest}, on every OS, and a snapshot's windows.json stands for the PC in the other tests.
 */
@EnabledOnOs(OS.WINDOWS)
class WindowsEditionsTest {

    /** sizeof(OSVERSIONINFOEXW) in winnt.h: five DWORDs, WCHAR[128], two WORDs, a WORD and two BYTEs. */
    @Test
    void theVersionStructureHasTheSizeOfWinntH() {
        assertEquals(5 * 4 + 128 * 2 + 2 * 2 + 2 + 2, new OSVERSIONINFOEX().size());
    }

    @Test
    void readsASuiteMaskWithTerminalServicesAsWindowsAlwaysSetsIt() {
        WindowsEdition edition = WindowsEditions.read().orElseThrow();

        assertTrue((edition.suiteMask() & WindowsEdition.VER_SUITE_TERMINAL) != 0, edition.describe());
    }

    @Test
    void readsTheProductType() {
        assertNotEquals(0, WindowsEditions.read().orElseThrow().productType());
    }

    /** Through the host, as the run command asks. */
    @Test
    void theCiRunnerIsASingleSessionHost() {
        WindowsEdition edition = WindowsHost.create().windowsEdition().orElseThrow();

        assertFalse(edition.multiSession(), edition.describe());
    }
}
