package dev.mapiagent.agent.host.windows;

import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;

/**
 * {@code PROCESS_MEMORY_COUNTERS} from psapi.h, fields in Microsoft's order and spelling: two DWORDs and
 * eight SIZE_Ts, 72 bytes on 64-bit and 40 on 32-bit. A top-level class so that its layout is computed
 * (and tested) on any OS without loading Kernel32.
 */
@FieldOrder({"cb", "PageFaultCount", "PeakWorkingSetSize", "WorkingSetSize", "QuotaPeakPagedPoolUsage",
        "QuotaPagedPoolUsage", "QuotaPeakNonPagedPoolUsage", "QuotaNonPagedPoolUsage", "PagefileUsage",
        "PeakPagefileUsage"})
public class PROCESS_MEMORY_COUNTERS extends Structure {

    public int cb;
    public int PageFaultCount;
    public SIZE_T PeakWorkingSetSize;
    public SIZE_T WorkingSetSize;
    public SIZE_T QuotaPeakPagedPoolUsage;
    public SIZE_T QuotaPagedPoolUsage;
    public SIZE_T QuotaPeakNonPagedPoolUsage;
    public SIZE_T QuotaNonPagedPoolUsage;
    public SIZE_T PagefileUsage;
    public SIZE_T PeakPagefileUsage;

    /** Ready for K32GetProcessMemoryInfo: cb holds the structure's size, as the function requires. */
    public PROCESS_MEMORY_COUNTERS() {
        cb = size();
    }
}
