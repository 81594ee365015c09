package dev.mapiagent.agent.host;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the raw bytes of a registry value into a {@link RegistryValue}: the one decoder for the bytes
 * RegQueryValueExW and RegEnumValueW return and for the {@code hex(n):} bytes of a snapshot's registry.reg,
 * so a value reads the same live and exported. JNA-free, so the decoding is tested on any OS.
 *
 * <p>Why raw bytes and not {@code Advapi32Util.registryGetValues}: that map loses the difference between
 * REG_SZ and REG_EXPAND_SZ, gives {@code char[0]} for an empty string, and throws on any type it does not
 * know, so one odd value would make a whole key unreadable.
 *
 * <p>Data that does not fit its type (a DWORD that is not 4 bytes long, REG_DWORD_BIG_ENDIAN, REG_LINK,
 * resource lists...) is kept as bytes: type {@link RegistryValueType#REG_BINARY} with the real type number in
 * {@code rawType}, which is how regedit exports it ({@code hex(n):}).
 */
public final class RegistryData {

    private RegistryData() {
    }

    /** Bytes as the W functions of the registry API return them: strings in UTF-16LE. */
    public static RegistryValue decode(String name, int rawType, byte[] data) {
        return decode(name, rawType, data, StandardCharsets.UTF_16LE);
    }

    /** Bytes whose strings are in {@code strings} (a REGEDIT4 file's hex(n) strings are in the ANSI code page). */
    public static RegistryValue decode(String name, int rawType, byte[] data, Charset strings) {
        if (rawType == RegistryValueType.REG_SZ.win32()) {
            return new RegistryValue(name, RegistryValueType.REG_SZ, firstString(data, strings), rawType);
        }
        if (rawType == RegistryValueType.REG_EXPAND_SZ.win32()) {
            return new RegistryValue(name, RegistryValueType.REG_EXPAND_SZ, firstString(data, strings), rawType);
        }
        if (rawType == RegistryValueType.REG_MULTI_SZ.win32()) {
            return new RegistryValue(name, RegistryValueType.REG_MULTI_SZ, strings(data, strings), rawType);
        }
        if (rawType == RegistryValueType.REG_DWORD.win32() && data.length == Integer.BYTES) {
            long unsigned = Integer.toUnsignedLong(littleEndian(data).getInt());
            return new RegistryValue(name, RegistryValueType.REG_DWORD, unsigned, rawType);
        }
        if (rawType == RegistryValueType.REG_QWORD.win32() && data.length == Long.BYTES) {
            return new RegistryValue(name, RegistryValueType.REG_QWORD, littleEndian(data).getLong(), rawType);
        }
        if (rawType == RegistryValueType.REG_NONE.win32()) {
            return new RegistryValue(name, RegistryValueType.REG_NONE, data.clone(), rawType);
        }
        return new RegistryValue(name, RegistryValueType.REG_BINARY, data.clone(), rawType);
    }

    /** Text up to the first NUL; Windows does not promise a terminator, nor an even byte count. */
    private static String firstString(byte[] data, Charset charset) {
        String text = text(data, charset);
        int nul = text.indexOf('\0');
        return nul < 0 ? text : text.substring(0, nul);
    }

    /** NUL-separated strings; the empty strings at the end are terminators, those in between are kept. */
    private static List<String> strings(byte[] data, Charset charset) {
        List<String> parts = new ArrayList<>(Arrays.asList(text(data, charset).split("\0", -1)));
        while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return List.copyOf(parts);
    }

    /** A dangling odd byte of UTF-16 is not half a character: it is dropped. */
    private static String text(byte[] data, Charset charset) {
        int length = charset.equals(StandardCharsets.UTF_16LE) ? data.length & ~1 : data.length;
        return new String(data, 0, length, charset);
    }

    private static ByteBuffer littleEndian(byte[] data) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }
}
