package dev.mapiagent.agent.host;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One registry value. {@code data} is a String (REG_SZ, REG_EXPAND_SZ), Long (REG_DWORD, REG_QWORD,
 * DWORDs kept unsigned), byte[] (REG_BINARY, REG_NONE and types regedit writes as hex(n)) or
 * List&lt;String&gt; (REG_MULTI_SZ). {@code rawType} keeps the number for types outside the enum.
 */
public record RegistryValue(String name, RegistryValueType type, Object data, int rawType) {

    public RegistryValue {
        Objects.requireNonNull(name, "name (empty for the default value)");
        Objects.requireNonNull(type, "type");
    }

    public static RegistryValue string(String name, String value) {
        return new RegistryValue(name, RegistryValueType.REG_SZ, value, RegistryValueType.REG_SZ.win32());
    }

    public static RegistryValue dword(String name, long value) {
        return new RegistryValue(name, RegistryValueType.REG_DWORD, value & 0xFFFFFFFFL, RegistryValueType.REG_DWORD.win32());
    }

    /** The value as text when it is a string type, else null. */
    public String asString() {
        return data instanceof String s ? s : null;
    }

    /** The value as a number when it is a DWORD or QWORD, else null. */
    public Long asLong() {
        return data instanceof Long l ? l : null;
    }

    @SuppressWarnings("unchecked")
    public List<String> asMultiString() {
        return data instanceof List<?> l ? (List<String>) l : null;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RegistryValue other)) {
            return false;
        }
        boolean sameData = data instanceof byte[] a && other.data instanceof byte[] b
                ? Arrays.equals(a, b)
                : Objects.equals(data, other.data);
        return name.equalsIgnoreCase(other.name) && type == other.type && rawType == other.rawType && sameData;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name.toLowerCase(Locale.ROOT), type, rawType);
    }

    @Override
    public String toString() {
        Object shown = data instanceof byte[] b ? b.length + " bytes" : data;
        return name + "=" + type + ":" + shown;
    }
}
