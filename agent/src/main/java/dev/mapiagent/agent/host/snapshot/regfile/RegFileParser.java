package dev.mapiagent.agent.host.snapshot.regfile;

import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.RegistryValue;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code regedit /e} format into a {@link MemoryRegistry}, applying deletions as regedit
 * would on import, and keeps the file's text in a {@link RegLayout}. Errors name the file and the
 * line, in one line.
 */
final class RegFileParser {

    private static final Set<String> OTHER_ROOTS = Set.of("HKEY_CLASSES_ROOT", "HKCR", "HKEY_USERS", "HKU",
            "HKEY_CURRENT_CONFIG", "HKCC", "HKEY_DYN_DATA", "HKEY_PERFORMANCE_DATA");

    private final String source;
    private final List<String> lines;
    private final RegFormat format;
    private final MemoryRegistry registry = new MemoryRegistry();
    private final List<RegLayout.Block> blocks = new ArrayList<>();
    private final Map<RegistryValue, List<String>> valueLines = new IdentityHashMap<>();
    private List<String> pending = new ArrayList<>();
    /** The key that value lines go to; null before the first section and after a [-KEY] line. */
    private KeyName currentKey;
    private int index;

    private record KeyName(Hive hive, String path) {
    }

    private RegFileParser(String source, List<String> lines, RegFormat format) {
        this.source = source;
        this.lines = lines;
        this.format = format;
    }

    static RegFile parse(byte[] content, String source) {
        SnapshotText.Decoded text = SnapshotText.decode(content, source);
        List<String> lines = text.lines();
        String header = lines.get(0).stripTrailing();
        if (!header.equals(RegFormat.VERSION_5) && !header.equals(RegFormat.VERSION_4)) {
            throw new BadSnapshotException(source + " line 1: expected the header \"" + RegFormat.VERSION_5
                    + "\" or \"" + RegFormat.VERSION_4 + "\", got " + shown(header));
        }
        RegFormat format = new RegFormat(header, text.charset(), text.byteOrderMark(), text.lineSeparator());
        return new RegFileParser(source, lines, format).parse();
    }

    private RegFile parse() {
        for (index = 1; index < lines.size(); index++) {
            String line = lines.get(index);
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith(";")) {
                pending.add(line);
            } else if (trimmed.startsWith("[")) {
                section(line, trimmed);
            } else if (trimmed.startsWith("\"") || trimmed.startsWith("@")) {
                value(line, trimmed);
            } else {
                throw error("expected \"name\"=value, got " + shown(trimmed));
            }
        }
        return new RegFile(format, registry, new RegLayout(blocks, valueLines, pending));
    }

    private void section(String line, String trimmed) {
        if (!trimmed.endsWith("]")) {
            throw error("expected [KEY], got " + shown(trimmed));
        }
        String inner = trimmed.substring(1, trimmed.length() - 1);
        boolean deletion = inner.startsWith("-");
        String name = deletion ? inner.substring(1) : inner;
        int slash = name.indexOf('\\');
        String root = (slash < 0 ? name : name.substring(0, slash)).toUpperCase(Locale.ROOT);
        String path = slash < 0 ? "" : name.substring(slash + 1);
        if (OTHER_ROOTS.contains(root)) {
            otherHiveSection(line);
            return;
        }
        Hive hive = hive(root).orElseThrow(() -> error("unknown registry root " + shown(root)
                + " in " + shown(trimmed) + ", expected HKEY_CURRENT_USER or HKEY_LOCAL_MACHINE"));
        if (deletion) {
            registry.deleteKey(hive, path);
            pending = new ArrayList<>();
            currentKey = null;
            return;
        }
        registry.createKey(hive, path);
        blocks.add(new RegLayout.KeySection(hive, path, take(line)));
        currentKey = new KeyName(hive, path);
    }

    /** Keeps a section of a hive the agent does not read, up to the next section, as text. */
    private void otherHiveSection(String line) {
        int end = index + 1;
        while (end < lines.size() && !lines.get(end).strip().startsWith("[")) {
            end++;
        }
        while (end > index + 1 && isTrivia(lines.get(end - 1))) {
            end--;
        }
        List<String> text = take(line);
        text.addAll(lines.subList(index + 1, end));
        blocks.add(new RegLayout.Verbatim(text));
        index = end - 1;
        currentKey = null;
    }

    private void value(String line, String trimmed) {
        if (currentKey == null) {
            throw error("a value must follow a [KEY] line, got " + shown(trimmed));
        }
        int at;
        String name;
        if (trimmed.startsWith("@")) {
            name = "";
            at = 1;
        } else {
            Quoted quoted = quoted(trimmed, 0);
            name = quoted.text();
            at = quoted.end();
        }
        at = skipSpaces(trimmed, at);
        if (at >= trimmed.length() || trimmed.charAt(at) != '=') {
            throw error("expected \"name\"=value, got " + shown(trimmed));
        }
        String data = trimmed.substring(skipSpaces(trimmed, at + 1));
        List<String> text = take(line);
        if (data.equals("-")) {
            registry.deleteValue(currentKey.hive(), currentKey.path(), name);
            return;
        }
        RegistryValue value = data(name, data, text);
        registry.put(currentKey.hive(), currentKey.path(), value);
        valueLines.put(value, text);
    }

    private RegistryValue data(String name, String data, List<String> text) {
        String lower = data.toLowerCase(Locale.ROOT);
        if (data.startsWith("\"")) {
            Quoted quoted = quoted(data, 0);
            String rest = data.substring(quoted.end()).strip();
            if (!rest.isEmpty() && !rest.startsWith(";")) {
                throw error("unexpected " + shown(rest) + " after the closing quote");
            }
            return RegistryValue.string(name, quoted.text());
        }
        if (lower.startsWith("dword:")) {
            String digits = data.substring("dword:".length()).strip();
            if (!digits.matches("[0-9a-fA-F]{1,8}")) {
                throw error("bad dword " + shown(data) + ", expected dword: and 8 hex digits");
            }
            return RegistryValue.dword(name, Long.parseLong(digits, 16));
        }
        if (lower.startsWith("hex:") || lower.startsWith("hex(")) {
            int colon = data.indexOf(':');
            int rawType = hexType(lower.substring(0, colon + 1), data);
            byte[] bytes = hexBytes(data.substring(colon + 1), text);
            return HexValues.decode(name, rawType, bytes, format);
        }
        throw error("unknown value type " + shown(data) + ", expected \"string\", dword:, hex: or hex(n):");
    }

    private int hexType(String prefix, String data) {
        if (prefix.equals("hex:")) {
            return HexValues.REG_BINARY;
        }
        if (!prefix.matches("hex\\([0-9a-f]{1,8}\\):")) {
            throw error("bad value type " + shown(data) + ", expected hex: or hex(n):");
        }
        return Integer.parseUnsignedInt(prefix.substring(4, prefix.length() - 2), 16);
    }

    /** Bytes "0a,ff,..." over as many lines as end in a backslash; those lines join the value's text. */
    private byte[] hexBytes(String first, List<String> text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String segment = first.strip();
        while (true) {
            boolean continued = segment.endsWith("\\");
            if (continued) {
                segment = segment.substring(0, segment.length() - 1).strip();
            }
            hexLine(segment, continued, bytes);
            if (!continued) {
                return bytes.toByteArray();
            }
            index++;
            if (index >= lines.size()) {
                index--;
                throw error("hex data continues past the end of the file");
            }
            text.add(lines.get(index));
            segment = lines.get(index).strip();
        }
    }

    private void hexLine(String segment, boolean continued, ByteArrayOutputStream bytes) {
        if (segment.isEmpty()) {
            return;
        }
        String[] tokens = segment.split(",", -1);
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i].strip();
            boolean commaBeforeBackslash = token.isEmpty() && continued && i == tokens.length - 1;
            if (commaBeforeBackslash) {
                continue;
            }
            if (!token.matches("[0-9a-fA-F]{1,2}")) {
                throw error("bad hex byte " + shown(token) + " in " + shown(segment));
            }
            bytes.write(Integer.parseInt(token, 16));
        }
    }

    private record Quoted(String text, int end) {
    }

    /** A "..." string starting at {@code start}: \\ and \" as regedit writes them, \n \r \0 as Wine does. */
    private Quoted quoted(String s, int start) {
        StringBuilder text = new StringBuilder();
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return new Quoted(text.toString(), i + 1);
            }
            if (c == '\\') {
                if (i + 1 >= s.length()) {
                    break;
                }
                char escaped = s.charAt(++i);
                text.append(switch (escaped) {
                    case '\\', '"' -> escaped;
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    default -> throw error("unknown escape \\" + escaped + " in " + shown(s)
                            + " (a backslash is written \\\\)");
                });
            } else {
                text.append(c);
            }
        }
        throw error("unterminated string " + shown(s));
    }

    private static Optional<Hive> hive(String root) {
        for (Hive hive : Hive.values()) {
            if (hive.name().equals(root) || hive.shortName().equals(root)) {
                return Optional.of(hive);
            }
        }
        return Optional.empty();
    }

    /** The pending blank and comment lines plus this line: the text of the next item. */
    private List<String> take(String line) {
        List<String> text = pending;
        text.add(line);
        pending = new ArrayList<>();
        return text;
    }

    private static boolean isTrivia(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() || trimmed.startsWith(";");
    }

    private static int skipSpaces(String s, int at) {
        while (at < s.length() && (s.charAt(at) == ' ' || s.charAt(at) == '\t')) {
            at++;
        }
        return at;
    }

    private BadSnapshotException error(String message) {
        return new BadSnapshotException(source + " line " + (index + 1) + ": " + message);
    }

    /**
     * Bad input quoted for a one-line message: in single quotes, as .reg text is full of double
     * ones; control characters escaped, long text cut.
     */
    private static String shown(String text) {
        String cut = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        StringBuilder out = new StringBuilder("'");
        cut.chars().forEach(c -> out.append(c < 0x20 ? String.format("\\x%02x", c) : String.valueOf((char) c)));
        return out.append('\'').toString();
    }
}
