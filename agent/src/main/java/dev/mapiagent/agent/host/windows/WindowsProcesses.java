package dev.mapiagent.agent.host.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.Ole32;
import com.sun.jna.platform.win32.Shell32;
import com.sun.jna.platform.win32.Tlhelp32;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.W32Errors;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinDef.LPARAM;
import com.sun.jna.platform.win32.WinDef.WPARAM;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HRESULT;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.ptr.IntByReference;
import dev.mapiagent.agent.host.CloseOutcome;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.ProcessInfo;
import dev.mapiagent.agent.host.Processes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

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

    @Override
    public Optional<String> imagePath(ProcessInfo process) {
        HANDLE hProcess = Kernel32.INSTANCE.OpenProcess(WinNT.PROCESS_QUERY_LIMITED_INFORMATION, false, process.pid());
        if (hProcess == null) {
            return Optional.empty();
        }
        try {
            return imagePathOf(hProcess);
        } finally {
            Kernel32.INSTANCE.CloseHandle(hProcess);
        }
    }

    /**
     * Posts WM_CLOSE to the process's Outlook windows (class {@code rctrl_renwnd32}), as the close
     * button does, and waits for the process to exit. Never TerminateProcess: a killed Outlook
     * checks its data files on the next start. Nothing is posted when the id now runs another program,
     * or when a visible Outlook window is disabled: a modal dialog is open, and a close queued behind it
     * would happen whenever the user answers it, with nothing left to start Outlook again.
     */
    @Override
    public CloseOutcome closeGracefully(ProcessInfo process, Duration wait) {
        HANDLE hProcess = Kernel32.INSTANCE.OpenProcess(WinNT.SYNCHRONIZE | WinNT.PROCESS_QUERY_LIMITED_INFORMATION,
                false, process.pid());
        if (hProcess == null) {
            // OpenProcess answers ERROR_INVALID_PARAMETER for an id that no process has
            return Native.getLastError() == WinError.ERROR_INVALID_PARAMETER ? CloseOutcome.NOT_RUNNING : CloseOutcome.CANNOT_OPEN;
        }
        try {
            if (Kernel32.INSTANCE.WaitForSingleObject(hProcess, 0) == WinBase.WAIT_OBJECT_0) {
                return CloseOutcome.CLOSED;
            }
            Optional<String> image = imagePathOf(hProcess);
            if (image.isPresent() && !ProcessImages.sameProgram(image.get(), process.name())) {
                return CloseOutcome.NOT_RUNNING;
            }
            List<HWND> windows = outlookWindowsOf(process.pid());
            if (windows.isEmpty()) {
                return CloseOutcome.NO_WINDOW;
            }
            if (windows.stream().anyMatch(w -> User32.INSTANCE.IsWindowVisible(w) && !User32.INSTANCE.IsWindowEnabled(w))) {
                return CloseOutcome.DIALOG_OPEN;
            }
            for (HWND hWnd : windows) {
                if (!User32Messages.INSTANCE.PostMessageW(hWnd, WinUser.WM_CLOSE, new WPARAM(0), new LPARAM(0))) {
                    return CloseOutcome.NOT_POSTED;
                }
            }
            int dwMilliseconds = (int) Math.min(Integer.MAX_VALUE, wait.toMillis());
            return Kernel32.INSTANCE.WaitForSingleObject(hProcess, dwMilliseconds) == WinBase.WAIT_OBJECT_0
                    ? CloseOutcome.CLOSED : CloseOutcome.TIMED_OUT;
        } finally {
            Kernel32.INSTANCE.CloseHandle(hProcess);
        }
    }

    /**
     * Starts the program through ShellExecute, which resolves a bare name through App Paths. ShellExecute
     * may hand the work to a shell extension over COM, so it runs on a thread of its own that has COM
     * initialised as Microsoft asks (apartment-threaded, no OLE1 DDE).
     */
    @Override
    public void start(String executable) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                shellExecute(executable);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "mapi-agent-shellexecute");
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostException("interrupted while starting " + executable, e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static void shellExecute(String executable) {
        HRESULT hr = Ole32.INSTANCE.CoInitializeEx(null, Ole32.COINIT_APARTMENTTHREADED | Ole32.COINIT_DISABLE_OLE1DDE);
        if (W32Errors.FAILED(hr)) {
            throw new HostException("could not start " + executable + ": CoInitializeEx failed with 0x"
                    + Integer.toHexString(hr.intValue()));
        }
        try {
            long result = Shell32.INSTANCE.ShellExecute(null, "open", executable, null, null, WinUser.SW_SHOWNORMAL)
                    .longValue();
            if (result <= 32) {
                throw new HostException("could not start " + executable + ": ShellExecute returned " + result);
            }
        } finally {
            Ole32.INSTANCE.CoUninitialize();
        }
    }

    private static Optional<String> imagePathOf(HANDLE hProcess) {
        try {
            return Optional.of(Kernel32Util.QueryFullProcessImageName(hProcess, 0));
        } catch (Win32Exception e) {
            return Optional.empty();
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

    private static int sessionOf(int dwProcessId) {
        IntByReference pSessionId = new IntByReference();
        return Kernel32.INSTANCE.ProcessIdToSessionId(dwProcessId, pSessionId) ? pSessionId.getValue() : UNKNOWN_SESSION;
    }
}
