package dev.mapiagent.agent.host.snapshot.regfile;

import dev.mapiagent.agent.host.RegistryValue;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Writes a registry in the {@code regedit /e} format: each key as a blank line and "[KEY]", its
 * values one a line, hex data wrapped at regedit's width, a blank line at the end. Text read from
 * the original file is reused for every key and value that did not change.
 */
final class RegFileWriter {

    /** regedit (and Wine's copy of it) breaks hex data once a line reaches this column: 80 columns with ",\". */
    private static final int HEX_WRAP_COLUMN = 77;
    private static final String CONTINUATION_INDENT = "  ";

    private final RegFormat format;
    private final List<String> out = new ArrayList<>();

    private RegFileWriter(RegFormat format) {
        this.format = format;
    }

    static List<String> lines(MemoryRegistry registry, RegLayout layout, RegFormat format) {
        return new RegFileWriter(format).write(registry, layout);
    }

    private List<String> write(MemoryRegistry registry, RegLayout layout) {
        out.add(format.header());
        Set<MemoryRegistry.Key> written = new HashSet<>();
        for (RegLayout.Block block : layout.blocks()) {
            if (block instanceof RegLayout.Verbatim verbatim) {
                out.addAll(verbatim.lines());
            } else if (block instanceof RegLayout.KeySection section) {
                registry.key(section.hive(), section.path())
                        .filter(written::add)
                        .ifPresent(key -> key(key, section.lines(), layout));
            }
        }
        for (MemoryRegistry.Key key : registry.keys()) {
            if (written.add(key)) {
                String name = key.path().isEmpty() ? key.hive().name() : key.hive().name() + "\\" + key.path();
                key(key, List.of("", "[" + name + "]"), layout);
            }
        }
        out.addAll(layout.trailing());
        return out;
    }

    private void key(MemoryRegistry.Key key, List<String> header, RegLayout layout) {
        out.addAll(header);
        for (RegistryValue value : key.values()) {
            List<String> original = layout.linesOf(value);
            out.addAll(original != null ? original : value(value));
        }
    }

    /** One value as regedit writes it. */
    private List<String> value(RegistryValue value) {
        String name = value.name().isEmpty() ? "@=" : "\"" + escapeName(value.name()) + "\"=";
        Object data = value.data();
        return switch (value.type()) {
            case REG_SZ -> data instanceof String s && quotable(s)
                    ? List.of(name + "\"" + escape(s) + "\"")
                    : hex(name, 1, HexValues.terminatedString(text(value), charset(1)));
            case REG_EXPAND_SZ -> hex(name, 2, HexValues.terminatedString(text(value), charset(2)));
            case REG_MULTI_SZ -> hex(name, 7, HexValues.multiString(multi(value), charset(7)));
            case REG_DWORD -> data instanceof Long n
                    ? List.of(name + String.format("dword:%08x", n & 0xFFFFFFFFL))
                    : hex(name, value.rawType(), bytes(value));
            case REG_QWORD -> hex(name, 11, HexValues.qword(number(value)));
            case REG_BINARY, REG_NONE -> hex(name, value.rawType(), bytes(value));
        };
    }

    /** regedit's wrapping: a break after the comma that reaches the column, then two spaces. */
    private static List<String> hex(String name, int rawType, byte[] bytes) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(name)
                .append(rawType == HexValues.REG_BINARY ? "hex:" : "hex(" + Integer.toHexString(rawType) + "):");
        int column = line.length();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < bytes.length; i++) {
            line.append(hex.toHexDigits(bytes[i]));
            if (i == bytes.length - 1) {
                break;
            }
            line.append(',');
            column += 3;
            if (column >= HEX_WRAP_COLUMN) {
                lines.add(line.append('\\').toString());
                line = new StringBuilder(CONTINUATION_INDENT);
                column = CONTINUATION_INDENT.length();
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** A string regedit can quote: no line breaks or NULs, and every character fits the file's encoding. */
    private boolean quotable(String s) {
        return s.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0) && format.charset().newEncoder().canEncode(s);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** A name has no hex form to fall back on: line breaks and NULs get Wine's escapes, which the parser reads. */
    private static String escapeName(String s) {
        return escape(s).replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }

    private Charset charset(int rawType) {
        return format.hexStringCharset(rawType);
    }

    private static String text(RegistryValue value) {
        return expect(value, value.asString(), "text");
    }

    private static List<String> multi(RegistryValue value) {
        return expect(value, value.asMultiString(), "a list of strings");
    }

    private static long number(RegistryValue value) {
        return expect(value, value.asLong(), "a number");
    }

    private static byte[] bytes(RegistryValue value) {
        return expect(value, value.data() instanceof byte[] b ? b : null, "bytes");
    }

    private static <T> T expect(RegistryValue value, T data, String what) {
        if (data == null) {
            throw new IllegalArgumentException("cannot write registry value " + value + ": " + value.type()
                    + " needs " + what);
        }
        return data;
    }
}
