package dev.mapiagent.agent.host.snapshot.regfile;

import static dev.mapiagent.agent.host.Hive.HKEY_CURRENT_USER;
import static dev.mapiagent.agent.host.snapshot.regfile.RegSamples.parseUtf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.RegistryValue;
import dev.mapiagent.agent.host.RegistryValueType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegFileWriteTest {

    /** Every key and value, spelled as stored, in order: two registries are the same when these are. */
    private static List<String> dump(MemoryRegistry registry) {
        return registry.keys().stream()
                .map(key -> key.hive() + "\\" + key.path() + " " + key.values().stream()
                        .map(v -> v.name() + "=" + v.type() + "/" + v.rawType() + ":"
                                + (v.data() instanceof byte[] b ? HexFormat.of().formatHex(b) : v.data()))
                        .collect(Collectors.joining(", ")))
                .toList();
    }

    @Test
    void unmodifiedRegeditExportIsWrittenBackByteForByte() throws Exception {
        byte[] original = RegSamples.annPcRegistryBytes();

        assertArrayEquals(original, RegFile.parse(original, "registry.reg").toBytes());
    }

    @Test
    void registryBuiltInMemoryIsWrittenExactlyAsRegeditWritesIt() throws Exception {
        byte[] original = RegSamples.annPcRegistryBytes();
        MemoryRegistry registry = RegFile.parse(original, "registry.reg").registry();
        String withoutOtherHives = new String(original, StandardCharsets.UTF_16LE)
                .replaceAll("\r\n\\[HKEY_CLASSES_ROOT[^]]*]\r\n@=\"[^\"]*\"\r\n", "");

        byte[] written = RegFile.of(registry, RegFormat.regedit()).toBytes();

        assertEquals(withoutOtherHives, new String(written, StandardCharsets.UTF_16LE));
    }

    @Test
    void wrapsHexDataAtRegeditsWidth() {
        MemoryRegistry registry = new MemoryRegistry();
        registry.put(HKEY_CURRENT_USER, "Software\\Test", new RegistryValue("Consolas", RegistryValueType.REG_MULTI_SZ,
                List.of("MSYH.TTC,Microsoft YaHei UI,128,96", "MSYH.TTC,Microsoft YaHei UI"), 7));

        String text = RegFile.of(registry, RegFormat.regedit()).text();

        // as regedit exported this value on a real PC
        assertEquals("""
                Windows Registry Editor Version 5.00

                [HKEY_CURRENT_USER\\Software\\Test]
                "Consolas"=hex(7):4d,00,53,00,59,00,48,00,2e,00,54,00,54,00,43,00,2c,00,4d,00,\\
                  69,00,63,00,72,00,6f,00,73,00,6f,00,66,00,74,00,20,00,59,00,61,00,48,00,65,\\
                  00,69,00,20,00,55,00,49,00,2c,00,31,00,32,00,38,00,2c,00,39,00,36,00,00,00,\\
                  4d,00,53,00,59,00,48,00,2e,00,54,00,54,00,43,00,2c,00,4d,00,69,00,63,00,72,\\
                  00,6f,00,73,00,6f,00,66,00,74,00,20,00,59,00,61,00,48,00,65,00,69,00,20,00,\\
                  55,00,49,00,00,00,00,00

                """.replace("\n", "\r\n"), text);
    }

    @Test
    void parseWriteParseKeepsEveryValue() {
        RegFile first = parseUtf8("""
                Windows Registry Editor Version 5.00

                ; written by hand
                [hkcu\\Software\\Test]
                @="default"
                "Text"="C:\\\\Users\\\\ann \\"quoted\\""
                "Lines"="one\\ntwo"
                "Name\\nwith a line break"="x"
                "Dword"=DWORD:0000002A
                "Qword"=hex(b):01,00,00,00,00,00,00,80
                "Expand"=hex(2):25,00,41,00,25,00,00,00
                "Multi"=hex(7):61,00,00,00,00,00,62,00,00,00,00,00
                "Empty multi"=hex(7):00,00
                "Binary"=HEX:DE,AD,BE,EF
                "None"=hex(0):
                "Link"=hex(6):5c,00
                "Unterminated"=hex(2):41,00
                "Gone"=dword:00000001
                "Gone"=-

                [HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Microsoft\\Office\\16.0\\Outlook]
                "Bitness"="x86"

                [-HKEY_LOCAL_MACHINE\\SOFTWARE\\Old]
                """);

        RegFile second = RegFile.parse(RegFile.of(first.registry(), RegFormat.regedit()).toBytes(), "registry.reg");

        assertEquals(dump(first.registry()), dump(second.registry()));
    }

    @Test
    void writesStringsWithLineBreaksAsHex1SoTheyReadBackTheSame() {
        MemoryRegistry registry = new MemoryRegistry();
        registry.put(HKEY_CURRENT_USER, "Software\\Test", RegistryValue.string("Note", "a\r\nb"));

        String text = RegFile.of(registry, RegFormat.regedit()).text();
        RegFile reread = RegFile.parse(RegSamples.utf16WithBom(text), "registry.reg");

        assertEquals("\"Note\"=hex(1):61,00,0d,00,0a,00,62,00,00,00", text.split("\r\n")[3]);
        assertEquals(registry.values(HKEY_CURRENT_USER, "Software\\Test"),
                reread.registry().values(HKEY_CURRENT_USER, "Software\\Test"));
    }

    @Test
    void writesSectionsOfOtherHivesBackUnchangedAfterAChange() throws Exception {
        RegFile file = RegFile.parse(RegSamples.annPcRegistryBytes(), "registry.reg");
        MemoryRegistry changed = file.registry().copy();
        changed.setDword(HKEY_CURRENT_USER, "Software\\Microsoft\\Exchange", "MapiHttpDisabled", 0);

        String text = file.withRegistry(changed).text();

        String classesRoot = "\r\n[HKEY_CLASSES_ROOT\\Outlook.Application]\r\n@=\"Microsoft Outlook 16.0 Object Library\"\r\n"
                + "\r\n[HKEY_CLASSES_ROOT\\Outlook.Application\\CLSID]\r\n@=\"{0006F03A-0000-0000-C000-000000000046}\"\r\n";
        assertEquals(1, text.split(Pattern.quote(classesRoot), -1).length - 1);
    }

    /** Strings are decoded as Windows' readers see them; the bytes of a value that did not change are kept as read. */
    @Test
    void keepsTheBytesOfAnUnterminatedStringWhenASiblingChanges() {
        RegFile file = parseUtf8("""
                Windows Registry Editor Version 5.00

                [HKEY_CURRENT_USER\\Software\\Test]
                "Unterminated"=hex(2):41,00
                "Flag"=dword:00000001
                """);
        MemoryRegistry changed = file.registry().copy();
        changed.setDword(HKEY_CURRENT_USER, "Software\\Test", "Flag", 0);

        String text = file.withRegistry(changed).text();

        assertTrue(text.contains("\"Unterminated\"=hex(2):41,00"), text);
        assertTrue(text.contains("\"Flag\"=dword:00000000"), text);
    }

    @Test
    void writesAtomicallyInTheFormatRead(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("registry.reg");
        RegFile file = parseUtf8("REGEDIT4\n\n[HKEY_CURRENT_USER\\Software\\Test]\n\"A\"=\"1\"\n\n");

        file.write(target);

        assertArrayEquals(RegSamples.utf8("REGEDIT4\n\n[HKEY_CURRENT_USER\\Software\\Test]\n\"A\"=\"1\"\n\n"),
                Files.readAllBytes(target));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }
}
