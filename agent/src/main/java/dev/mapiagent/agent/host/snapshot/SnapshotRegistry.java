package dev.mapiagent.agent.host.snapshot;

import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.Registry;
import dev.mapiagent.agent.host.RegistryValue;
import dev.mapiagent.agent.host.RegistryValueType;
import dev.mapiagent.agent.host.snapshot.regfile.MemoryRegistry;
import dev.mapiagent.agent.host.snapshot.regfile.RegFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The registry of a snapshot: read from registry.reg, and every change written back to it at once,
 * in the file's own format. A change is made on a copy and kept only once the file is replaced, so
 * a failed write leaves both the file and what this registry answers as they were.
 */
public final class SnapshotRegistry implements Registry {

    private final Path file;
    private RegFile current;

    public SnapshotRegistry(Path file, RegFile content) {
        this.file = file;
        this.current = content;
    }

    @Override
    public boolean keyExists(Hive hive, String keyPath) {
        return current.registry().keyExists(hive, keyPath);
    }

    @Override
    public Optional<RegistryValue> value(Hive hive, String keyPath, String valueName) {
        return current.registry().value(hive, keyPath, valueName);
    }

    @Override
    public List<String> subKeys(Hive hive, String keyPath) {
        return current.registry().subKeys(hive, keyPath);
    }

    @Override
    public List<RegistryValue> values(Hive hive, String keyPath) {
        return current.registry().values(hive, keyPath);
    }

    @Override
    public void setDword(Hive hive, String keyPath, String valueName, long value) {
        boolean unchanged = value(hive, keyPath, valueName)
                .filter(v -> v.type() == RegistryValueType.REG_DWORD)
                .map(RegistryValue::asLong)
                .filter(old -> old == (value & 0xFFFFFFFFL))
                .isPresent();
        if (!unchanged) {
            change(registry -> registry.setDword(hive, keyPath, valueName, value));
        }
    }

    @Override
    public void deleteValue(Hive hive, String keyPath, String valueName) {
        if (value(hive, keyPath, valueName).isPresent()) {
            change(registry -> registry.deleteValue(hive, keyPath, valueName));
        }
    }

    private void change(Consumer<MemoryRegistry> edit) {
        MemoryRegistry next = current.registry().copy();
        edit.accept(next);
        RegFile changed = current.withRegistry(next);
        changed.write(file);
        current = changed;
    }
}
