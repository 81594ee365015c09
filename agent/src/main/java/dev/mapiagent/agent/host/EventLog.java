package dev.mapiagent.agent.host;

/**
 * Where the agent records what it changed: the Windows Application log (source MapiAgent) on a PC,
 * the agent's log file elsewhere. Event IDs are documented in installer/README.md.
 */
public interface EventLog {

    enum Level { INFORMATION, WARNING, ERROR }

    void write(Level level, int eventId, String message);
}
