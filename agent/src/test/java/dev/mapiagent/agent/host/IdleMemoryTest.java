package dev.mapiagent.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.IdleMemory.Release;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class IdleMemoryTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void heapOnlyReportsCommittedHeapAndNoWorkingSet() {
        Release release = IdleMemory.HEAP_ONLY.release();

        assertTrue(release.heapBefore() > 0);
        assertTrue(release.heapAfter() > 0);
        assertTrue(release.workingSetBefore().isEmpty());
        assertTrue(release.workingSetAfter().isEmpty());
    }

    @Test
    void describesTheHeapInMebibytes() {
        Release release = new Release(18 * MIB, 6 * MIB, OptionalLong.empty(), OptionalLong.empty());

        assertEquals("heap 18 -> 6 MiB committed", release.describe());
    }

    @Test
    void describesTheWorkingSetWhenTheHostMeasuredIt() {
        Release release = new Release(18 * MIB, 6 * MIB, OptionalLong.empty(), OptionalLong.empty())
                .withWorkingSet(OptionalLong.of(71 * MIB), OptionalLong.of(9 * MIB));

        assertEquals("heap 18 -> 6 MiB committed, working set 71 -> 9 MiB", release.describe());
    }

    @Test
    void leavesTheWorkingSetOutWhenOneMeasurementFailed() {
        Release release = new Release(18 * MIB, 6 * MIB, OptionalLong.empty(), OptionalLong.empty())
                .withWorkingSet(OptionalLong.of(71 * MIB), OptionalLong.empty());

        assertEquals("heap 18 -> 6 MiB committed", release.describe());
    }
}
