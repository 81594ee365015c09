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
import dev.mapiagent.agent.host.RegistryData;
import dev.mapiagent.agent.host.RegistryValue;
import dev.mapiagent.agent.host.UnreadableKeyException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The live registry. HKLM is opened in the 64-bit view (KEY_WOW64_64KEY) whatever the JVM's bitness, so
 * 32-bit Office is read under {@code SOFTWARE\Wow6432Node} explicitly, as regedit exports it. A key that is
 * missing counts as empty; one the user may not read is reported as such ({@link UnreadableKeyException}),
 * never as "not set". Writes ask Windows for KEY_SET_VALUE only: what a standard user is granted on HKCU.
 */
public final class WindowsRegistry implements Registry {

    /** Key names are at most 255 characters (Microsoft, "Registry element size limits"). */
    private static final int MAX_KEY_NAME = 255;

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
        return read(hive, keyPath, List.of(), WindowsRegistry::enumKeys);
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
        HKEYByReference phkResult = new HKEYByReference();
        int rc = Advapi32.INSTANCE.RegCreateKeyEx(root(hive), keyPath, 0, null, WinNT.REG_OPTION_NON_VOLATILE,
                WinNT.KEY_SET_VALUE | view(hive), null, phkResult, null);
        if (rc != WinError.ERROR_SUCCESS) {
            throw failure("write", hive, keyPath + "\\" + valueName, rc);
        }
        try {
            byte[] lpData = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array();
            rc = Advapi32.INSTANCE.RegSetValueEx(phkResult.getValue(), valueName, 0, WinNT.REG_DWORD, lpData, lpData.length);
            if (rc != WinError.ERROR_SUCCESS) {
                throw failure("write", hive, keyPath + "\\" + valueName, rc);
            }
        } finally {
            Advapi32.INSTANCE.RegCloseKey(phkResult.getValue());
        }
    }

    @Override
    public void deleteValue(Hive hive, String keyPath, String valueName) {
        HKEYByReference phkResult = new HKEYByReference();
        int rc = Advapi32.INSTANCE.RegOpenKeyEx(root(hive), keyPath, 0, WinNT.KEY_SET_VALUE | view(hive), phkResult);
        if (rc == WinError.ERROR_FILE_NOT_FOUND) {
            return; // the key is gone, and the value with it
        }
        if (rc != WinError.ERROR_SUCCESS) {
            throw failure("delete", hive, keyPath + "\\" + valueName, rc);
        }
        try {
            rc = Advapi32.INSTANCE.RegDeleteValue(phkResult.getValue(), valueName);
            if (rc != WinError.ERROR_SUCCESS && rc != WinError.ERROR_FILE_NOT_FOUND) {
                throw failure("delete", hive, keyPath + "\\" + valueName, rc);
            }
        } finally {
            Advapi32.INSTANCE.RegCloseKey(phkResult.getValue());
        }
    }

    /** Opens the key for reading, applies {@code read}, closes it; a missing key gives {@code absent}. */
    private static <T> T read(Hive hive, String keyPath, T absent, Function<HKEY, T> read) {
        HKEYByReference phkResult = new HKEYByReference();
        int rc = Advapi32.INSTANCE.RegOpenKeyEx(root(hive), keyPath, 0, WinNT.KEY_READ | view(hive), phkResult);
        if (rc == WinError.ERROR_FILE_NOT_FOUND) {
            return absent;
        }
        if (rc == WinError.ERROR_ACCESS_DENIED) {
            throw new UnreadableKeyException("registry " + hive.display(keyPath) + " exists but this user may not read it"
                    + " (" + Win32ErrorText.describe(rc) + "); what it holds is unknown");
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

    /**
     * Subkey names up to ERROR_NO_MORE_ITEMS. Another program may delete or add a subkey meanwhile: the
     * list then ends early or misses one, which a read at one moment may do, but it never fails.
     */
    private static List<String> enumKeys(HKEY hKey) {
        List<String> names = new ArrayList<>();
        char[] lpName = new char[MAX_KEY_NAME + 1];
        for (int dwIndex = 0; ; dwIndex++) {
            IntByReference lpcchName = new IntByReference(lpName.length);
            int rc = Advapi32.INSTANCE.RegEnumKeyEx(hKey, dwIndex, lpName, lpcchName, null, null, null, null);
            if (rc == WinError.ERROR_NO_MORE_ITEMS || rc == WinError.ERROR_KEY_DELETED) {
                return names;
            }
            if (rc != WinError.ERROR_SUCCESS) {
                throw new Win32Exception(rc);
            }
            names.add(new String(lpName, 0, lpcchName.getValue()));
        }
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
