package dev.mapiagent.agent.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/** The agent's log file ({@code <state>/logs/agent.log}): one timestamped line per record, appended. */
public final class AgentLogFile {

    private final Path file;
    private final Clock clock;

    public AgentLogFile(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** The log of the user whose %LOCALAPPDATA% this is: {@code MapiAgent\logs\agent.log} under it. */
    public static AgentLogFile of(Path localAppData, Clock clock) {
        return new AgentLogFile(StateFolder.in(localAppData).resolve(StateFolder.LOG), clock);
    }

    /** Appends "{@code <instant> <text>}"; line breaks in the text are folded so one record stays one line. */
    public void append(String text) throws IOException {
        String line = clock.instant() + " " + text.replaceAll("[\\r\\n]+", " ") + System.lineSeparator();
        Files.createDirectories(file.getParent());
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public Path path() {
        return file;
    }
}
