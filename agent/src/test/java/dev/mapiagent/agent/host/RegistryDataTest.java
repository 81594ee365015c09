package dev.mapiagent.agent.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bytes below are what RegQueryValueExW returns for each type (UTF-16LE text, little-endian numbers). */
class RegistryDataTest {

    private static byte[] utf16(String text) {
        return text.getBytes(StandardCharsets.UTF_16LE);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void readsNulTerminatedRegSz() {
        RegistryValue v = RegistryData.decode("ProductReleaseIds", 1, utf16("O365ProPlusRetail\0"));
        assertEquals(RegistryValue.string("ProductReleaseIds", "O365ProPlusRetail"), v);
    }

    @Test
    void readsRegSzStoredWithoutTerminator() {
        assertEquals("16.0", RegistryData.decode("v", 1, utf16("16.0")).asString());
    }

    @Test
    void readsZeroLengthRegSzAsEmptyString() {
        // Advapi32Util.registryGetValues gives char[0] here; the port wants a String
        RegistryValue v = RegistryData.decode("", 1, new byte[0]);
        assertEquals("", v.data());
        assertEquals(RegistryValueType.REG_SZ, v.type());
    }

    @Test
    void stopsRegSzAtFirstNul() {
        assertEquals("abc", RegistryData.decode("v", 1, utf16("abc\0junk\0")).asString());
    }

    @Test
    void dropsDanglingOddByteOfRegSz() {
        byte[] odd = bytes('o', 0, 'k', 0, 'x');
        assertEquals("ok", RegistryData.decode("v", 1, odd).asString());
    }

    @Test
    void keepsRegExpandSzTypeAndLeavesVariablesUnexpanded() {
        RegistryValue v = RegistryData.decode("Path", 2, utf16("%LOCALAPPDATA%\\Microsoft\\Outlook\0"));
        assertEquals(RegistryValueType.REG_EXPAND_SZ, v.type());
        assertEquals(2, v.rawType());
        assertEquals("%LOCALAPPDATA%\\Microsoft\\Outlook", v.asString());
    }

    @Test
    void readsDwordAsUnsignedLong() {
        RegistryValue v = RegistryData.decode("MapiHttpDisabled", 4, bytes(1, 0, 0, 0));
        assertEquals(RegistryValue.dword("MapiHttpDisabled", 1), v);
    }

    @Test
    void readsDwordAllOnesAs4294967295() {
        assertEquals(4294967295L, RegistryData.decode("v", 4, bytes(0xff, 0xff, 0xff, 0xff)).asLong());
    }

    @Test
    void readsDwordLittleEndian() {
        assertEquals(0x12345678L, RegistryData.decode("v", 4, bytes(0x78, 0x56, 0x34, 0x12)).asLong());
    }

    @Test
    void readsQwordLittleEndian() {
        RegistryValue v = RegistryData.decode("q", 11, bytes(0x01, 0, 0, 0, 0x02, 0, 0, 0));
        assertEquals(RegistryValueType.REG_QWORD, v.type());
        assertEquals(0x0000000200000001L, v.asLong());
    }

    @Test
    void readsMultiSzAsList() {
        RegistryValue v = RegistryData.decode("m", 7, utf16("one\0two\0\0"));
        assertEquals(RegistryValueType.REG_MULTI_SZ, v.type());
        assertEquals(List.of("one", "two"), v.asMultiString());
    }

    @Test
    void readsEmptyMultiSzAsEmptyList() {
        assertEquals(List.of(), RegistryData.decode("m", 7, utf16("\0")).asMultiString());
        assertEquals(List.of(), RegistryData.decode("m", 7, new byte[0]).asMultiString());
    }

    @Test
    void keepsEmptyStringsInsideMultiSz() {
        assertEquals(List.of("a", "", "b"), RegistryData.decode("m", 7, utf16("a\0\0b\0\0")).asMultiString());
    }

    @Test
    void readsMultiSzMissingFinalTerminator() {
        assertEquals(List.of("a", "b"), RegistryData.decode("m", 7, utf16("a\0b")).asMultiString());
    }

    @Test
    void copiesBinaryData() {
        byte[] raw = bytes(0xde, 0xad, 0xbe, 0xef);
        RegistryValue v = RegistryData.decode("b", 3, raw);
        assertEquals(RegistryValueType.REG_BINARY, v.type());
        assertArrayEquals(raw, (byte[]) v.data());
        assertNotSame(raw, v.data());
    }

    @Test
    void readsRegNoneAsBytes() {
        RegistryValue v = RegistryData.decode("n", 0, bytes(7));
        assertEquals(RegistryValueType.REG_NONE, v.type());
        assertArrayEquals(bytes(7), (byte[]) v.data());
    }

    @Test
    void keepsDwordOfWrongLengthAsBytesWithItsRealType() {
        RegistryValue v = RegistryData.decode("d", 4, bytes(1, 0, 0));
        assertEquals(RegistryValueType.REG_BINARY, v.type());
        assertEquals(4, v.rawType());
        assertArrayEquals(bytes(1, 0, 0), (byte[]) v.data());
    }

    @Test
    void keepsTypesOutsideTheEnumAsBytesWithTheirNumber() {
        // REG_DWORD_BIG_ENDIAN (5): Advapi32Util.registryGetValues throws "Unsupported type" on it
        RegistryValue v = RegistryData.decode("be", 5, bytes(0, 0, 0, 1));
        assertEquals(RegistryValueType.REG_BINARY, v.type());
        assertEquals(5, v.rawType());
        assertArrayEquals(bytes(0, 0, 0, 1), (byte[]) v.data());
    }
}
