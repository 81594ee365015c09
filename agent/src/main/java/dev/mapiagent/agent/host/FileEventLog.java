package dev.mapiagent.agent.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/** The event record written to the agent's log file, where there is no Windows event log (snapshots, other OSes). */
public final class FileEventLog implements EventLog {

    private final Path file;
    private final Clock clock;

    public FileEventLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    @Override
    public void write(Level level, int eventId, String message) {
        String line = clock.instant() + " " + level + " MapiAgent " + eventId + " " + message.replaceAll("[\\r\\n]+", " ")
                + System.lineSeparator();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new HostException("cannot write the agent log " + file + ": " + e.getMessage(), e);
        }
    }
}
