package dev.mapiagent.agent.host.windows;

import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import dev.mapiagent.agent.host.IdleMemory;
import java.util.OptionalLong;

/**
 * After the heap, the working set: pages the waiting agent does not touch go to the standby list, where
 * Windows reuses them for other programs, and come back on demand if the agent needs them again.
 */
final class WindowsIdleMemory implements IdleMemory {

    private static final SIZE_T AS_MANY_PAGES_AS_POSSIBLE = new SIZE_T(-1);

    @Override
    public Release release() {
        HANDLE self = Kernel32.INSTANCE.GetCurrentProcess();
        OptionalLong before = workingSet(self);
        Release heap = HEAP_ONLY.release();
        // a failed trim changes nothing; the figures after it say so in the log
        ProcessMemory.INSTANCE.SetProcessWorkingSetSize(self, AS_MANY_PAGES_AS_POSSIBLE, AS_MANY_PAGES_AS_POSSIBLE);
        return heap.withWorkingSet(before, workingSet(self));
    }

    private static OptionalLong workingSet(HANDLE process) {
        PROCESS_MEMORY_COUNTERS counters = new PROCESS_MEMORY_COUNTERS();
        return ProcessMemory.INSTANCE.K32GetProcessMemoryInfo(process, counters, counters.cb)
                ? OptionalLong.of(counters.WorkingSetSize.longValue()) : OptionalLong.empty();
    }
}
