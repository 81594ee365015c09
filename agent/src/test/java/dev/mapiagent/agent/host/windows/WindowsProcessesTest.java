package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.ProcessInfo;
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
}
