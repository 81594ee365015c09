package dev.mapiagent.agent.host;

import java.util.List;

/** The processes of this PC. */
public interface Processes {

    List<ProcessInfo> list();

    /** The session the agent itself runs in; Outlook is only touched in this session. */
    int currentSessionId();
}
