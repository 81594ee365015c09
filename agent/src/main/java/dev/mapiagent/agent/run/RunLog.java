package dev.mapiagent.agent.run;

import dev.mapiagent.agent.host.AgentLogFile;
import java.io.IOException;

/**
 * The logon mode's own lines in the agent log (beside the event records of snapshot hosts): run mode
 * prints nothing on success, so this is where its story is told. Secrets are never passed here.
 * A log that cannot be written does not stop the agent.
 */
public final class RunLog {

    private final AgentLogFile log;

    public RunLog(AgentLogFile log) {
        this.log = log;
    }

    public void info(String message) {
        write("INFO", message);
    }

    public void warn(String message) {
        write("WARNING", message);
    }

    private void write(String level, String message) {
        try {
            log.append(level + " run " + message);
        } catch (IOException e) {
            // the log is a convenience: losing a line must not cost the report
        }
    }
}
