package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Win32ErrorTextTest {

    @Test
    void namesAccessDenied() {
        assertEquals("ERROR_ACCESS_DENIED (5): access denied", Win32ErrorText.describe(5));
    }

    @Test
    void tellsToRunAsTheUserWhenTheLogonSessionHasNoCredentials() {
        String text = Win32ErrorText.describe(WinCred.ERROR_NO_SUCH_LOGON_SESSION);
        assertTrue(text.startsWith("ERROR_NO_SUCH_LOGON_SESSION (1312)"), text);
        assertTrue(text.contains("signed-in user"), text);
        assertFalse(text.contains("\n"), "one line");
    }

    @Test
    void givesTheNumberOfAnUnknownError() {
        assertEquals("Win32 error 31337", Win32ErrorText.describe(31337));
    }
}
