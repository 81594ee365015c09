package dev.mapiagent.agent.host.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The working-set functions of Kernel32, which JNA Platform does not map. K32GetProcessMemoryInfo is the
 * Kernel32 export of psapi's GetProcessMemoryInfo (Windows 7 and later), so no Psapi.dll is loaded.
 */
public interface ProcessMemory extends StdCallLibrary {

    ProcessMemory INSTANCE = Native.load("Kernel32", ProcessMemory.class, W32APIOptions.DEFAULT_OPTIONS);

    /**
     * {@code BOOL SetProcessWorkingSetSize(HANDLE hProcess, SIZE_T dwMinimumWorkingSetSize, SIZE_T
     * dwMaximumWorkingSetSize)}. Both sizes (SIZE_T)-1 remove as many pages as possible from the working set.
     */
    boolean SetProcessWorkingSetSize(HANDLE hProcess, SIZE_T dwMinimumWorkingSetSize, SIZE_T dwMaximumWorkingSetSize);

    /** {@code BOOL K32GetProcessMemoryInfo(HANDLE Process, PPROCESS_MEMORY_COUNTERS ppsmemCounters, DWORD cb)}. */
    boolean K32GetProcessMemoryInfo(HANDLE Process, PROCESS_MEMORY_COUNTERS ppsmemCounters, int cb);
}
