package dev.mapiagent.agent.host.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.agent.host.WindowsEdition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotWindowsEditionTest {

    @TempDir
    Path temp;

    @Test
    void aSnapshotWithoutTheFileHasNoEditionAndStillOpens() throws IOException {
        Files.writeString(temp.resolve("registry.reg"), "Windows Registry Editor Version 5.00\r\n");

        assertEquals(Optional.empty(), SnapshotHost.open(temp).windowsEdition());
    }

    @Test
    void readsTheSuiteMaskAndTheProductType() throws IOException {
        Files.writeString(temp.resolve("windows.json"), "{\"suiteMask\": 272, \"productType\": 175}");

        assertEquals(Optional.of(new WindowsEdition(0x110, WindowsEdition.PRODUCT_SERVERRDSH)),
                SnapshotHost.open(temp).windowsEdition());
    }

    @Test
    void whatSnapshotOutWritesReadsBackTheSame() throws IOException {
        WindowsEdition edition = new WindowsEdition(0x10, 0xFFFF_FFFF);
        Files.writeString(temp.resolve("windows.json"), SnapshotWindowsEdition.toJson(edition).toString());

        assertEquals(Optional.of(edition), SnapshotWindowsEdition.read(temp.resolve("windows.json")));
    }

    @Test
    void aMissingFieldIsAOneLineErrorNamingIt() throws IOException {
        Files.writeString(temp.resolve("windows.json"), "{\"suiteMask\": 16}");

        BadSnapshotException e = assertThrows(BadSnapshotException.class, () -> SnapshotHost.open(temp));

        assertTrue(e.getMessage().endsWith("windows.json: \"productType\" must be a whole number from 0 to 4294967295"),
                e.getMessage());
    }

    @Test
    void aSuiteMaskWiderThanAWordIsRefused() throws IOException {
        Files.writeString(temp.resolve("windows.json"), "{\"suiteMask\": 65536, \"productType\": 4}");

        BadSnapshotException e = assertThrows(BadSnapshotException.class, () -> SnapshotHost.open(temp));

        assertTrue(e.getMessage().contains("\"suiteMask\" must be a whole number from 0 to 65535"), e.getMessage());
    }

    @Test
    void notAnObjectIsAOneLineError() throws IOException {
        Files.writeString(temp.resolve("windows.json"), "[1, 2]");

        BadSnapshotException e = assertThrows(BadSnapshotException.class, () -> SnapshotHost.open(temp));

        assertTrue(e.getMessage().contains("expected a JSON object"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void malformedJsonIsAOneLineError() throws IOException {
        Files.writeString(temp.resolve("windows.json"), "{\"suiteMask\": ");

        BadSnapshotException e = assertThrows(BadSnapshotException.class, () -> SnapshotHost.open(temp));

        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
