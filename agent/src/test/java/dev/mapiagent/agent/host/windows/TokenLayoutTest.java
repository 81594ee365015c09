package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinNT;
import org.junit.jupiter.api.Test;

/**
 * The token structures ProcessToken hands GetTokenInformation, against winnt.h, on every OS:
 * TOKEN_ELEVATION is one DWORD (TokenIsElevated); TOKEN_USER is one SID_AND_ATTRIBUTES, a PSID then a
 * DWORD, padded to pointer alignment (16 bytes on 64-bit, 8 on 32-bit).
 */
class TokenLayoutTest {

    @Test
    void tokenElevationIsOneDword() {
        assertEquals(4, new WinNT.TOKEN_ELEVATION().size());
    }

    @Test
    void sidAndAttributesIsAPointerAndADwordPadded() {
        assertEquals(Native.POINTER_SIZE == 8 ? 16 : 8, new WinNT.SID_AND_ATTRIBUTES().size());
    }
}
