package dev.mapiagent.agent.host;

/** A running process: image name (e.g. OUTLOOK.EXE), id and Windows session. */
public record ProcessInfo(String name, int pid, int sessionId) {
}
