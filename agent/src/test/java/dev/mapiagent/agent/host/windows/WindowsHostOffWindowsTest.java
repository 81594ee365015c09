package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mapiagent.agent.host.HostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The Linux twin of WindowsHostTest: off Windows the live host is refused with a message, not a crash. */
@DisabledOnOs(OS.WINDOWS)
class WindowsHostOffWindowsTest {

    @Test
    void refusesLiveModeWithAOneLineHint() {
        HostException e = assertThrows(HostException.class, WindowsHost::create);
        assertEquals("live mode needs Windows; use --snapshot DIR", e.getMessage());
    }
}
