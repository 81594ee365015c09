package dev.mapiagent.agent.host.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import dev.mapiagent.agent.host.ExecutionContext;
import dev.mapiagent.agent.host.HostException;

/**
 * Reads who the agent's process runs as from its token. The SID is turned into text without
 * LookupAccountSid, which may wait on a domain controller at logon.
 */
final class ProcessToken {

    private ProcessToken() {
    }

    static ExecutionContext current(int sessionId) {
        HANDLEByReference TokenHandle = new HANDLEByReference();
        if (!Advapi32.INSTANCE.OpenProcessToken(Kernel32.INSTANCE.GetCurrentProcess(), WinNT.TOKEN_QUERY, TokenHandle)) {
            throw failure("open");
        }
        HANDLE hToken = TokenHandle.getValue();
        try {
            return new ExecutionContext(userSid(hToken), sessionId, elevated(hToken));
        } finally {
            Kernel32.INSTANCE.CloseHandle(hToken);
        }
    }

    private static String userSid(HANDLE hToken) {
        IntByReference ReturnLength = new IntByReference();
        // the first call only says how big TOKEN_USER with its SID is (ERROR_INSUFFICIENT_BUFFER)
        Advapi32.INSTANCE.GetTokenInformation(hToken, WinNT.TOKEN_INFORMATION_CLASS.TokenUser, null, 0, ReturnLength);
        WinNT.TOKEN_USER user = new WinNT.TOKEN_USER(Math.max(1, ReturnLength.getValue()));
        if (!Advapi32.INSTANCE.GetTokenInformation(hToken, WinNT.TOKEN_INFORMATION_CLASS.TokenUser, user,
                ReturnLength.getValue(), ReturnLength)) {
            throw failure("read the user of");
        }
        return Advapi32Util.convertSidToStringSid(user.User.Sid);
    }

    private static boolean elevated(HANDLE hToken) {
        WinNT.TOKEN_ELEVATION elevation = new WinNT.TOKEN_ELEVATION();
        IntByReference ReturnLength = new IntByReference();
        if (!Advapi32.INSTANCE.GetTokenInformation(hToken, WinNT.TOKEN_INFORMATION_CLASS.TokenElevation, elevation,
                elevation.size(), ReturnLength)) {
            throw failure("read the elevation of");
        }
        return elevation.TokenIsElevated != 0;
    }

    private static HostException failure(String verb) {
        return new HostException("could not " + verb + " the agent's process token: "
                + Win32ErrorText.describe(Native.getLastError()));
    }
}
