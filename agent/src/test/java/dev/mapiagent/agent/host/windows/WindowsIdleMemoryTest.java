package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.IdleMemory.Release;
import java.lang.ref.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Linux twin: {@code IdleMemoryTest} (the heap release and the log line this trim adds figures to). */
@EnabledOnOs(OS.WINDOWS)
class WindowsIdleMemoryTest {

    @Test
    void trimsTheWorkingSetOfThisProcess() {
        byte[] touched = new byte[32 * 1024 * 1024];
        for (int i = 0; i < touched.length; i += 4096) {
            touched[i] = 1;
        }

        Release release = new WindowsIdleMemory().release();

        long before = release.workingSetBefore().orElseThrow();
        long after = release.workingSetAfter().orElseThrow();
        Reference.reachabilityFence(touched);
        assertTrue(after < before / 2, "working set " + before + " -> " + after);
    }

    @Test
    void describesTheWorkingSetInTheLogLine() {
        assertTrue(new WindowsIdleMemory().release().describe().contains("working set"));
    }
}
