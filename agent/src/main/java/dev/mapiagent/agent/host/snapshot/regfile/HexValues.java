package dev.mapiagent.agent.host.snapshot.regfile;

import dev.mapiagent.agent.host.RegistryData;
import dev.mapiagent.agent.host.RegistryValue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.List;

/**
 * Registry data written as {@code hex(n):} bytes, decoded the way the live registry's bytes are
 * ({@link RegistryData}) and encoded back. Nothing is lost either way: a value that did not change is
 * written back from the text it was read from, and data that fits no type (a QWORD of 7 bytes, an
 * unknown type) stays raw bytes with its type number.
 */
final class HexValues {

    static final int REG_BINARY = 3;

    private HexValues() {
    }

    static RegistryValue decode(String name, int rawType, byte[] data, RegFormat format) {
        return RegistryData.decode(name, rawType, data, format.hexStringCharset(rawType));
    }

    static byte[] terminatedString(String value, Charset charset) {
        return (value + "\0").getBytes(charset);
    }

    /** Each string NUL-terminated, then one more NUL; an empty list is a lone NUL. */
    static byte[] multiString(List<String> values, Charset charset) {
        StringBuilder text = new StringBuilder();
        values.forEach(v -> text.append(v).append('\0'));
        return (values.isEmpty() ? "\0" : text.append('\0').toString()).getBytes(charset);
    }

    static byte[] qword(long value) {
        return ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }
}
