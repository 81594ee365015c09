package dev.mapiagent.agent.host.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinDef.LPARAM;
import com.sun.jna.platform.win32.WinDef.WPARAM;
import com.sun.jna.win32.StdCallLibrary;

/**
 * PostMessageW as Microsoft declares it: jna-platform's {@code User32.PostMessage} returns void, so
 * whether Windows queued the message could not be seen.
 */
interface User32Messages extends StdCallLibrary {

    User32Messages INSTANCE = Native.load("user32", User32Messages.class);

    /** BOOL PostMessageW(HWND hWnd, UINT Msg, WPARAM wParam, LPARAM lParam); zero on failure, GetLastError says why. */
    boolean PostMessageW(HWND hWnd, int Msg, WPARAM wParam, LPARAM lParam);
}
