package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.ProcessInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.WINDOWS)
class WindowsProcessesTest {

    private final WindowsProcesses processes = new WindowsProcesses();

    @Test
    void listsThisJvmInTheCurrentSession() {
        int pid = (int) ProcessHandle.current().pid();
        List<ProcessInfo> all = processes.list();
        assertTrue(all.stream().anyMatch(p -> p.pid() == pid
                        && p.sessionId() == processes.currentSessionId()
                        && p.name().toLowerCase(Locale.ROOT).startsWith("java")),
                () -> "pid " + pid + " not in " + all.size() + " processes");
    }

    /** Only Outlook's own windows get WM_CLOSE; a process without them is left running, never forced. */
    @Test
    void aProcessWithoutOutlookWindowsIsNotClosed() throws IOException {
        Process ping = new ProcessBuilder("ping", "-n", "30", "127.0.0.1").start();
        try {
            ProcessInfo info = new ProcessInfo("PING.EXE", (int) ping.pid(), processes.currentSessionId());
            assertFalse(processes.closeGracefully(info, Duration.ofSeconds(1)));
            assertTrue(ping.isAlive());
        } finally {
            ping.destroyForcibly();
        }
    }
}
