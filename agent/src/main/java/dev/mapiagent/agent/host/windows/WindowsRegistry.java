package dev.mapiagent.agent.host.windows;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.platform.win32.WinReg.HKEY;
import com.sun.jna.platform.win32.WinReg.HKEYByReference;
import com.sun.jna.ptr.IntByReference;
import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.Registry;
import dev.mapiagent.agent.host.RegistryValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The live registry. HKLM is opened in the 64-bit view (KEY_WOW64_64KEY) whatever the JVM's bitness, so
 * 32-bit Office is read under {@code SOFTWARE\Wow6432Node} explicitly, as regedit exports it. A key that is
 * missing or that the user may not read counts as empty: the agent diagnoses, it does not crash on one key.
 */
public final class WindowsRegistry implements Registry {

    @Override
    public boolean keyExists(Hive hive, String keyPath) {
        HKEYByReference phkResult = new HKEYByReference();
        int rc = Advapi32.INSTANCE.RegOpenKeyEx(root(hive), keyPath, 0, WinNT.KEY_READ | view(hive), phkResult);
        if (rc == WinError.ERROR_SUCCESS) {
            Advapi32.INSTANCE.RegCloseKey(phkResult.getValue());
            return true;
        }
        if (rc == WinError.ERROR_ACCESS_DENIED) {
            return true; // Windows found the key, it only refused to open it
        }
        if (rc == WinError.ERROR_FILE_NOT_FOUND) {
            return false;
        }
        throw failure("read", hive, keyPath, rc);
    }

    @Override
    public Optional<RegistryValue> value(Hive hive, String keyPath, String valueName) {
        return read(hive, keyPath, Optional.empty(), hKey -> queryValue(hKey, valueName));
    }

    @Override
    public List<String> subKeys(Hive hive, String keyPath) {
        return read(hive, keyPath, List.of(), hKey -> Arrays.asList(Advapi32Util.registryGetKeys(hKey)));
    }

    @Override
    public List<RegistryValue> values(Hive hive, String keyPath) {
        return read(hive, keyPath, List.of(), WindowsRegistry::enumValues);
    }

    @Override
    public void setDword(Hive hive, String keyPath, String valueName, long value) {
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("a REG_DWORD holds 0 to 4294967295, not " + value);
        }
        try {
            Advapi32Util.registryCreateKey(root(hive), keyPath, view(hive));
            Advapi32Util.registrySetIntValue(root(hive), keyPath, valueName, (int) value, view(hive));
        } catch (Win32Exception e) {
            throw failure("write", hive, keyPath + "\\" + valueName, e.getErrorCode());
        }
    }

    @Override
    public void deleteValue(Hive hive, String keyPath, String valueName) {
        try {
            Advapi32Util.registryDeleteValue(root(hive), keyPath, valueName, view(hive));
        } catch (Win32Exception e) {
            if (e.getErrorCode() != WinError.ERROR_FILE_NOT_FOUND) { // key or value already gone: nothing to do
                throw failure("delete", hive, keyPath + "\\" + valueName, e.getErrorCode());
            }
        }
    }

    /** Opens the key for reading, applies {@code read}, closes it; missing or unreadable gives {@code absent}. */
    private static <T> T read(Hive hive, String keyPath, T absent, Function<HKEY, T> read) {
        HKEYByReference phkResult = new HKEYByReference();
        int rc = Advapi32.INSTANCE.RegOpenKeyEx(root(hive), keyPath, 0, WinNT.KEY_READ | view(hive), phkResult);
        if (rc == WinError.ERROR_FILE_NOT_FOUND || rc == WinError.ERROR_ACCESS_DENIED) {
            return absent;
        }
        if (rc != WinError.ERROR_SUCCESS) {
            throw failure("read", hive, keyPath, rc);
        }
        try {
            return read.apply(phkResult.getValue());
        } catch (Win32Exception e) {
            throw failure("read", hive, keyPath, e.getErrorCode());
        } finally {
            Advapi32.INSTANCE.RegCloseKey(phkResult.getValue());
        }
    }

    private static Optional<RegistryValue> queryValue(HKEY hKey, String lpValueName) {
        IntByReference lpType = new IntByReference();
        IntByReference lpcbData = new IntByReference();
        int rc = Advapi32.INSTANCE.RegQueryValueEx(hKey, lpValueName, 0, lpType, (byte[]) null, lpcbData);
        // the value may grow between asking its size and reading it: ERROR_MORE_DATA gives the new size
        while (rc == WinError.ERROR_SUCCESS || rc == WinError.ERROR_MORE_DATA) {
            byte[] lpData = new byte[Math.max(1, lpcbData.getValue())];
            lpcbData.setValue(lpData.length);
            rc = Advapi32.INSTANCE.RegQueryValueEx(hKey, lpValueName, 0, lpType, lpData, lpcbData);
            if (rc == WinError.ERROR_SUCCESS) {
                return Optional.of(RegistryData.decode(lpValueName, lpType.getValue(),
                        Arrays.copyOf(lpData, lpcbData.getValue())));
            }
        }
        if (rc == WinError.ERROR_FILE_NOT_FOUND) {
            return Optional.empty();
        }
        throw new Win32Exception(rc);
    }

    private static List<RegistryValue> enumValues(HKEY hKey) {
        Advapi32Util.InfoKey info = Advapi32Util.registryQueryInfoKey(hKey, 0);
        int maxName = info.lpcMaxValueNameLen.getValue() + 1;
        int maxData = Math.max(1, info.lpcMaxValueLen.getValue());
        List<RegistryValue> values = new ArrayList<>();
        for (int dwIndex = 0; ; ) {
            char[] lpValueName = new char[maxName];
            IntByReference lpcchValueName = new IntByReference(maxName);
            IntByReference lpType = new IntByReference();
            byte[] lpData = new byte[maxData];
            IntByReference lpcbData = new IntByReference(maxData);
            int rc = Advapi32.INSTANCE.RegEnumValue(hKey, dwIndex, lpValueName, lpcchValueName, null, lpType,
                    lpData, lpcbData);
            if (rc == WinError.ERROR_NO_MORE_ITEMS) {
                return values;
            }
            if (rc == WinError.ERROR_MORE_DATA) { // a value grew since RegQueryInfoKey: retry this index bigger
                maxName = Math.max(maxName, lpcchValueName.getValue() + 1) * 2;
                maxData = Math.max(maxData, lpcbData.getValue()) * 2;
                continue;
            }
            if (rc != WinError.ERROR_SUCCESS) {
                throw new Win32Exception(rc);
            }
            String name = new String(lpValueName, 0, lpcchValueName.getValue());
            values.add(RegistryData.decode(name, lpType.getValue(), Arrays.copyOf(lpData, lpcbData.getValue())));
            dwIndex++;
        }
    }

    private static HKEY root(Hive hive) {
        return switch (hive) {
            case HKEY_CURRENT_USER -> WinReg.HKEY_CURRENT_USER;
            case HKEY_LOCAL_MACHINE -> WinReg.HKEY_LOCAL_MACHINE;
        };
    }

    /** The 64-bit view for HKLM; HKCU\Software is not redirected, so it is opened as is. */
    private static int view(Hive hive) {
        return hive == Hive.HKEY_LOCAL_MACHINE ? WinNT.KEY_WOW64_64KEY : 0;
    }

    private static HostException failure(String verb, Hive hive, String path, int error) {
        return new HostException("could not " + verb + " registry " + hive.display(path) + ": "
                + Win32ErrorText.describe(error));
    }
}
