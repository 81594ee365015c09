package dev.mapiagent.agent.host.snapshot;

import static dev.mapiagent.agent.host.Hive.HKEY_CURRENT_USER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.snapshot.regfile.RegFile;
import dev.mapiagent.agent.host.snapshot.regfile.RegSamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotRegistryTest {

    private static final String EXCHANGE = "Software\\Microsoft\\Exchange";

    @TempDir
    Path dir;

    private SnapshotRegistry open(Path file) {
        return new SnapshotRegistry(file, RegFile.read(file));
    }

    private static String utf16(Path file) throws Exception {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_16LE);
    }

    @Test
    void setDwordChangesOnlyThatLineAndKeepsEveryOtherByte() throws Exception {
        Path file = RegSamples.copyOfAnnPc(dir).resolve("registry.reg");
        String before = utf16(file);

        open(file).setDword(HKEY_CURRENT_USER, EXCHANGE, "MapiHttpDisabled", 0);

        assertEquals(before.replace("\"MapiHttpDisabled\"=dword:00000001", "\"MapiHttpDisabled\"=dword:00000000"), utf16(file));
    }

    @Test
    void setDwordOfANewValueAddsItAfterTheKeysOtherValues() throws Exception {
        Path file = RegSamples.copyOfAnnPc(dir).resolve("registry.reg");
        String before = utf16(file);

        open(file).setDword(HKEY_CURRENT_USER, EXCHANGE, "AlwaysUseMSOAuthForAutoDiscover", 1);

        assertEquals(before.replace("\"MapiHttpDisabled\"=dword:00000001\r\n",
                "\"MapiHttpDisabled\"=dword:00000001\r\n\"AlwaysUseMSOAuthForAutoDiscover\"=dword:00000001\r\n"), utf16(file));
    }

    @Test
    void setDwordInAMissingKeyAddsTheKeyAtTheEnd() throws Exception {
        Path file = RegSamples.copyOfAnnPc(dir).resolve("registry.reg");
        String before = utf16(file);

        open(file).setDword(HKEY_CURRENT_USER, "Software\\Microsoft\\Office\\16.0\\Outlook\\RPC", "AllowNegoCapabilityHeader", 1);

        assertEquals(before.substring(0, before.length() - 2)
                + "\r\n[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\RPC]\r\n"
                + "\"AllowNegoCapabilityHeader\"=dword:00000001\r\n\r\n", utf16(file));
    }

    @Test
    void deleteValueRemovesOnlyItsLines() throws Exception {
        Path file = RegSamples.copyOfAnnPc(dir).resolve("registry.reg");
        String before = utf16(file);
        String setup = "Software\\Microsoft\\Office\\16.0\\Outlook\\Setup";
        int start = before.indexOf("\"ImportPRF\"=hex(2):");
        int end = before.indexOf("\"First-Run\"");

        open(file).deleteValue(HKEY_CURRENT_USER, setup, "importprf");

        assertEquals(before.substring(0, start) + before.substring(end), utf16(file));
    }

    @Test
    void changesAreSeenByLaterReads() throws Exception {
        SnapshotRegistry registry = open(RegSamples.copyOfAnnPc(dir).resolve("registry.reg"));

        registry.setDword(HKEY_CURRENT_USER, EXCHANGE, "MapiHttpDisabled", 0);
        registry.deleteValue(HKEY_CURRENT_USER, "Volatile Environment", "LOGONSERVER");

        assertEquals(Optional.of(0L), registry.number(HKEY_CURRENT_USER, EXCHANGE, "MapiHttpDisabled"));
        assertEquals(Optional.empty(), registry.value(HKEY_CURRENT_USER, "Volatile Environment", "LOGONSERVER"));
        assertEquals(Optional.of("ann"), registry.string(HKEY_CURRENT_USER, "Volatile Environment", "USERNAME"));
    }

    @Test
    void keepsHandWrittenTextOfEverythingElse() throws Exception {
        Path file = dir.resolve("registry.reg");
        String handWritten = """
                Windows Registry Editor Version 5.00
                ; exported by the helpdesk, then edited
                [hkcu\\software\\microsoft\\exchange]
                "MapiHttpDisabled" = dword:1
                "Blob"=HEX:DE,AD, \\
                    BE,EF

                [HKEY_USERS\\.DEFAULT\\Control Panel\\International]
                "LocaleName"="en-US"
                """;
        Files.writeString(file, handWritten);

        open(file).setDword(HKEY_CURRENT_USER, EXCHANGE, "MapiHttpDisabled", 0);

        assertEquals(handWritten.replace("\"MapiHttpDisabled\" = dword:1", "\"MapiHttpDisabled\"=dword:00000000"),
                Files.readString(file));
    }

    @Test
    void setDwordToTheValueItHasDoesNotRewriteTheFile() throws Exception {
        Path file = dir.resolve("registry.reg");
        Files.writeString(file, "Windows Registry Editor Version 5.00\n\n[HKCU\\Software\\Microsoft\\Exchange]\n"
                + "\"MapiHttpDisabled\"=hex(4):00,00,00,00\n");
        byte[] before = Files.readAllBytes(file);

        open(file).setDword(HKEY_CURRENT_USER, EXCHANGE, "MapiHttpDisabled", 0);

        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void deletingAnAbsentValueWritesNothing() {
        Path file = dir.resolve("registry.reg");

        new SnapshotRegistry(file, RegFile.empty()).deleteValue(HKEY_CURRENT_USER, EXCHANGE, "MapiHttpDisabled");

        assertFalse(Files.exists(file));
    }

    @Test
    void firstChangeToASnapshotWithoutRegistryWritesARegeditFile() throws Exception {
        Path file = dir.resolve("registry.reg");

        new SnapshotRegistry(file, RegFile.empty()).setDword(HKEY_CURRENT_USER, EXCHANGE, "MapiHttpDisabled", 0);

        assertArrayEquals(RegSamples.utf16WithBom("""
                Windows Registry Editor Version 5.00

                [HKEY_CURRENT_USER\\Software\\Microsoft\\Exchange]
                "MapiHttpDisabled"=dword:00000000

                """), Files.readAllBytes(file));
    }

    @Test
    void failedWriteLeavesTheRegistryAsItWas() {
        Path unwritable = dir.resolve("no-such-folder").resolve("registry.reg");
        RegFile content = RegSamples.parseUtf8("REGEDIT4\n\n[HKEY_CURRENT_USER\\Software\\Microsoft\\Exchange]\n"
                + "\"MapiHttpDisabled\"=dword:00000001\n");
        SnapshotRegistry registry = new SnapshotRegistry(unwritable, content);

        String message = assertThrows(HostException.class,
                () -> registry.setDword(HKEY_CURRENT_USER, EXCHANGE, "MapiHttpDisabled", 0)).getMessage();

        assertEquals(Optional.of(1L), registry.number(HKEY_CURRENT_USER, EXCHANGE, "MapiHttpDisabled"));
        assertTrue(message.startsWith("cannot write " + unwritable + ": "), message);
    }
}
