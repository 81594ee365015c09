package dev.mapiagent.agent.host;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Credential persistence (wincred.h CRED_PERSIST_*). */
public enum CredentialPersist {
    NONE(0),
    SESSION(1),
    LOCAL_MACHINE(2),
    ENTERPRISE(3);

    private final int win32;

    CredentialPersist(int win32) {
        this.win32 = win32;
    }

    public int win32() {
        return win32;
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CredentialPersist> byJsonName(String name) {
        return Arrays.stream(values()).filter(p -> p.jsonName().equalsIgnoreCase(name)).findFirst();
    }

    public static Optional<CredentialPersist> byWin32(int value) {
        return Arrays.stream(values()).filter(p -> p.win32 == value).findFirst();
    }
}
