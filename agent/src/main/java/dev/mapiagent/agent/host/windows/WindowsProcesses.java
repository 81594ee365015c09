package dev.mapiagent.agent.host.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Tlhelp32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.ProcessInfo;
import dev.mapiagent.agent.host.Processes;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes of this PC from a Toolhelp snapshot. A process whose session Windows will not tell
 * (ProcessIdToSessionId needs query access, which system processes refuse) gets session
 * {@link #UNKNOWN_SESSION}, so it never matches the agent's own session.
 */
public final class WindowsProcesses implements Processes {

    public static final int UNKNOWN_SESSION = -1;

    @Override
    public List<ProcessInfo> list() {
        HANDLE hSnapshot = Kernel32.INSTANCE.CreateToolhelp32Snapshot(Tlhelp32.TH32CS_SNAPPROCESS, new DWORD(0));
        if (hSnapshot == null || WinBase.INVALID_HANDLE_VALUE.equals(hSnapshot)) {
            throw new HostException("could not list processes: " + Win32ErrorText.describe(Native.getLastError()));
        }
        try {
            List<ProcessInfo> processes = new ArrayList<>();
            Tlhelp32.PROCESSENTRY32.ByReference lppe = new Tlhelp32.PROCESSENTRY32.ByReference();
            for (boolean more = Kernel32.INSTANCE.Process32First(hSnapshot, lppe); more;
                    more = Kernel32.INSTANCE.Process32Next(hSnapshot, lppe)) {
                int pid = lppe.th32ProcessID.intValue();
                processes.add(new ProcessInfo(Native.toString(lppe.szExeFile), pid, sessionOf(pid)));
            }
            return processes;
        } finally {
            Kernel32.INSTANCE.CloseHandle(hSnapshot);
        }
    }

    @Override
    public int currentSessionId() {
        int session = sessionOf(Kernel32.INSTANCE.GetCurrentProcessId());
        if (session == UNKNOWN_SESSION) {
            throw new HostException("could not read the agent's own Windows session: "
                    + Win32ErrorText.describe(Native.getLastError()));
        }
        return session;
    }

    private static int sessionOf(int dwProcessId) {
        IntByReference pSessionId = new IntByReference();
        return Kernel32.INSTANCE.ProcessIdToSessionId(dwProcessId, pSessionId) ? pSessionId.getValue() : UNKNOWN_SESSION;
    }
}
