package dev.mapiagent.agent.host.snapshot.regfile;

import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.Registry;
import dev.mapiagent.agent.host.RegistryValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A registry held in memory, case-insensitive like Windows, keeping the original spelling and the
 * order of keys and values so that a .reg file written back differs only where it was changed.
 */
public final class MemoryRegistry implements Registry {

    private final Map<String, Key> keys = new LinkedHashMap<>();

    /** One key: its path as first spelled and its values in order. */
    public static final class Key {
        private final Hive hive;
        private final String path;
        private final Map<String, RegistryValue> values = new LinkedHashMap<>();

        Key(Hive hive, String path) {
            this.hive = hive;
            this.path = path;
        }

        public Hive hive() {
            return hive;
        }

        public String path() {
            return path;
        }

        public List<RegistryValue> values() {
            return List.copyOf(values.values());
        }
    }

    /** Every key in insertion order, for writing back. */
    public List<Key> keys() {
        return List.copyOf(keys.values());
    }

    /** The key when it has an entry of its own (not merely implied by a subkey). */
    public Optional<Key> key(Hive hive, String keyPath) {
        return find(hive, keyPath);
    }

    /**
     * An independent copy holding the same (immutable) values in the same order: a change is
     * made on a copy and kept only once it is safely on disk.
     */
    public MemoryRegistry copy() {
        MemoryRegistry copy = new MemoryRegistry();
        for (Key key : keys.values()) {
            copy.createKey(key.hive, key.path).values.putAll(key.values);
        }
        return copy;
    }

    /** Creates the key (and nothing else) when missing, returns it. */
    public Key createKey(Hive hive, String keyPath) {
        String path = normalise(keyPath);
        return keys.computeIfAbsent(id(hive, path), k -> new Key(hive, path));
    }

    /** Deletes the key and all its subkeys, as a "[-KEY]" line in a .reg file does. */
    public void deleteKey(Hive hive, String keyPath) {
        String prefix = id(hive, normalise(keyPath));
        keys.keySet().removeIf(k -> k.equals(prefix) || k.startsWith(prefix + "\\"));
    }

    public void put(Hive hive, String keyPath, RegistryValue value) {
        createKey(hive, keyPath).values.put(value.name().toLowerCase(Locale.ROOT), value);
    }

    @Override
    public boolean keyExists(Hive hive, String keyPath) {
        return find(hive, keyPath).isPresent() || !subKeys(hive, keyPath).isEmpty();
    }

    @Override
    public Optional<RegistryValue> value(Hive hive, String keyPath, String valueName) {
        return find(hive, keyPath).map(k -> k.values.get(valueName.toLowerCase(Locale.ROOT)));
    }

    @Override
    public List<String> subKeys(Hive hive, String keyPath) {
        String prefix = id(hive, normalise(keyPath)) + "\\";
        List<String> names = new ArrayList<>();
        for (Key key : keys.values()) {
            String id = id(key.hive, key.path);
            if (id.startsWith(prefix)) {
                String rest = key.path.substring(key.path.length() - (id.length() - prefix.length()));
                String child = rest.split("\\\\", 2)[0];
                if (names.stream().noneMatch(child::equalsIgnoreCase)) {
                    names.add(child);
                }
            }
        }
        return names;
    }

    @Override
    public List<RegistryValue> values(Hive hive, String keyPath) {
        return find(hive, keyPath).map(Key::values).orElse(List.of());
    }

    @Override
    public void setDword(Hive hive, String keyPath, String valueName, long value) {
        Key key = createKey(hive, keyPath);
        RegistryValue existing = key.values.get(valueName.toLowerCase(Locale.ROOT));
        String name = existing != null ? existing.name() : valueName;
        key.values.put(valueName.toLowerCase(Locale.ROOT), RegistryValue.dword(name, value));
    }

    @Override
    public void deleteValue(Hive hive, String keyPath, String valueName) {
        find(hive, keyPath).ifPresent(k -> k.values.remove(valueName.toLowerCase(Locale.ROOT)));
    }

    private Optional<Key> find(Hive hive, String keyPath) {
        return Optional.ofNullable(keys.get(id(hive, normalise(keyPath))));
    }

    private static String normalise(String keyPath) {
        String p = keyPath.replace('/', '\\');
        while (p.startsWith("\\")) {
            p = p.substring(1);
        }
        while (p.endsWith("\\")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static String id(Hive hive, String path) {
        return hive.name() + "\\" + path.toLowerCase(Locale.ROOT);
    }
}
