package dev.mapiagent.installer;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What {@code reg query KEY [/s]} prints, read back: each key with its values (names compared without case). */
final class RegQuery {

    /** One value as reg prints it: its type name and its data as text (REG_DWORD as 0x…, REG_BINARY as hex). */
    record Value(String type, String data) {
    }

    private RegQuery() {
    }

    /** The values of one key, or empty when the key does not exist. */
    static Optional<Map<String, Value>> key(Wine wine, String key) throws IOException {
        Wine.Result result = wine.run("reg", "query", key);
        if (result.exitCode() != 0) {
            return Optional.empty();
        }
        // Wine prints nothing at all for an existing key without values.
        return Optional.of(parse(result.stdout()).values().stream().findFirst().orElse(Map.of()));
    }

    /** One value, or empty when it or its key does not exist. */
    static Optional<Value> value(Wine wine, String key, String name) throws IOException {
        return key(wine, key).map(values -> values.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Every key below {@code key} (and itself) with its values. */
    static Map<String, Map<String, Value>> tree(Wine wine, String key) throws IOException {
        return parse(wine.run("reg", "query", key, "/s").expectSuccess("reg query " + key + " /s").stdout());
    }

    /**
     * Key lines ("HKEY_…"), then value lines: four spaces, name, four spaces, type, four spaces, data
     * ("(Default)" names the default value, read here as the empty name).
     */
    static Map<String, Map<String, Value>> parse(String output) {
        Map<String, Map<String, Value>> keys = new LinkedHashMap<>();
        Map<String, Value> current = null;
        for (String line : output.split("\r?\n")) {
            if (line.startsWith("HKEY_")) {
                current = new LinkedHashMap<>();
                keys.put(line.strip(), current);
            } else if (line.startsWith("    ") && current != null) {
                String[] parts = line.substring(4).split(" {4}", 3);
                String name = parts[0].equals("(Default)") ? "" : parts[0];
                current.put(name.toLowerCase(Locale.ROOT), new Value(parts[1], parts.length > 2 ? parts[2] : ""));
            }
        }
        return keys;
    }
}
