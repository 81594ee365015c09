package dev.mapiagent.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.Registry;
import dev.mapiagent.agent.host.RegistryValue;
import dev.mapiagent.agent.host.UnreadableKeyException;
import dev.mapiagent.agent.host.snapshot.regfile.MemoryRegistry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotExportRegistryTest {

    private static final String OUTLOOK = "SOFTWARE\\Microsoft\\Office\\16.0\\Outlook";

    /** The live registry refuses one subkey to the user: the snapshot leaves it out and keeps the rest. */
    @Test
    void aKeyTheUserMayNotReadIsLeftOutOfTheSnapshot() {
        MemoryRegistry live = new MemoryRegistry();
        live.put(Hive.HKEY_LOCAL_MACHINE, OUTLOOK, RegistryValue.string("Bitness", "x64"));
        live.put(Hive.HKEY_LOCAL_MACHINE, OUTLOOK + "\\Addins", RegistryValue.dword("LoadBehavior", 3));
        live.put(Hive.HKEY_LOCAL_MACHINE, OUTLOOK + "\\Restricted", RegistryValue.dword("Secret", 1));

        MemoryRegistry copy = SnapshotExport.copyRegistry(refusing(live, OUTLOOK + "\\Restricted"));

        assertEquals(Optional.of("x64"), copy.string(Hive.HKEY_LOCAL_MACHINE, OUTLOOK, "Bitness"));
        assertEquals(Optional.of(3L), copy.number(Hive.HKEY_LOCAL_MACHINE, OUTLOOK + "\\Addins", "LoadBehavior"));
        assertFalse(copy.keyExists(Hive.HKEY_LOCAL_MACHINE, OUTLOOK + "\\Restricted"));
    }

    /** As WindowsRegistry answers for a key whose DACL does not grant the user read access. */
    private static Registry refusing(MemoryRegistry registry, String unreadable) {
        return new Registry() {
            @Override public boolean keyExists(Hive hive, String keyPath) { return registry.keyExists(hive, keyPath); }
            @Override public Optional<RegistryValue> value(Hive hive, String keyPath, String valueName) {
                check(keyPath);
                return registry.value(hive, keyPath, valueName);
            }
            @Override public List<String> subKeys(Hive hive, String keyPath) {
                check(keyPath);
                return registry.subKeys(hive, keyPath);
            }
            @Override public List<RegistryValue> values(Hive hive, String keyPath) {
                check(keyPath);
                return registry.values(hive, keyPath);
            }
            @Override public void setDword(Hive hive, String keyPath, String valueName, long value) {
                throw new UnsupportedOperationException();
            }
            @Override public void deleteValue(Hive hive, String keyPath, String valueName) {
                throw new UnsupportedOperationException();
            }

            private void check(String keyPath) {
                if (keyPath.equalsIgnoreCase(unreadable)) {
                    throw new UnreadableKeyException("registry HKLM\\" + keyPath + " exists but this user may not read it");
                }
            }
        };
    }
}
