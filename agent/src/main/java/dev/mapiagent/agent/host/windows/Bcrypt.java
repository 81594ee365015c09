package dev.mapiagent.agent.host.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.win32.StdCallLibrary;

/** Bcrypt.dll's BCryptGenRandom, which JNA Platform does not map. */
public interface Bcrypt extends StdCallLibrary {

    Bcrypt INSTANCE = Native.load("bcrypt", Bcrypt.class);

    /** Use the system-preferred random number generator; hAlgorithm must be NULL. */
    int BCRYPT_USE_SYSTEM_PREFERRED_RNG = 0x00000002;

    int STATUS_SUCCESS = 0;

    /**
     * {@code NTSTATUS BCryptGenRandom(BCRYPT_ALG_HANDLE hAlgorithm, PUCHAR pbBuffer, ULONG cbBuffer, ULONG dwFlags)}
     * (learn.microsoft.com/windows/win32/api/bcrypt/nf-bcrypt-bcryptgenrandom).
     */
    int BCryptGenRandom(Pointer hAlgorithm, byte[] pbBuffer, int cbBuffer, int dwFlags);
}
