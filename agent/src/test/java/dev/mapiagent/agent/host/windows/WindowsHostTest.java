package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.Hive;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.WINDOWS)
class WindowsHostTest {

    private final WindowsHost host = WindowsHost.create();

    @Test
    void findsLocalAppDataAsTheEnvironmentDoes() {
        assertTrue(Files.isDirectory(host.localAppData()));
        assertEquals(System.getenv("LOCALAPPDATA").toLowerCase(Locale.ROOT),
                host.localAppData().toString().toLowerCase(Locale.ROOT));
    }

    @Test
    void namesThePcAndTheUser() {
        assertTrue(host.hostname().equalsIgnoreCase(System.getenv("COMPUTERNAME")), host.hostname());
        assertTrue(host.userName().equalsIgnoreCase(System.getProperty("user.name")), host.userName());
    }

    @Test
    void usesMachineGuidAsDeviceId() {
        assertEquals(host.registry().string(Hive.HKEY_LOCAL_MACHINE,
                "SOFTWARE\\Microsoft\\Cryptography", "MachineGuid").map(guid -> guid.toLowerCase(Locale.ROOT)),
                Optional.of(host.deviceId()));
    }

    @Test
    void describesItselfAsThisPcWithoutConnectionStatusText() {
        assertEquals("this PC", host.describe());
        assertEquals(Optional.empty(), host.connectionStatusText());
    }
}
