package dev.mapiagent.agent.host;

import java.time.Duration;
import java.util.List;

/** The processes of this PC. */
public interface Processes {

    List<ProcessInfo> list();

    /** The session the agent itself runs in; Outlook is only touched in this session. */
    int currentSessionId();

    /**
     * Asks the process to close the way a user would (WM_CLOSE to its top-level windows) and waits.
     * Never terminates it.
     *
     * @return true when it exited within the wait
     */
    boolean closeGracefully(ProcessInfo process, Duration wait);

    /** Starts a program in the user's session, detached from the agent. */
    void start(String executable);
}
