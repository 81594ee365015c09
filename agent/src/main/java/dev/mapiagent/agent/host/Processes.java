package dev.mapiagent.agent.host;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The processes of this PC. */
public interface Processes {

    List<ProcessInfo> list();

    /** The session the agent itself runs in; Outlook is only touched in this session. */
    int currentSessionId();

    /**
     * The full path of the program the process runs, when Windows tells it (QueryFullProcessImageName);
     * empty when the process is gone or may not be queried.
     */
    Optional<String> imagePath(ProcessInfo process);

    /**
     * Asks the process to close the way a user would (WM_CLOSE to its top-level windows) and waits.
     * Never terminates it, and sends nothing when a dialog holds its window or the id now belongs to
     * another program.
     */
    CloseOutcome closeGracefully(ProcessInfo process, Duration wait);

    /** Starts a program (a full path, or a name the shell resolves) in the user's session, detached from the agent. */
    void start(String executable);
}
