package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import org.junit.jupiter.api.Test;

/**
 * The PROCESS_MEMORY_COUNTERS layout of psapi.h, checked on every OS: cb 0, PageFaultCount 4, then eight
 * SIZE_Ts from offset 8 (PeakWorkingSetSize, WorkingSetSize, ...): 72 bytes on 64-bit, 40 on 32-bit.
 */
class ProcessMemoryCountersLayoutTest {

    private static final int SIZE_T = Native.SIZE_T_SIZE;

    @Test
    void hasTheSizeOfPsapiLayout() {
        assertEquals(SIZE_T == 8 ? 72 : 40, new PROCESS_MEMORY_COUNTERS().size());
    }

    @Test
    void putsWorkingSetSizeAfterTwoDwordsAndOneSizeT() {
        PROCESS_MEMORY_COUNTERS counters = new PROCESS_MEMORY_COUNTERS();
        counters.WorkingSetSize = new SIZE_T(71L * 1024 * 1024);
        counters.write();

        long offset = 8 + SIZE_T;
        long written = SIZE_T == 8 ? counters.getPointer().getLong(offset) : counters.getPointer().getInt(offset);
        assertEquals(71L * 1024 * 1024, written);
    }

    @Test
    void carriesItsOwnSizeInCbAsK32GetProcessMemoryInfoRequires() {
        PROCESS_MEMORY_COUNTERS counters = new PROCESS_MEMORY_COUNTERS();
        assertEquals(counters.size(), counters.cb);
    }
}
