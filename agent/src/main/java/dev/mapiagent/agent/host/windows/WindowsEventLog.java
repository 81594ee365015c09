package dev.mapiagent.agent.host.windows;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import dev.mapiagent.agent.host.EventLog;

/**
 * The Windows Application log, source {@code MapiAgent} (registered by the MSI). When the source
 * cannot be opened or written, the record goes to the agent's log file instead of being lost.
 */
final class WindowsEventLog implements EventLog {

    static final String SOURCE = "MapiAgent";

    private final EventLog fallback;

    WindowsEventLog(EventLog fallback) {
        this.fallback = fallback;
    }

    @Override
    public void write(Level level, int eventId, String message) {
        HANDLE hEventLog = Advapi32.INSTANCE.RegisterEventSource(null, SOURCE);
        if (hEventLog == null) {
            fallback.write(level, eventId, message);
            return;
        }
        try {
            boolean written = Advapi32.INSTANCE.ReportEvent(hEventLog, wType(level), 0, eventId, null, 1, 0,
                    new String[] {message}, null);
            if (!written) {
                fallback.write(level, eventId, message);
            }
        } finally {
            Advapi32.INSTANCE.DeregisterEventSource(hEventLog);
        }
    }

    private static int wType(Level level) {
        return switch (level) {
            case INFORMATION -> WinNT.EVENTLOG_INFORMATION_TYPE;
            case WARNING -> WinNT.EVENTLOG_WARNING_TYPE;
            case ERROR -> WinNT.EVENTLOG_ERROR_TYPE;
        };
    }
}
