package dev.mapiagent.agent.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mapiagent.agent.collector.SpoolItem;
import dev.mapiagent.agent.host.AtomicFiles;
import dev.mapiagent.agent.host.BoundedFiles;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.StateFolder;
import dev.mapiagent.protocol.ProtocolJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The results of the last commands this agent finished, kept in {@code <state>/finished-commands.json}. The collector
 * hands a command out again when its result did not arrive in time (the answer carrying the command, or the one
 * acknowledging its result, may have been lost), so the same command id can come twice: the kept result is sent
 * again instead of healing again.
 *
 * <p>The collector keeps one command in flight per device, so only the newest commands can come back; the file keeps
 * the last {@value #KEPT}. It is replaced atomically. A file that cannot be read counts as empty: the worst that can
 * follow is one heal run twice, which is harmless because every heal action is idempotent.
 */
public final class FinishedCommands {

    static final int KEPT = 8;
    static final String FILE_NAME = StateFolder.FINISHED_COMMANDS;
    /** Eight results with their before and after reports; far larger is not a file this agent wrote. */
    static final long MAX_BYTES = 32L * 1024 * 1024;

    private static final ObjectMapper JSON = ProtocolJson.documents();

    private final Path file;

    public FinishedCommands(Path stateFolder) {
        this.file = stateFolder.resolve(FILE_NAME);
    }

    /** The result kept for the command, or empty when this agent has not finished it. */
    public Optional<SpoolItem> result(String commandId) {
        return entries().stream()
                .filter(e -> commandId.equals(e.path("commandId").asText(null)) && e.path("result").isObject())
                .map(e -> SpoolItem.result(commandId, e.path("result")))
                .findFirst();
    }

    /** Keeps the result of a finished command, dropping the oldest beyond {@value #KEPT}. */
    public void remember(SpoolItem result) {
        if (result.kind() != SpoolItem.Kind.RESULT) {
            throw new IllegalArgumentException("only a command result can be remembered");
        }
        List<JsonNode> kept = new ArrayList<>(entries());
        kept.removeIf(e -> result.commandId().equals(e.path("commandId").asText(null)));
        ObjectNode entry = JSON.createObjectNode().put("commandId", result.commandId());
        entry.set("result", result.body());
        kept.add(entry);
        ObjectNode document = JSON.createObjectNode().put("version", 1);
        ArrayNode commands = document.putArray("commands");
        kept.subList(Math.max(0, kept.size() - KEPT), kept.size()).forEach(commands::add);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.write(file, JSON.writeValueAsBytes(document));
        } catch (IOException e) {
            throw new HostException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private List<JsonNode> entries() {
        JsonNode document;
        try {
            document = JSON.readTree(BoundedFiles.read(file, MAX_BYTES));
        } catch (IOException missingOrUnreadable) {
            return List.of();
        }
        List<JsonNode> entries = new ArrayList<>();
        document.path("commands").forEach(entries::add);
        return entries;
    }
}
