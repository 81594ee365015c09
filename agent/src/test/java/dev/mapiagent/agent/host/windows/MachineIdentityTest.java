package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MachineIdentityTest {

    @Test
    void usesMachineGuidLowerCasedAndTrimmed() {
        assertEquals("3f2504e0-4f89-11d3-9a0c-0305e82c3301",
                MachineIdentity.deviceId(Optional.of(" 3F2504E0-4F89-11D3-9A0C-0305E82C3301 "), "PC-042"));
    }

    @Test
    void fallsBackToAUuidNamedAfterTheHostWhenMachineGuidIsMissing() {
        String id = MachineIdentity.deviceId(Optional.empty(), "PC-042");
        assertEquals(3, UUID.fromString(id).version(), "a name-based UUID");
        assertEquals(id, MachineIdentity.deviceId(Optional.empty(), "pc-042"), "host names are case-insensitive");
        assertNotEquals(id, MachineIdentity.deviceId(Optional.empty(), "PC-043"));
    }

    @Test
    void fallsBackWhenMachineGuidIsBlank() {
        assertEquals(MachineIdentity.deviceId(Optional.empty(), "PC-042"),
                MachineIdentity.deviceId(Optional.of("  "), "PC-042"));
    }

    @Test
    void namesThePcByItsDnsNameWhenWindowsGivesOne() {
        assertEquals("pc-0042-finance.contoso.com", MachineIdentity.hostname(Optional.of("pc-0042-finance.contoso.com"),
                "PC-0042-FINANCE"));
    }

    @Test
    void dropsTheTrailingDotOfAnAbsoluteDnsName() {
        assertEquals("pc42.contoso.com", MachineIdentity.hostname(Optional.of("pc42.contoso.com."), "PC42"));
    }

    @Test
    void fallsBackToTheNetbiosNameWithoutADnsName() {
        assertEquals("PC-0042-FINANC", MachineIdentity.hostname(Optional.empty(), "PC-0042-FINANC"));
        assertEquals("PC42", MachineIdentity.hostname(Optional.of(" "), "PC42"));
    }

    @Test
    void namesTheUserByUpnWhenTheAccountHasOne() {
        assertEquals("ann.lee@contoso.com", MachineIdentity.userName(Optional.of("ann.lee@contoso.com"), "alee"));
    }

    /** GetUserNameEx(NameUserPrincipal) fails for a local account: the SAM name stands. */
    @Test
    void fallsBackToTheSamNameForALocalAccount() {
        assertEquals("ann", MachineIdentity.userName(Optional.empty(), "ann"));
    }
}
