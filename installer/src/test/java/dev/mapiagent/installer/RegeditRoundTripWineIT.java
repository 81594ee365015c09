package dev.mapiagent.installer;

import static dev.mapiagent.agent.host.Hive.HKEY_CURRENT_USER;
import static dev.mapiagent.agent.host.Hive.HKEY_LOCAL_MACHINE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.RegistryValue;
import dev.mapiagent.agent.host.RegistryValueType;
import dev.mapiagent.agent.host.snapshot.regfile.MemoryRegistry;
import dev.mapiagent.agent.host.snapshot.regfile.RegFile;
import dev.mapiagent.agent.host.snapshot.regfile.RegFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot's registry file against a real regedit (Wine's, which writes the Windows export format:
 * UTF-16LE, byte order mark, CRLF, hex data wrapped at 80 columns): what the agent writes imports with
 * {@code regedit /S}, and what {@code regedit /E} exports the agent parses, for every value type it reads.
 * The tests use separate keys of one prefix.
 */
class RegeditRoundTripWineIT {

    private static final byte[] BINARY = HexFormat.of().parseHex(
            "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223242526272829ff00");
    private static final long QWORD = 0x123456789ABCDEF0L;

    @TempDir
    static Path work;
    private static Wine wine;

    @BeforeAll
    static void machine() throws IOException {
        wine = Wine.newPrefix(work);
    }

    @AfterAll
    static void shutDown() throws IOException {
        if (wine != null) {
            wine.close();
        }
    }

    /** Every type the agent reads, the default value included; text with quotes, backslashes and a non-ASCII letter. */
    private static List<RegistryValue> everyType() {
        return List.of(
                RegistryValue.string("", "default value"),
                RegistryValue.string("MailboxServer", "C:\\Users\\Zoë \"Outlook\" Data"),
                new RegistryValue("CachePath", RegistryValueType.REG_EXPAND_SZ, "%LOCALAPPDATA%\\Microsoft\\Outlook", 2),
                RegistryValue.dword("MapiHttpDisabled", 0xFFFFFFFFL),
                new RegistryValue("LastSync", RegistryValueType.REG_QWORD, QWORD, 11),
                new RegistryValue("Binary Blob", RegistryValueType.REG_BINARY, BINARY, 3),
                new RegistryValue("Servers", RegistryValueType.REG_MULTI_SZ, List.of("one", "two words", "three"), 7));
    }

    @Test
    void whatTheAgentWritesImportsIntoTheRegistryWithTheSameValues() throws IOException {
        String key = "Software\\MapiAgentTest\\Written";
        MemoryRegistry registry = new MemoryRegistry();
        everyType().forEach(value -> registry.put(HKEY_CURRENT_USER, key, value));
        registry.put(HKEY_LOCAL_MACHINE, "SOFTWARE\\MapiAgentTest", RegistryValue.string("CollectorUrl", "https://c.example"));
        Path file = work.resolve("written.reg");
        RegFile.of(registry, RegFormat.regedit()).write(file);

        wine.run("regedit", "/S", Wine.windowsPath(file)).expectSuccess("regedit /S");

        Map<String, RegQuery.Value> values = RegQuery.key(wine, "HKCU\\" + key).orElseThrow();
        assertEquals(new RegQuery.Value("REG_SZ", "default value"), values.get(""));
        assertEquals(new RegQuery.Value("REG_SZ", "C:\\Users\\Zoë \"Outlook\" Data"), values.get("mailboxserver"));
        assertEquals(new RegQuery.Value("REG_EXPAND_SZ", "%LOCALAPPDATA%\\Microsoft\\Outlook"), values.get("cachepath"));
        assertEquals(new RegQuery.Value("REG_DWORD", "0xffffffff"), values.get("mapihttpdisabled"));
        assertEquals(new RegQuery.Value("REG_BINARY", HexFormat.of().withUpperCase().formatHex(BINARY)), values.get("binary blob"));
        assertEquals(new RegQuery.Value("REG_MULTI_SZ", "one\\0two words\\0three"), values.get("servers"));
        assertEquals("REG_QWORD", values.get("lastsync").type());
        assertEquals(7, values.size());
        // Wine's reg query prints a QWORD's data as "(null)": read that one from regedit's own export.
        Path export = work.resolve("written-export.reg");
        wine.run("regedit", "/E", Wine.windowsPath(export), "HKEY_CURRENT_USER\\" + key).expectSuccess("regedit /E");
        assertTrue(Wine.readWindowsText(export).contains("\"LastSync\"=hex(b):f0,de,bc,9a,78,56,34,12\r\n"));
        assertEquals(new RegQuery.Value("REG_SZ", "https://c.example"),
                RegQuery.key(wine, "HKLM\\SOFTWARE\\MapiAgentTest").orElseThrow().get("collectorurl"));
    }

    @Test
    void whatRegeditExportsIsReadAsTheValuesItHolds() throws IOException {
        String key = "Software\\MapiAgentTest\\Exported";
        String reg = "HKCU\\" + key;
        add(reg, "/ve", "/d", "default value");
        add(reg, "/v", "MailboxServer", "/t", "REG_SZ", "/d", "C:\\Users\\Ann \"Outlook\" Data");
        add(reg, "/v", "CachePath", "/t", "REG_EXPAND_SZ", "/d", "%LOCALAPPDATA%\\Microsoft\\Outlook");
        add(reg, "/v", "MapiHttpDisabled", "/t", "REG_DWORD", "/d", "4294967295");
        add(reg, "/v", "LastSync", "/t", "REG_QWORD", "/d", "0x123456789abcdef0");
        add(reg, "/v", "Binary Blob", "/t", "REG_BINARY", "/d", HexFormat.of().formatHex(BINARY));
        add(reg, "/v", "Servers", "/t", "REG_MULTI_SZ", "/d", "one\\0two words\\0three");
        Path export = work.resolve("exported.reg");

        wine.run("regedit", "/E", Wine.windowsPath(export), "HKEY_CURRENT_USER\\" + key).expectSuccess("regedit /E");

        RegFile file = RegFile.read(export);
        assertEquals(RegFormat.regedit(), file.format(), "UTF-16LE, BOM, CRLF, version 5.00");
        List<RegistryValue> expected = everyType().stream()
                .map(v -> v.name().equals("MailboxServer") ? RegistryValue.string("MailboxServer", "C:\\Users\\Ann \"Outlook\" Data") : v)
                .toList();
        assertEquals(byName(expected), byName(file.registry().values(HKEY_CURRENT_USER, key)));
    }

    @Test
    void rewritesRegeditsExportByteForByte() throws IOException {
        String key = "Software\\MapiAgentTest\\Rewritten";
        MemoryRegistry registry = new MemoryRegistry();
        everyType().forEach(value -> registry.put(HKEY_CURRENT_USER, key, value));
        Path imported = work.resolve("to-import.reg");
        RegFile.of(registry, RegFormat.regedit()).write(imported);
        wine.run("regedit", "/S", Wine.windowsPath(imported)).expectSuccess("regedit /S");
        Path export = work.resolve("rewritten-export.reg");

        wine.run("regedit", "/E", Wine.windowsPath(export), "HKEY_CURRENT_USER\\" + key).expectSuccess("regedit /E");

        byte[] exported = Files.readAllBytes(export);
        RegFile parsed = RegFile.read(export);
        assertArrayEquals(exported, parsed.toBytes(), "unchanged, written back as read");
        assertEquals(new String(exported, StandardCharsets.UTF_16LE),
                new String(RegFile.of(parsed.registry(), RegFormat.regedit()).toBytes(), StandardCharsets.UTF_16LE),
                "written from memory exactly as regedit writes it");
    }

    private static void add(String key, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("reg", "add", key));
        command.addAll(List.of(arguments));
        command.add("/f");
        wine.run(command.toArray(String[]::new)).expectSuccess(String.join(" ", command));
    }

    private static Map<String, RegistryValue> byName(List<RegistryValue> values) {
        return values.stream().collect(Collectors.toMap(RegistryValue::name, v -> v));
    }
}
