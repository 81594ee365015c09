package dev.mapiagent.agent.host.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mapiagent.agent.host.AtomicFiles;
import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.agent.host.CloseOutcome;
import dev.mapiagent.agent.host.ProcessInfo;
import dev.mapiagent.agent.host.Processes;
import dev.mapiagent.agent.host.snapshot.regfile.SnapshotFiles;
import dev.mapiagent.agent.host.snapshot.regfile.SnapshotText;
import dev.mapiagent.protocol.ProtocolJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The processes of a snapshot: processes.json, {@code [{"name":"OUTLOOK.EXE","pid":4242}]}, with
 * an optional "sessionId" and "path" (the full path of the program). The snapshot's user is in session
 * 1, as the first user of a PC is. Closing a process removes it from the file and starting one adds it;
 * an entry with {@code "ignoresClose": true} stands for an Outlook held open by an unsaved item.
 */
public final class SnapshotProcesses implements Processes {

    static final int USER_SESSION = 1;

    private final Path file;
    private final List<ProcessInfo> processes;
    private final Set<Integer> ignoringClose;
    private final Map<Integer, String> paths;

    private SnapshotProcesses(Path file, List<ProcessInfo> processes, Set<Integer> ignoringClose,
                              Map<Integer, String> paths) {
        this.file = file;
        this.processes = new ArrayList<>(processes);
        this.ignoringClose = ignoringClose;
        this.paths = new HashMap<>(paths);
    }

    /** Reads the file when it exists (none running otherwise); a malformed one gives a one-line error. */
    public static SnapshotProcesses read(Path file) {
        if (!Files.exists(file)) {
            return new SnapshotProcesses(file, List.of(), Set.of(), Map.of());
        }
        String source = file.toString();
        String text = SnapshotText.decode(SnapshotFiles.read(file), source).text();
        List<JsonArrayFile.Entry> entries = JsonArrayFile.parse(text, source).entries();
        Set<Integer> ignoringClose = entries.stream()
                .filter(e -> e.node().path("ignoresClose").asBoolean(false))
                .map(e -> e.node().path("pid").asInt()).collect(Collectors.toSet());
        Map<Integer, String> paths = entries.stream().filter(e -> e.node().path("path").isTextual())
                .collect(Collectors.toMap(e -> e.node().path("pid").asInt(), e -> e.node().path("path").asText(),
                        (first, second) -> second));
        return new SnapshotProcesses(file, IntStream.range(0, entries.size())
                .mapToObj(i -> process(entries.get(i).node(), source + " entry " + (i + 1)))
                .toList(), ignoringClose, paths);
    }

    @Override
    public List<ProcessInfo> list() {
        return List.copyOf(processes);
    }

    @Override
    public Optional<String> imagePath(ProcessInfo process) {
        return Optional.ofNullable(paths.get(process.pid()));
    }

    @Override
    public CloseOutcome closeGracefully(ProcessInfo process, Duration wait) {
        if (processes.stream().noneMatch(p -> p.pid() == process.pid() && p.name().equalsIgnoreCase(process.name()))) {
            return CloseOutcome.NOT_RUNNING;
        }
        if (ignoringClose.contains(process.pid())) {
            return CloseOutcome.TIMED_OUT;
        }
        processes.removeIf(p -> p.pid() == process.pid());
        paths.remove(process.pid());
        save();
        return CloseOutcome.CLOSED;
    }

    @Override
    public void start(String executable) {
        String name = executable.substring(Math.max(executable.lastIndexOf('\\'), executable.lastIndexOf('/')) + 1);
        int pid = processes.stream().mapToInt(ProcessInfo::pid).max().orElse(1000) + 4;
        processes.add(new ProcessInfo(name, pid, USER_SESSION));
        if (!executable.equals(name)) {
            paths.put(pid, executable);
        }
        save();
    }

    private void save() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (ProcessInfo p : processes) {
            ObjectNode entry = array.addObject().put("name", p.name()).put("pid", p.pid()).put("sessionId", p.sessionId());
            if (paths.containsKey(p.pid())) {
                entry.put("path", paths.get(p.pid()));
            }
        }
        try {
            String text = ProtocolJson.documents().writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n";
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
