package dev.mapiagent.agent.host.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The Credential Manager functions of Advapi32 (wincred.h), which JNA Platform does not map. Modelled on
 * Microsoft's own {@code CredAdvapi32} (credential-secure-storage-for-java). Functions and parameters keep
 * Microsoft's names so they can be checked against the Win32 documentation; the W functions are named
 * explicitly and UNICODE_OPTIONS passes every String as LPCWSTR.
 *
 * <p>Deliberately absent: CredRead and CredWrite. The agent lists and deletes credentials, it never
 * reads or writes a secret.
 */
public interface WinCred extends StdCallLibrary {

    WinCred INSTANCE = Native.load("Advapi32", WinCred.class, W32APIOptions.UNICODE_OPTIONS);

    int CRED_TYPE_GENERIC = 1;
    int CRED_TYPE_DOMAIN_PASSWORD = 2;
    int CRED_TYPE_DOMAIN_CERTIFICATE = 3;
    int CRED_TYPE_DOMAIN_VISIBLE_PASSWORD = 4;
    int CRED_TYPE_GENERIC_CERTIFICATE = 5;
    int CRED_TYPE_DOMAIN_EXTENDED = 6;

    int CRED_PERSIST_NONE = 0;
    int CRED_PERSIST_SESSION = 1;
    int CRED_PERSIST_LOCAL_MACHINE = 2;
    int CRED_PERSIST_ENTERPRISE = 3;

    /** CredEnumerateW found nothing for the filter, CredDeleteW found no such credential. */
    int ERROR_NOT_FOUND = 1168;
    /** A network logon session has no credential set: the agent does not run as the signed-in user. */
    int ERROR_NO_SUCH_LOGON_SESSION = 1312;

    /**
     * {@code BOOL CredEnumerateW(LPCWSTR Filter, DWORD Flags, DWORD *Count, PCREDENTIALW **Credential)}.
     * Filter null enumerates every credential of the logon session; Flags 0 returns TargetName as stored
     * (without the {@code LegacyGeneric:target=} form CRED_ENUMERATE_ALL_CREDENTIALS would give). The
     * array in Credential is one block that must be released with {@link #CredFree}.
     */
    boolean CredEnumerateW(String Filter, int Flags, IntByReference Count, PointerByReference Credential);

    /** {@code VOID CredFree(PVOID Buffer)}. */
    void CredFree(Pointer Buffer);

    /** {@code BOOL CredDeleteW(LPCWSTR TargetName, DWORD Type, DWORD Flags)}; Flags is reserved, 0. */
    boolean CredDeleteW(String TargetName, int Type, int Flags);
}
