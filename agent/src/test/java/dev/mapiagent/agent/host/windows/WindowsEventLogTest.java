package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.EventLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.WINDOWS)
class WindowsEventLogTest {

    /** Windows accepts events from an unregistered source too; either way nothing is lost. */
    @Test
    void anEventReachesTheApplicationLogOrTheFallback() {
        List<String> fallback = new ArrayList<>();
        EventLog log = new WindowsEventLog((level, id, message) -> fallback.add(id + " " + message));
        log.write(EventLog.Level.INFORMATION, 1000, "mapi-agent test event");
        assertTrue(fallback.isEmpty() || fallback.get(0).equals("1000 mapi-agent test event"), fallback.toString());
    }
}
