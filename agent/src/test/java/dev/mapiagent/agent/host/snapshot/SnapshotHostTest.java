package dev.mapiagent.agent.host.snapshot;

import static dev.mapiagent.agent.host.Hive.HKEY_CURRENT_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.agent.host.CredentialType;
import dev.mapiagent.agent.host.Host;
import dev.mapiagent.agent.host.ProcessInfo;
import dev.mapiagent.agent.host.snapshot.regfile.RegSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotHostTest {

    @TempDir
    Path dir;

    @Test
    void readsIdentityOfThePcFromItsRegistry() {
        Host host = SnapshotHost.open(RegSamples.annPc());

        assertEquals("6f1c2f3e-8a4b-4d2e-9b7a-3c5d1e2f4a6b", host.deviceId());
        assertEquals("PC-ANN-0142", host.hostname());
        assertEquals("ann", host.userName());
        assertEquals("snapshot " + RegSamples.annPc(), host.describe());
    }

    @Test
    void exposesEveryPartOfTheSnapshot() {
        Host host = SnapshotHost.open(RegSamples.annPc());

        assertEquals(Optional.of(1L), host.registry().number(HKEY_CURRENT_USER, "Software\\Microsoft\\Exchange", "MapiHttpDisabled"));
        assertEquals(4, host.credentials().list().size());
        assertTrue(host.connectionStatusText().orElseThrow().contains("RPC/HTTP"));
        assertEquals(RegSamples.annPc().resolve("LocalAppData"), host.localAppData());
        assertTrue(Files.exists(host.localAppData().resolve("Microsoft/Outlook/8f3b2d1e - Autodiscover.xml")));
    }

    @Test
    void readsProcessesWithSessionOneUnlessGiven() {
        Host host = SnapshotHost.open(RegSamples.annPc());

        assertEquals(List.of(new ProcessInfo("explorer.exe", 5120, 1), new ProcessInfo("OUTLOOK.EXE", 4242, 1),
                new ProcessInfo("OUTLOOK.EXE", 9876, 2)), host.processes().list());
        assertEquals(1, host.processes().currentSessionId());
    }

    @Test
    void emptyFolderIsAPcWithNothingKnown() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("PC-0815"));

        Host host = SnapshotHost.open(empty);

        assertEquals(List.of(), host.registry().subKeys(HKEY_CURRENT_USER, "Software"));
        assertEquals(List.of(), host.credentials().list());
        assertEquals(List.of(), host.processes().list());
        assertEquals(Optional.empty(), host.connectionStatusText());
        assertEquals("PC-0815", host.hostname());
        assertEquals("unknown", host.userName());
    }

    @Test
    void deviceIdWithoutMachineGuidIsStableForTheFolder() throws Exception {
        Path one = Files.createDirectory(dir.resolve("one"));
        Path other = Files.createDirectory(dir.resolve("other"));

        String id = SnapshotHost.open(one).deviceId();

        assertEquals(id, SnapshotHost.open(one.resolve("..").resolve("one")).deviceId());
        assertNotEquals(id, SnapshotHost.open(other).deviceId());
    }

    @Test
    void missingFolderIsBadInput() {
        Path missing = dir.resolve("no-such-snapshot");

        BadSnapshotException error = assertThrows(BadSnapshotException.class, () -> SnapshotHost.open(missing));

        assertEquals("snapshot folder not found: " + missing, error.getMessage());
    }

    @Test
    void fileInsteadOfFolderIsBadInput() throws Exception {
        Path file = Files.writeString(dir.resolve("snapshot.zip"), "PK");

        BadSnapshotException error = assertThrows(BadSnapshotException.class, () -> SnapshotHost.open(file));

        assertEquals("snapshot folder not found: " + file, error.getMessage());
    }

    @Test
    void malformedRegistryIsReportedWhenOpening() throws Exception {
        Files.writeString(dir.resolve("registry.reg"), "Windows Registry Editor Version 5.00\n\n[HKCU\\Software]\nbroken\n");

        BadSnapshotException error = assertThrows(BadSnapshotException.class, () -> SnapshotHost.open(dir));

        assertEquals(dir.resolve("registry.reg") + " line 4: expected \"name\"=value, got 'broken'", error.getMessage());
    }

    @Test
    void malformedProcessesAreReportedWhenOpening() throws Exception {
        Files.writeString(dir.resolve("processes.json"), "[{\"name\":\"OUTLOOK.EXE\",\"pid\":\"4242\"}]");

        BadSnapshotException error = assertThrows(BadSnapshotException.class, () -> SnapshotHost.open(dir));

        assertEquals(dir.resolve("processes.json") + " entry 1: \"pid\" must be a whole number, got \"4242\"", error.getMessage());
    }

    @Test
    void healingThroughTheHostWritesTheSnapshotFiles() throws Exception {
        Path snapshot = RegSamples.copyOfAnnPc(dir);
        Host host = SnapshotHost.open(snapshot);

        host.registry().setDword(HKEY_CURRENT_USER, "Software\\Microsoft\\Exchange", "MapiHttpDisabled", 0);
        host.credentials().delete("MicrosoftOffice16_Data:SSPI:ann@contoso.com", CredentialType.GENERIC);

        Host reopened = SnapshotHost.open(snapshot);
        assertEquals(Optional.of(0L), reopened.registry().number(HKEY_CURRENT_USER, "Software\\Microsoft\\Exchange", "MapiHttpDisabled"));
        assertEquals(3, reopened.credentials().list().size());
    }
}
