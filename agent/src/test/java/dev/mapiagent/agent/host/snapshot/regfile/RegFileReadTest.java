package dev.mapiagent.agent.host.snapshot.regfile;

import static dev.mapiagent.agent.host.Hive.HKEY_CURRENT_USER;
import static dev.mapiagent.agent.host.Hive.HKEY_LOCAL_MACHINE;
import static dev.mapiagent.agent.host.snapshot.regfile.RegSamples.parseUtf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.RegistryData;
import dev.mapiagent.agent.host.RegistryValue;
import dev.mapiagent.agent.host.RegistryValueType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegFileReadTest {

    private static final String EXCHANGE = "Software\\Microsoft\\Exchange";
    private static final String CLICK_TO_RUN = "SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration";

    private static final String SMALL_EXPORT = """
            Windows Registry Editor Version 5.00

            [HKEY_CURRENT_USER\\Software\\Microsoft\\Exchange]
            "MapiHttpDisabled"=dword:00000001

            [HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration]
            "VersionToReport"="16.0.17029.20108"

            """;

    @Test
    void readsUtf16LeExportWithBom() throws Exception {
        RegFile file = RegFile.parse(RegSamples.annPcRegistryBytes(), "registry.reg");

        MemoryRegistry registry = file.registry();
        assertEquals(Optional.of(1L), registry.number(HKEY_CURRENT_USER, EXCHANGE, "MapiHttpDisabled"));
        assertEquals(Optional.of("16.0.17029.20108"), registry.string(HKEY_LOCAL_MACHINE, CLICK_TO_RUN, "VersionToReport"));
        assertEquals(Optional.of("x64"), registry.string(HKEY_LOCAL_MACHINE, CLICK_TO_RUN, "Platform"));
        assertEquals(Optional.of("O365ProPlusRetail"), registry.string(HKEY_LOCAL_MACHINE, CLICK_TO_RUN, "ProductReleaseIds"));
        assertEquals(Optional.of("http://officecdn.microsoft.com/pr/492350f6-3a01-4f97-b9c0-c7c6ddf67d60"),
                registry.string(HKEY_LOCAL_MACHINE, CLICK_TO_RUN, "CDNBaseUrl"));
        assertEquals(RegFormat.regedit(), file.format());
    }

    @Test
    void readsUtf8ExportWithoutBom() {
        RegFile file = parseUtf8(SMALL_EXPORT);

        assertEquals(Optional.of(1L), file.registry().number(HKEY_CURRENT_USER, EXCHANGE, "MapiHttpDisabled"));
        assertEquals(new RegFormat(RegFormat.VERSION_5, StandardCharsets.UTF_8, false, "\n"), file.format());
    }

    @Test
    void readsUtf8ExportWithBom() {
        byte[] bytes = RegSamples.utf8("\uFEFF" + SMALL_EXPORT);

        RegFile file = RegFile.parse(bytes, "registry.reg");

        assertEquals(Optional.of(1L), file.registry().number(HKEY_CURRENT_USER, EXCHANGE, "MapiHttpDisabled"));
        assertEquals(new RegFormat(RegFormat.VERSION_5, StandardCharsets.UTF_8, true, "\n"), file.format());
    }

    @Test
    void readsLfAndCrlfLineEndsAlike() {
        RegFile lf = parseUtf8(SMALL_EXPORT);
        RegFile crlf = parseUtf8(SMALL_EXPORT.replace("\n", "\r\n"));

        assertEquals(lf.registry().values(HKEY_LOCAL_MACHINE, CLICK_TO_RUN), crlf.registry().values(HKEY_LOCAL_MACHINE, CLICK_TO_RUN));
        assertEquals(lf.registry().values(HKEY_CURRENT_USER, EXCHANGE), crlf.registry().values(HKEY_CURRENT_USER, EXCHANGE));
        assertEquals("\n", lf.format().lineSeparator());
        assertEquals("\r\n", crlf.format().lineSeparator());
    }

    @Test
    void readsMultiStringContinuedOverSeveralLines() throws Exception {
        MemoryRegistry registry = RegFile.parse(RegSamples.annPcRegistryBytes(), "registry.reg").registry();

        RegistryValue privileges = registry.value(HKEY_LOCAL_MACHINE,
                "SYSTEM\\CurrentControlSet\\Services\\ClickToRunSvc", "RequiredPrivileges").orElseThrow();

        assertEquals(RegistryValueType.REG_MULTI_SZ, privileges.type());
        assertEquals(List.of("SeAssignPrimaryTokenPrivilege", "SeChangeNotifyPrivilege", "SeCreateGlobalPrivilege",
                "SeImpersonatePrivilege", "SeTcbPrivilege"), privileges.asMultiString());
    }

    @Test
    void readsExpandStringContinuedOverSeveralLines() throws Exception {
        MemoryRegistry registry = RegFile.parse(RegSamples.annPcRegistryBytes(), "registry.reg").registry();

        RegistryValue importPrf = registry.value(HKEY_CURRENT_USER,
                "Software\\Microsoft\\Office\\16.0\\Outlook\\Setup", "ImportPRF").orElseThrow();

        assertEquals(RegistryValueType.REG_EXPAND_SZ, importPrf.type());
        assertEquals("%ProgramData%\\Contoso\\Outlook\\contoso-exchange-online.prf", importPrf.asString());
    }

    @Test
    void readsContinuationLinesWhateverTheirIndentAndTrailingComma() {
        MemoryRegistry registry = parseUtf8("""
                REGEDIT4

                [HKEY_CURRENT_USER\\Software\\Test]
                "Data"=hex:01,02,\\
                03 , 04,\\
                \t  05
                """).registry();

        assertArrayEquals(new byte[] {1, 2, 3, 4, 5},
                (byte[]) registry.value(HKEY_CURRENT_USER, "Software\\Test", "Data").orElseThrow().data());
    }

    @Test
    void findsKeysAndValuesWhateverTheirCase() {
        MemoryRegistry registry = parseUtf8("""
                Windows Registry Editor Version 5.00

                [hkey_current_user\\software\\MICROSOFT\\exchange]
                "mapihttpdisabled"=dword:00000001
                """).registry();

        assertTrue(registry.keyExists(HKEY_CURRENT_USER, EXCHANGE));
        assertEquals(Optional.of(1L), registry.number(HKEY_CURRENT_USER, EXCHANGE, "MapiHttpDisabled"));
    }

    @Test
    void readsAbbreviatedHiveNames() {
        MemoryRegistry registry = parseUtf8("""
                Windows Registry Editor Version 5.00

                [HKCU\\Software\\Microsoft\\Exchange]
                "MapiHttpDisabled"=dword:00000000

                [HKLM\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration]
                "Platform"="x86"
                """).registry();

        assertEquals(Optional.of(0L), registry.number(HKEY_CURRENT_USER, EXCHANGE, "MapiHttpDisabled"));
        assertEquals(Optional.of("x86"), registry.string(HKEY_LOCAL_MACHINE, CLICK_TO_RUN, "Platform"));
    }

    @Test
    void readsWow6432NodeKeysAsPlainPaths() throws Exception {
        MemoryRegistry registry = RegFile.parse(RegSamples.annPcRegistryBytes(), "registry.reg").registry();

        assertEquals(Optional.of("x86"), registry.string(HKEY_LOCAL_MACHINE,
                "SOFTWARE\\Wow6432Node\\Microsoft\\Office\\16.0\\Outlook", "Bitness"));
        assertFalse(registry.keyExists(HKEY_LOCAL_MACHINE, "SOFTWARE\\Microsoft\\Office\\16.0\\Outlook"));
    }

    @Test
    void readsDefaultValueAsEmptyName() {
        MemoryRegistry registry = parseUtf8("""
                Windows Registry Editor Version 5.00

                [HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\OUTLOOK.EXE]
                @="C:\\\\Program Files\\\\Microsoft Office\\\\Root\\\\Office16\\\\OUTLOOK.EXE"
                "Path"="C:\\\\Program Files\\\\Microsoft Office\\\\Root\\\\Office16\\\\"
                """).registry();

        String appPaths = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\OUTLOOK.EXE";
        assertEquals(Optional.of("C:\\Program Files\\Microsoft Office\\Root\\Office16\\OUTLOOK.EXE"),
                registry.string(HKEY_LOCAL_MACHINE, appPaths, ""));
        assertEquals(Optional.of("C:\\Program Files\\Microsoft Office\\Root\\Office16\\"),
                registry.string(HKEY_LOCAL_MACHINE, appPaths, "Path"));
    }

    @Test
    void unescapesBackslashesAndQuotesInNamesAndStrings() {
        MemoryRegistry registry = parseUtf8("""
                Windows Registry Editor Version 5.00

                [HKEY_CURRENT_USER\\Software\\Test]
                "say \\"hi\\" \\\\ there"="C:\\\\Users\\\\ann \\"quoted\\" ; not a comment"
                """).registry();

        assertEquals(Optional.of("C:\\Users\\ann \"quoted\" ; not a comment"),
                registry.string(HKEY_CURRENT_USER, "Software\\Test", "say \"hi\" \\ there"));
    }

    @Test
    void readsDwordsUnsignedAndQwordsLittleEndian() {
        MemoryRegistry registry = parseUtf8("""
                Windows Registry Editor Version 5.00

                [HKEY_CURRENT_USER\\Software\\Test]
                "Max"=dword:ffffffff
                "Short"=dword:2a
                "Big"=hex(b):00,a0,d4,11,ce,29,da,01
                "AsHex"=hex(4):10,27,00,00
                """).registry();

        assertEquals(Optional.of(0xFFFFFFFFL), registry.number(HKEY_CURRENT_USER, "Software\\Test", "Max"));
        assertEquals(Optional.of(42L), registry.number(HKEY_CURRENT_USER, "Software\\Test", "Short"));
        assertEquals(Optional.of(0x01DA29CE11D4A000L), registry.number(HKEY_CURRENT_USER, "Software\\Test", "Big"));
        assertEquals(RegistryValue.dword("AsHex", 10000), registry.value(HKEY_CURRENT_USER, "Software\\Test", "AsHex").orElseThrow());
    }

    @Test
    void keepsOtherHexTypesAsRawBytesWithTheirTypeNumber() {
        MemoryRegistry registry = parseUtf8("""
                Windows Registry Editor Version 5.00

                [HKEY_CURRENT_USER\\Software\\Test]
                "BigEndian"=hex(5):00,00,00,2a
                "None"=hex(0):
                """).registry();

        RegistryValue bigEndian = registry.value(HKEY_CURRENT_USER, "Software\\Test", "BigEndian").orElseThrow();
        assertEquals(new RegistryValue("BigEndian", RegistryValueType.REG_BINARY, new byte[] {0, 0, 0, 42}, 5), bigEndian);
        assertEquals(new RegistryValue("None", RegistryValueType.REG_NONE, new byte[0], 0),
                registry.value(HKEY_CURRENT_USER, "Software\\Test", "None").orElseThrow());
    }

    /** One decoder for snapshot and live bytes: a string without its terminator reads as Windows' own readers see it. */
    @Test
    void readsHexStringBytesExactlyAsTheLiveRegistryDecodesThem() {
        MemoryRegistry registry = parseUtf8("""
                Windows Registry Editor Version 5.00

                [HKEY_CURRENT_USER\\Software\\Test]
                "Unterminated"=hex(2):41,00
                "Multi"=hex(7):61,00,00,00,62,00,00,00,00,00
                """).registry();

        assertEquals(RegistryData.decode("Unterminated", 2, new byte[] {0x41, 0}),
                registry.value(HKEY_CURRENT_USER, "Software\\Test", "Unterminated").orElseThrow());
        assertEquals(new RegistryValue("Unterminated", RegistryValueType.REG_EXPAND_SZ, "A", 2),
                registry.value(HKEY_CURRENT_USER, "Software\\Test", "Unterminated").orElseThrow());
        assertEquals(RegistryData.decode("Multi", 7, new byte[] {0x61, 0, 0, 0, 0x62, 0, 0, 0, 0, 0}),
                registry.value(HKEY_CURRENT_USER, "Software\\Test", "Multi").orElseThrow());
    }

    @Test
    void deletesKeyAndItsSubkeysMarkedWithMinus() {
        MemoryRegistry registry = parseUtf8("""
                Windows Registry Editor Version 5.00

                [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\AutoDiscover]
                "ZeroConfigExchange"=dword:00000001

                [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\AutoDiscover\\RedirectServers]
                "autodiscover.contoso.com"=""

                [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Setup]

                [-HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\AutoDiscover]
                """).registry();

        assertFalse(registry.keyExists(HKEY_CURRENT_USER, "Software\\Microsoft\\Office\\16.0\\Outlook\\AutoDiscover"));
        assertFalse(registry.keyExists(HKEY_CURRENT_USER,
                "Software\\Microsoft\\Office\\16.0\\Outlook\\AutoDiscover\\RedirectServers"));
        assertTrue(registry.keyExists(HKEY_CURRENT_USER, "Software\\Microsoft\\Office\\16.0\\Outlook\\Setup"));
    }

    @Test
    void deletesValueMarkedWithMinus() {
        MemoryRegistry registry = parseUtf8("""
                Windows Registry Editor Version 5.00

                [HKEY_CURRENT_USER\\Software\\Microsoft\\Exchange]
                "MapiHttpDisabled"=dword:00000001
                "AlwaysUseMSOAuthForAutoDiscover"=dword:00000001

                [HKEY_CURRENT_USER\\Software\\Microsoft\\Exchange]
                "MapiHttpDisabled"=-
                """).registry();

        assertEquals(Optional.empty(), registry.value(HKEY_CURRENT_USER, EXCHANGE, "MapiHttpDisabled"));
        assertEquals(Optional.of(1L), registry.number(HKEY_CURRENT_USER, EXCHANGE, "AlwaysUseMSOAuthForAutoDiscover"));
    }

    @Test
    void skipsSectionsOfOtherHives() throws Exception {
        MemoryRegistry registry = RegFile.parse(RegSamples.annPcRegistryBytes(), "registry.reg").registry();

        assertFalse(registry.keyExists(HKEY_CURRENT_USER, "Outlook.Application"));
        assertFalse(registry.keyExists(HKEY_LOCAL_MACHINE, "Outlook.Application"));
        assertTrue(registry.keyExists(HKEY_LOCAL_MACHINE, "SOFTWARE\\Microsoft\\Cryptography"));
    }

    @Test
    void readsRegedit4ExportInTheAnsiCodePage() {
        Charset ansi = Charset.forName("windows-1252");
        byte[] bytes = """
                REGEDIT4

                [HKEY_CURRENT_USER\\Volatile Environment]
                "USERNAME"="jürgen"
                "HOMEPATH"=hex(2):5c,55,73,65,72,73,5c,6a,fc,72,67,65,6e,00

                """.replace("\n", "\r\n").getBytes(ansi);

        RegFile file = RegFile.parse(bytes, "registry.reg");

        assertEquals(Optional.of("jürgen"), file.registry().string(HKEY_CURRENT_USER, "Volatile Environment", "USERNAME"));
        assertEquals(Optional.of("\\Users\\jürgen"), file.registry().string(HKEY_CURRENT_USER, "Volatile Environment", "HOMEPATH"));
        assertEquals(new RegFormat(RegFormat.VERSION_4, ansi, false, "\r\n"), file.format());
    }

    @Test
    void keepsKeyAndValueSpellingOfTheFile() {
        MemoryRegistry registry = parseUtf8("""
                Windows Registry Editor Version 5.00

                [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\9375CFF0413111d3B88A00104B2A6676]
                "NextAccountID"=dword:00000003
                """).registry();

        assertEquals(List.of("9375CFF0413111d3B88A00104B2A6676"),
                registry.subKeys(HKEY_CURRENT_USER, "software\\microsoft\\office\\16.0\\outlook\\profiles\\outlook"));
        assertEquals("NextAccountID", registry.values(HKEY_CURRENT_USER,
                "Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\9375cff0413111d3b88a00104b2a6676").get(0).name());
    }
}
