package dev.mapiagent.agent.host;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Windows credential types (wincred.h CRED_TYPE_*), with the names used in credentials.json. */
public enum CredentialType {
    GENERIC(1),
    DOMAIN_PASSWORD(2),
    DOMAIN_CERTIFICATE(3),
    DOMAIN_VISIBLE_PASSWORD(4),
    GENERIC_CERTIFICATE(5),
    DOMAIN_EXTENDED(6);

    private final int win32;

    CredentialType(int win32) {
        this.win32 = win32;
    }

    public int win32() {
        return win32;
    }

    /** "generic", "domain_password", ... as in credentials.json and reports. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CredentialType> byJsonName(String name) {
        return Arrays.stream(values()).filter(t -> t.jsonName().equalsIgnoreCase(name)).findFirst();
    }

    public static Optional<CredentialType> byWin32(int value) {
        return Arrays.stream(values()).filter(t -> t.win32 == value).findFirst();
    }
}
