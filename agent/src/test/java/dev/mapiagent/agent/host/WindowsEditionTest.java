package dev.mapiagent.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Suite masks as Windows reports them (OSVERSIONINFOEX, Microsoft's documentation of wSuiteMask):
 * VER_SUITE_TERMINAL is always set; VER_SUITE_SINGLEUSERTS is set unless the system runs in application server mode.
 */
class WindowsEditionTest {

    private static final int SINGLE_USER = WindowsEdition.VER_SUITE_TERMINAL | WindowsEdition.VER_SUITE_SINGLEUSERTS;
    private static final int PRODUCT_ENTERPRISE = 0x04;
    private static final int PRODUCT_DATACENTER_SERVER = 0x08;

    @Test
    void aDesktopPcIsSingleSession() {
        assertFalse(new WindowsEdition(SINGLE_USER, PRODUCT_ENTERPRISE).multiSession());
    }

    @Test
    void aServerInRemoteAdministrationModeIsSingleSession() {
        assertFalse(new WindowsEdition(SINGLE_USER | 0x80, PRODUCT_DATACENTER_SERVER).multiSession());
    }

    @Test
    void aRemoteDesktopSessionHostIsMultiSession() {
        assertTrue(new WindowsEdition(WindowsEdition.VER_SUITE_TERMINAL | 0x80, PRODUCT_DATACENTER_SERVER).multiSession());
    }

    @Test
    void windowsEnterpriseMultiSessionIsMultiSessionWhateverItsSuiteMask() {
        assertTrue(new WindowsEdition(SINGLE_USER, WindowsEdition.PRODUCT_SERVERRDSH).multiSession());
    }

    @Test
    void aSuiteMaskWithoutTerminalServicesIsNotTakenForApplicationServerMode() {
        assertFalse(new WindowsEdition(0, 0).multiSession());
    }

    @Test
    void theDescriptionNamesTheKindAndTheFigures() {
        assertEquals("Windows Enterprise multi-session (suite mask 0x0110, product type 0xAF)",
                new WindowsEdition(SINGLE_USER, WindowsEdition.PRODUCT_SERVERRDSH).describe());
    }
}
