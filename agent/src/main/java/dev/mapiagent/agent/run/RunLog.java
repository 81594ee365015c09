package dev.mapiagent.agent.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * The logon mode's own log, {@code <state>/logs/agent.log} (beside the event records of snapshot hosts):
 * run mode prints nothing on success, so this is where its story is told. Secrets are never passed here.
 * A log that cannot be written does not stop the agent.
 */
public final class RunLog {

    private final Path file;
    private final Clock clock;

    public RunLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public void info(String message) {
        write("INFO", message);
    }

    public void warn(String message) {
        write("WARNING", message);
    }

    private void write(String level, String message) {
        String line = clock.instant() + " " + level + " run " + message.replaceAll("[\\r\\n]+", " ") + System.lineSeparator();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is a convenience: losing a line must not cost the report
        }
    }
}
