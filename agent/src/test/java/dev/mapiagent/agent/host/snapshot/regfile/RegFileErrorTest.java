package dev.mapiagent.agent.host.snapshot.regfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mapiagent.agent.host.BadSnapshotException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegFileErrorTest {

    private static String errorOf(String text) {
        return errorOf(RegSamples.utf8(text));
    }

    private static String errorOf(byte[] bytes) {
        String message = assertThrows(BadSnapshotException.class, () -> RegFile.parse(bytes, "registry.reg")).getMessage();
        assertFalse(message.contains("\n"), "one line: " + message);
        return message;
    }

    @Test
    void rejectsLineThatIsNotAValueWithItsLineNumber() {
        assertEquals("registry.reg line 4: expected \"name\"=value, got 'MapiHttpDisabled=1'", errorOf("""
                Windows Registry Editor Version 5.00

                [HKEY_CURRENT_USER\\Software\\Microsoft\\Exchange]
                MapiHttpDisabled=1
                """));
    }

    @Test
    void rejectsBadHexByteOnTheContinuationLineItIsOn() {
        assertEquals("registry.reg line 5: bad hex byte '0g' in '6f,00,0g,00'", errorOf("""
                Windows Registry Editor Version 5.00

                [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Setup]
                "ImportPRF"=hex(2):43,00,3a,00,\\
                  6f,00,0g,00
                """));
    }

    @Test
    void rejectsHexDataContinuedPastTheEndOfTheFile() {
        assertEquals("registry.reg line 4: hex data continues past the end of the file", errorOf(
                "Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Software\\Test]\n\"Data\"=hex:01,02,\\"));
    }

    @Test
    void rejectsUnterminatedString() {
        assertEquals("registry.reg line 4: unterminated string '\"16.0.17029.20108'", errorOf("""
                Windows Registry Editor Version 5.00

                [HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration]
                "VersionToReport"="16.0.17029.20108
                """));
    }

    @Test
    void rejectsSingleBackslashInAString() {
        assertEquals("registry.reg line 4: unknown escape \\U in '\"C:\\Users\\ann\"' (a backslash is written \\\\)",
                errorOf("""
                        Windows Registry Editor Version 5.00

                        [HKEY_CURRENT_USER\\Volatile Environment]
                        "USERPROFILE"="C:\\Users\\ann"
                        """));
    }

    @Test
    void rejectsMissingHeader() {
        assertEquals("registry.reg line 1: expected the header \"Windows Registry Editor Version 5.00\" or \"REGEDIT4\","
                + " got '[HKEY_CURRENT_USER\\Software\\Microsoft\\Exchange]'", errorOf("""
                [HKEY_CURRENT_USER\\Software\\Microsoft\\Exchange]
                "MapiHttpDisabled"=dword:00000001
                """));
    }

    @Test
    void rejectsEmptyFile() {
        assertEquals("registry.reg line 1: expected the header \"Windows Registry Editor Version 5.00\" or \"REGEDIT4\","
                + " got ''", errorOf(new byte[0]));
    }

    @Test
    void rejectsValueBeforeAnyKey() {
        assertEquals("registry.reg line 2: a value must follow a [KEY] line, got '\"MapiHttpDisabled\"=dword:00000001'",
                errorOf("""
                        Windows Registry Editor Version 5.00
                        "MapiHttpDisabled"=dword:00000001
                        """));
    }

    @Test
    void rejectsDwordOfMoreThanEightDigits() {
        assertEquals("registry.reg line 4: bad dword 'dword:000000001', expected dword: and 8 hex digits", errorOf("""
                Windows Registry Editor Version 5.00

                [HKEY_CURRENT_USER\\Software\\Microsoft\\Exchange]
                "MapiHttpDisabled"=dword:000000001
                """));
    }

    @Test
    void rejectsUnknownValueType() {
        assertEquals("registry.reg line 4: unknown value type 'qword:1', expected \"string\", dword:, hex: or hex(n):",
                errorOf("""
                        Windows Registry Editor Version 5.00

                        [HKEY_CURRENT_USER\\Software\\Test]
                        "Big"=qword:1
                        """));
    }

    @Test
    void rejectsUnknownRegistryRoot() {
        assertEquals("registry.reg line 3: unknown registry root 'HKEY_LOCAL_MACHNE' in"
                + " '[HKEY_LOCAL_MACHNE\\SOFTWARE\\Microsoft\\Cryptography]', expected HKEY_CURRENT_USER or HKEY_LOCAL_MACHINE",
                errorOf("""
                        Windows Registry Editor Version 5.00

                        [HKEY_LOCAL_MACHNE\\SOFTWARE\\Microsoft\\Cryptography]
                        """));
    }

    @Test
    void rejectsKeyLineWithoutClosingBracket() {
        assertEquals("registry.reg line 3: expected [KEY], got '[HKEY_CURRENT_USER\\Software\\Microsoft\\Exchange'",
                errorOf("""
                        Windows Registry Editor Version 5.00

                        [HKEY_CURRENT_USER\\Software\\Microsoft\\Exchange
                        """));
    }

    @Test
    void rejectsInvalidUtf8WithTheLineItIsOn() {
        byte[] start = RegSamples.utf8("Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Volatile Environment]\n\"USERNAME\"=\"j");
        byte[] bytes = new byte[start.length + 3];
        System.arraycopy(start, 0, bytes, 0, start.length);
        bytes[start.length] = (byte) 0xFC;
        bytes[start.length + 1] = '"';
        bytes[start.length + 2] = '\n';

        assertEquals("registry.reg line 4: not valid UTF-8 text (snapshot files are UTF-16LE with a byte order mark,"
                + " as regedit writes them, or UTF-8)", errorOf(bytes));
    }

    @Test
    void rejectsFileOverTheSizeLimitWithoutReadingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("registry.reg");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(SnapshotFiles.MAX_BYTES + 1);
        }

        String message = assertThrows(BadSnapshotException.class, () -> RegFile.read(file)).getMessage();

        assertEquals(file + " is too large (over the limit of 67,108,864 bytes) (a snapshot file)", message);
    }
}
