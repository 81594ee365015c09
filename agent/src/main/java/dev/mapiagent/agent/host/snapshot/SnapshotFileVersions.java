package dev.mapiagent.agent.host.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.agent.host.FileVersions;
import dev.mapiagent.agent.host.snapshot.regfile.SnapshotFiles;
import dev.mapiagent.agent.host.snapshot.regfile.SnapshotText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The version resources of a snapshot: the optional files.json,
 * {@code [{"path":"C:\\...\\Office14\\OUTLOOK.EXE","fileVersion":"14.0.7268.5000"}]} (DESIGN.md §3).
 * Paths are compared as Windows compares them: ignoring case, with / and \ alike.
 */
final class SnapshotFileVersions implements FileVersions {

    private final Map<String, String> versions;

    private SnapshotFileVersions(Map<String, String> versions) {
        this.versions = Map.copyOf(versions);
    }

    /** Reads the file when it exists (no versions otherwise); a malformed one gives a one-line error. */
    static SnapshotFileVersions read(Path file) {
        if (!Files.exists(file)) {
            return new SnapshotFileVersions(Map.of());
        }
        String source = file.toString();
        String text = SnapshotText.decode(SnapshotFiles.read(file), source).text();
        List<JsonArrayFile.Entry> entries = JsonArrayFile.parse(text, source).entries();
        Map<String, String> versions = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = source + " entry " + (i + 1);
            versions.put(key(text(entries.get(i).node(), "path", where)),
                    text(entries.get(i).node(), "fileVersion", where));
        }
        return new SnapshotFileVersions(versions);
    }

    @Override
    public Optional<String> fileVersion(String windowsPath) {
        return Optional.ofNullable(versions.get(key(windowsPath)));
    }

    private static String key(String path) {
        return path.replace('/', '\\').toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new BadSnapshotException(where + ": \"" + field + "\" must be a non-empty string");
        }
        return value.asText().strip();
    }
}
