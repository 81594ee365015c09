package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinReg;
import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.RegistryValue;
import dev.mapiagent.agent.host.RegistryValueType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.WINDOWS)
class WindowsRegistryTest {

    private static final String PARENT = "Software\\mapi-agent-tests";

    private final WindowsRegistry registry = new WindowsRegistry();
    private final String scratchName = UUID.randomUUID().toString();
    private final String scratch = PARENT + "\\" + scratchName;

    @AfterEach
    void removeScratchKey() {
        if (Advapi32Util.registryKeyExists(WinReg.HKEY_CURRENT_USER, scratch)) {
            Advapi32Util.registryDeleteKey(WinReg.HKEY_CURRENT_USER, PARENT, scratchName);
        }
        if (Advapi32Util.registryKeyExists(WinReg.HKEY_CURRENT_USER, PARENT)
                && Advapi32Util.registryGetKeys(WinReg.HKEY_CURRENT_USER, PARENT).length == 0) {
            Advapi32Util.registryDeleteKey(WinReg.HKEY_CURRENT_USER, PARENT);
        }
    }

    @Test
    void readsTheUsersCurrentVersionKey() {
        String key = "Software\\Microsoft\\Windows\\CurrentVersion";
        assertTrue(registry.keyExists(Hive.HKEY_CURRENT_USER, key));
        assertTrue(registry.subKeys(Hive.HKEY_CURRENT_USER, key).stream().anyMatch("Explorer"::equalsIgnoreCase));
    }

    @Test
    void readsMachineGuidFromThe64BitView() {
        Optional<String> guid = registry.string(Hive.HKEY_LOCAL_MACHINE, "SOFTWARE\\Microsoft\\Cryptography", "MachineGuid");
        assertTrue(guid.orElseThrow().matches("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), guid::get);
    }

    @Test
    void treatsAMissingKeyAsEmpty() {
        String missing = "Software\\mapi-agent-tests\\" + UUID.randomUUID();
        assertFalse(registry.keyExists(Hive.HKEY_CURRENT_USER, missing));
        assertEquals(List.of(), registry.values(Hive.HKEY_CURRENT_USER, missing));
        assertEquals(List.of(), registry.subKeys(Hive.HKEY_CURRENT_USER, missing));
        assertEquals(Optional.empty(), registry.value(Hive.HKEY_CURRENT_USER, missing, "x"));
    }

    @Test
    void setsADwordInANewKeyAndDeletesIt() {
        registry.setDword(Hive.HKEY_CURRENT_USER, scratch, "MapiHttpDisabled", 0xFFFFFFFFL);
        assertEquals(Optional.of(RegistryValue.dword("MapiHttpDisabled", 4294967295L)),
                registry.value(Hive.HKEY_CURRENT_USER, scratch, "MapiHttpDisabled"));

        registry.deleteValue(Hive.HKEY_CURRENT_USER, scratch, "MapiHttpDisabled");
        assertEquals(Optional.empty(), registry.value(Hive.HKEY_CURRENT_USER, scratch, "MapiHttpDisabled"));
        registry.deleteValue(Hive.HKEY_CURRENT_USER, scratch, "MapiHttpDisabled"); // absent: no error
    }

    @Test
    void keepsStringTypesApartAndReadsEmptyStrings() {
        Advapi32Util.registryCreateKey(WinReg.HKEY_CURRENT_USER, scratch);
        Advapi32Util.registrySetExpandableStringValue(WinReg.HKEY_CURRENT_USER, scratch, "Path", "%TEMP%\\x");
        Advapi32Util.registrySetStringValue(WinReg.HKEY_CURRENT_USER, scratch, "Empty", "");
        Advapi32Util.registrySetStringArray(WinReg.HKEY_CURRENT_USER, scratch, "Multi", new String[] {"a", "b"});

        List<RegistryValue> values = registry.values(Hive.HKEY_CURRENT_USER, scratch);

        assertTrue(values.contains(new RegistryValue("Path", RegistryValueType.REG_EXPAND_SZ, "%TEMP%\\x", 2)), values::toString);
        assertTrue(values.contains(RegistryValue.string("Empty", "")), values::toString);
        assertTrue(values.contains(new RegistryValue("Multi", RegistryValueType.REG_MULTI_SZ, List.of("a", "b"), 7)), values::toString);
    }
}
