package dev.mapiagent.agent.host.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef.HINSTANCE;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinDef.LRESULT;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.win32.StdCallLibrary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for Outlook in the Windows-only tests: a process that owns one visible top-level window of
 * Outlook's class {@code rctrl_renwnd32}, closes it on WM_CLOSE and exits. With the argument
 * {@code disabled} the window is disabled, as Outlook's is while a modal dialog is open. Prints "ready"
 * once the window exists.
 */
public final class OutlookLikeWindow {

    interface User32Windows extends StdCallLibrary {
        User32Windows INSTANCE = Native.load("user32", User32Windows.class);

        /** BOOL EnableWindow(HWND hWnd, BOOL bEnable); */
        boolean EnableWindow(HWND hWnd, boolean bEnable);
    }

    /** Held in a field: JNA callbacks must stay reachable while Windows may call them. */
    private static final WinUser.WindowProc WINDOW_PROC = (hwnd, uMsg, wParam, lParam) -> {
        if (uMsg == WinUser.WM_CLOSE) {
            User32.INSTANCE.DestroyWindow(hwnd);
            return new LRESULT(0);
        }
        if (uMsg == WinUser.WM_DESTROY) {
            User32.INSTANCE.PostQuitMessage(0);
            return new LRESULT(0);
        }
        return User32.INSTANCE.DefWindowProc(hwnd, uMsg, wParam, lParam);
    };

    private OutlookLikeWindow() {
    }

    public static void main(String[] args) {
        HINSTANCE hInstance = new HINSTANCE();
        hInstance.setPointer(Kernel32.INSTANCE.GetModuleHandle(null).getPointer());
        WinUser.WNDCLASSEX wc = new WinUser.WNDCLASSEX();
        wc.hInstance = hInstance;
        wc.lpfnWndProc = WINDOW_PROC;
        wc.lpszClassName = WindowsProcesses.OUTLOOK_WINDOW_CLASS;
        if (User32.INSTANCE.RegisterClassEx(wc) == null) {
            throw new IllegalStateException("RegisterClassEx failed: " + Native.getLastError());
        }
        HWND hWnd = User32.INSTANCE.CreateWindowEx(0, WindowsProcesses.OUTLOOK_WINDOW_CLASS, "mapi-agent test window",
                WinUser.WS_OVERLAPPEDWINDOW, 0, 0, 240, 120, null, null, hInstance, null);
        if (hWnd == null) {
            throw new IllegalStateException("CreateWindowEx failed: " + Native.getLastError());
        }
        User32.INSTANCE.ShowWindow(hWnd, WinUser.SW_SHOWNOACTIVATE);
        if (args.length > 0 && args[0].equals("disabled")) {
            User32Windows.INSTANCE.EnableWindow(hWnd, false);
        }
        System.out.println("ready");
        System.out.flush();
        WinUser.MSG msg = new WinUser.MSG();
        while (User32.INSTANCE.GetMessage(msg, null, 0, 0) > 0) {
            User32.INSTANCE.TranslateMessage(msg);
            User32.INSTANCE.DispatchMessage(msg);
        }
    }

    /** Starts the stand-in with this JVM and class path and waits until its window exists. */
    static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java.exe").toString(),
                "-cp", System.getProperty("java.class.path"), OutlookLikeWindow.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String first = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)).readLine();
        if (!"ready".equals(first)) {
            process.destroyForcibly();
            throw new IllegalStateException("the test window did not start: " + first);
        }
        return process;
    }
}
