package dev.mapiagent.agent.host.snapshot;

import dev.mapiagent.agent.host.RegistryValue;
import dev.mapiagent.agent.host.RegistryValueType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Registry data written as {@code hex(n):} bytes, decoded into typed values and encoded back.
 * A value is decoded only when encoding the result gives the very same bytes; anything else (a
 * string without its terminator, a QWORD of 7 bytes, an unknown type) stays raw bytes with its
 * type number, so nothing is lost either way.
 */
final class HexValues {

    static final int REG_BINARY = 3;

    private HexValues() {
    }

    static RegistryValue decode(String name, int rawType, byte[] data, RegFormat format) {
        Charset strings = format.hexStringCharset(rawType);
        Optional<RegistryValue> typed = switch (rawType) {
            case 1 -> terminated(data, strings).map(s -> RegistryValue.string(name, s));
            case 2 -> terminated(data, strings).map(s -> typed(name, RegistryValueType.REG_EXPAND_SZ, s));
            case 4 -> number(data, Integer.BYTES).map(n -> RegistryValue.dword(name, n));
            case 7 -> multi(data, strings).map(list -> typed(name, RegistryValueType.REG_MULTI_SZ, list));
            case 11 -> number(data, Long.BYTES).map(n -> typed(name, RegistryValueType.REG_QWORD, n));
            default -> Optional.empty();
        };
        RegistryValueType rawKind = rawType == 0 ? RegistryValueType.REG_NONE : RegistryValueType.REG_BINARY;
        return typed.orElseGet(() -> new RegistryValue(name, rawKind, data, rawType));
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

    private static RegistryValue typed(String name, RegistryValueType type, Object data) {
        return new RegistryValue(name, type, data, type.win32());
    }

    private static Optional<String> terminated(byte[] data, Charset charset) {
        String text = new String(data, charset);
        boolean lossless = text.endsWith("\0") && Arrays.equals(text.getBytes(charset), data);
        return lossless ? Optional.of(text.substring(0, text.length() - 1)) : Optional.empty();
    }

    private static Optional<List<String>> multi(byte[] data, Charset charset) {
        return terminated(data, charset).flatMap(text -> {
            if (text.isEmpty()) {
                return Optional.of(List.of());
            }
            if (!text.endsWith("\0")) {
                return Optional.empty();
            }
            return Optional.of(List.of(text.substring(0, text.length() - 1).split("\0", -1)));
        });
    }

    private static Optional<Long> number(byte[] data, int size) {
        if (data.length != size) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        return Optional.of(size == Integer.BYTES ? buffer.getInt() & 0xFFFFFFFFL : buffer.getLong());
    }
}
