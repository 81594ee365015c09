package dev.mapiagent.agent.host;

/** Registry value types, with the Win32 numbers. */
public enum RegistryValueType {
    REG_NONE(0),
    REG_SZ(1),
    REG_EXPAND_SZ(2),
    REG_BINARY(3),
    REG_DWORD(4),
    REG_MULTI_SZ(7),
    REG_QWORD(11);

    private final int win32;

    RegistryValueType(int win32) {
        this.win32 = win32;
    }

    public int win32() {
        return win32;
    }
}
