package dev.mapiagent.agent.host;

import java.io.IOException;

/** The event record written to the agent's log file, where there is no Windows event log (snapshots, other OSes). */
public final class FileEventLog implements EventLog {

    private final AgentLogFile log;

    public FileEventLog(AgentLogFile log) {
        this.log = log;
    }

    @Override
    public void write(Level level, int eventId, String message) {
        try {
            log.append(level + " MapiAgent " + eventId + " " + message);
        } catch (IOException e) {
            throw new HostException("cannot write the agent log " + log.path() + ": " + e.getMessage(), e);
        }
    }
}
