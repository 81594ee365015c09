package dev.mapiagent.agent.host.windows;

import com.sun.jna.Native;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * CredWriteW, bound for tests only: the agent never writes a credential, the Windows tests write a
 * throwaway one to have something to list and delete.
 */
interface WinCredWrite extends StdCallLibrary {

    WinCredWrite INSTANCE = Native.load("Advapi32", WinCredWrite.class, W32APIOptions.UNICODE_OPTIONS);

    /** {@code BOOL CredWriteW(PCREDENTIALW Credential, DWORD Flags)}. */
    boolean CredWriteW(CREDENTIAL Credential, int Flags);
}
