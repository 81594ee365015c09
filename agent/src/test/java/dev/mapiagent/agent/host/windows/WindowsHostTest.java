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

    /** The DNS name starts with the host name; the NetBIOS name (COMPUTERNAME) is that name cut to 15 characters. */
    @Test
    void namesThePcByItsDnsName() {
        String netbios = System.getenv("COMPUTERNAME").toLowerCase(Locale.ROOT);
        assertTrue(host.hostname().toLowerCase(Locale.ROOT).startsWith(netbios), host.hostname());
    }

    /** A domain or Entra account has a UPN (name@domain); the runner's local account has none, so its SAM name stands. */
    @Test
    void namesTheUserByUpnOrElseSamName() {
        assertTrue(host.userName().contains("@") || host.userName().equalsIgnoreCase(System.getProperty("user.name")),
                host.userName());
    }

    @Test
    void readsTheExecutionContextFromTheProcessToken() {
        assertTrue(host.executionContext().userSid().startsWith("S-1-5-"), host.executionContext().userSid());
        assertEquals(host.processes().currentSessionId(), host.executionContext().sessionId());
        assertEquals(Optional.empty(), host.executionContext().refusal());
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
