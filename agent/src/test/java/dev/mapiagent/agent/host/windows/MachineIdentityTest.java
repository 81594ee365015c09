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
}
