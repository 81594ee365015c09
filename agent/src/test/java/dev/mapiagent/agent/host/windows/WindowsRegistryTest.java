package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinReg;
import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.RegistryValue;
import dev.mapiagent.agent.host.RegistryValueType;
import dev.mapiagent.agent.host.UnreadableKeyException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /** Another program rewriting a value bigger while it is read: RegQueryValueEx answers ERROR_MORE_DATA, read again. */
    @Test
    void readsAValueThatGrowsWhileItIsRead() throws Exception {
        Advapi32Util.registryCreateKey(WinReg.HKEY_CURRENT_USER, scratch);
        Advapi32Util.registrySetBinaryValue(WinReg.HKEY_CURRENT_USER, scratch, "Growing", new byte[1]);
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int size = 1; !done.get(); size = size % 65536 + 97) {
                Advapi32Util.registrySetBinaryValue(WinReg.HKEY_CURRENT_USER, scratch, "Growing", filled(size));
            }
        });
        writer.start();
        try {
            for (int i = 0; i < 2000; i++) {
                byte[] data = (byte[]) registry.value(Hive.HKEY_CURRENT_USER, scratch, "Growing").orElseThrow().data();
                assertTrue(Arrays.equals(filled(data.length), data), "a torn read of " + data.length + " bytes");
            }
        } finally {
            done.set(true);
            writer.join();
        }
    }

    @Test
    void listsSubkeysAndLeavesOutOneDeletedMeanwhile() throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            Advapi32Util.registryCreateKey(WinReg.HKEY_CURRENT_USER, scratch + "\\sub" + i);
        }
        assertEquals(50, registry.subKeys(Hive.HKEY_CURRENT_USER, scratch).size());

        Thread deleter = new Thread(() -> {
            for (int i = 49; i >= 25; i--) {
                Advapi32Util.registryDeleteKey(WinReg.HKEY_CURRENT_USER, scratch, "sub" + i);
            }
        });
        deleter.start();
        List<String> during = registry.subKeys(Hive.HKEY_CURRENT_USER, scratch);
        deleter.join();
        assertTrue(during.size() >= 25 && during.size() <= 50, during::toString);
        for (int i = 0; i < 25; i++) {
            Advapi32Util.registryDeleteKey(WinReg.HKEY_CURRENT_USER, scratch, "sub" + i);
        }
    }

    /** A key the user may not read is not "not set": the read fails saying so. */
    @Test
    void aKeyTheUserMayNotReadIsReportedUnreadable() throws Exception {
        Advapi32Util.registryCreateKey(WinReg.HKEY_CURRENT_USER, scratch);
        Advapi32Util.registrySetIntValue(WinReg.HKEY_CURRENT_USER, scratch, "MapiHttpDisabled", 1);
        powershell("$k='HKCU:\\" + scratch + "'; $a=Get-Acl $k; $a.SetAccessRuleProtection($true,$false);"
                + " @($a.Access) | ForEach-Object { [void]$a.RemoveAccessRule($_) };"
                + " $a.AddAccessRule((New-Object System.Security.AccessControl.RegistryAccessRule('SYSTEM','FullControl','Allow')));"
                + " Set-Acl $k $a");
        try {
            UnreadableKeyException e = assertThrows(UnreadableKeyException.class,
                    () -> registry.value(Hive.HKEY_CURRENT_USER, scratch, "MapiHttpDisabled"));
            assertTrue(e.getMessage().contains("may not read"), e.getMessage());
            assertTrue(registry.keyExists(Hive.HKEY_CURRENT_USER, scratch));
        } finally {
            // the owner may always rewrite the DACL: give the key back so that it can be deleted
            powershell("$k='HKCU:\\" + scratch + "'; $a=Get-Acl $k; $a.SetAccessRuleProtection($false,$false); Set-Acl $k $a");
        }
    }

    private static void powershell(String script) throws Exception {
        Process process = new ProcessBuilder("powershell", "-NoProfile", "-NonInteractive", "-Command", script)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
    }

    private static byte[] filled(int size) {
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) (size % 251));
        return data;
    }
}
