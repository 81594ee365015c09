package dev.mapiagent.agent.host.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.agent.host.ProcessInfo;
import dev.mapiagent.agent.host.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The processes of a snapshot: processes.json, {@code [{"name":"OUTLOOK.EXE","pid":4242}]}, with
 * an optional "sessionId". The snapshot's user is in session 1, as the first user of a PC is.
 */
public final class SnapshotProcesses implements Processes {

    static final int USER_SESSION = 1;

    private final List<ProcessInfo> processes;

    private SnapshotProcesses(List<ProcessInfo> processes) {
        this.processes = processes;
    }

    /** Reads the file when it exists (none running otherwise); a malformed one gives a one-line error. */
    public static SnapshotProcesses read(Path file) {
        if (!Files.exists(file)) {
            return new SnapshotProcesses(List.of());
        }
        String source = file.toString();
        String text = SnapshotText.decode(SnapshotFiles.read(file), source).text();
        List<JsonArrayFile.Entry> entries = JsonArrayFile.parse(text, source).entries();
        return new SnapshotProcesses(IntStream.range(0, entries.size())
                .mapToObj(i -> process(entries.get(i).node(), source + " entry " + (i + 1)))
                .toList());
    }

    @Override
    public List<ProcessInfo> list() {
        return processes;
    }

    @Override
    public int currentSessionId() {
        return USER_SESSION;
    }

    private static ProcessInfo process(JsonNode node, String where) {
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw new BadSnapshotException(where + ": \"name\" must be the image name, e.g. \"OUTLOOK.EXE\"");
        }
        return new ProcessInfo(name.asText(), number(node, "pid", where, null), number(node, "sessionId", where, USER_SESSION));
    }

    private static int number(JsonNode node, String field, String where, Integer fallback) {
        JsonNode value = node.get(field);
        if (value == null && fallback != null) {
            return fallback;
        }
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw new BadSnapshotException(where + ": \"" + field + "\" must be a whole number, got " + value);
        }
        return value.asInt();
    }
}
