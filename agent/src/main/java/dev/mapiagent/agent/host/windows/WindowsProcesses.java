package dev.mapiagent.agent.host.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Shell32;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinDef.LPARAM;
import com.sun.jna.platform.win32.WinDef.WPARAM;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.platform.win32.Tlhelp32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.ProcessInfo;
import dev.mapiagent.agent.host.Processes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes of this PC from a Toolhelp snapshot. A process whose session Windows will not tell
 * (ProcessIdToSessionId needs query access, which system processes refuse) gets session
 * {@link #UNKNOWN_SESSION}, so it never matches the agent's own session.
 */
public final class WindowsProcesses implements Processes {

    public static final int UNKNOWN_SESSION = -1;

    /** The class of Outlook's explorer and inspector windows. */
    static final String OUTLOOK_WINDOW_CLASS = "rctrl_renwnd32";

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

    /**
     * Posts WM_CLOSE to the process's Outlook windows (class {@code rctrl_renwnd32}), as the close
     * button does, and waits for the process to exit. Never TerminateProcess: a killed Outlook
     * checks its data files on the next start.
     */
    @Override
    public boolean closeGracefully(ProcessInfo process, Duration wait) {
        HANDLE hProcess = Kernel32.INSTANCE.OpenProcess(WinNT.SYNCHRONIZE, false, process.pid());
        if (hProcess == null) {
            return !isRunning(process.pid());
        }
        try {
            List<HWND> windows = outlookWindowsOf(process.pid());
            if (windows.isEmpty()) {
                return false;
            }
            for (HWND hWnd : windows) {
                User32.INSTANCE.PostMessage(hWnd, WinUser.WM_CLOSE, new WPARAM(0), new LPARAM(0));
            }
            int dwMilliseconds = (int) Math.min(Integer.MAX_VALUE, wait.toMillis());
            return Kernel32.INSTANCE.WaitForSingleObject(hProcess, dwMilliseconds) == WinBase.WAIT_OBJECT_0;
        } finally {
            Kernel32.INSTANCE.CloseHandle(hProcess);
        }
    }

    /** ShellExecute resolves "OUTLOOK.EXE" through App Paths and starts it unelevated in this session. */
    @Override
    public void start(String executable) {
        long result = Shell32.INSTANCE.ShellExecute(null, "open", executable, null, null, WinUser.SW_SHOWNORMAL)
                .longValue();
        if (result <= 32) {
            throw new HostException("could not start " + executable + ": ShellExecute returned " + result);
        }
    }

    private static List<HWND> outlookWindowsOf(int pid) {
        List<HWND> windows = new ArrayList<>();
        User32.INSTANCE.EnumWindows((hWnd, data) -> {
            IntByReference lpdwProcessId = new IntByReference();
            User32.INSTANCE.GetWindowThreadProcessId(hWnd, lpdwProcessId);
            if (lpdwProcessId.getValue() == pid) {
                char[] lpClassName = new char[64];
                int length = User32.INSTANCE.GetClassName(hWnd, lpClassName, lpClassName.length);
                if (OUTLOOK_WINDOW_CLASS.equals(new String(lpClassName, 0, length))) {
                    windows.add(hWnd);
                }
            }
            return true;
        }, null);
        return windows;
    }

    private boolean isRunning(int pid) {
        return list().stream().anyMatch(p -> p.pid() == pid);
    }

    private static int sessionOf(int dwProcessId) {
        IntByReference pSessionId = new IntByReference();
        return Kernel32.INSTANCE.ProcessIdToSessionId(dwProcessId, pSessionId) ? pSessionId.getValue() : UNKNOWN_SESSION;
    }
}
