package dev.mapiagent.agent.host.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.agent.host.AtomicFiles;
import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.agent.host.CredentialName;
import dev.mapiagent.agent.host.CredentialPersist;
import dev.mapiagent.agent.host.CredentialType;
import dev.mapiagent.agent.host.CredentialVault;
import dev.mapiagent.agent.host.StoredCredential;
import dev.mapiagent.agent.host.snapshot.regfile.SnapshotFiles;
import dev.mapiagent.agent.host.snapshot.regfile.SnapshotText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The Credential Manager of a snapshot: credentials.json, an array of
 * {@code {"target":..., "type":"generic", "user":..., "persist":"local_machine"}}. A missing file
 * means no credentials. A target may be written as {@code cmdkey /list} prints it
 * ({@code LegacyGeneric:target=...}, {@code Domain:target=...}); it is read as the bare target name, and
 * then "type" may be left out. Deleting one rewrites the file without that entry; every other entry keeps
 * its exact text, unknown fields included.
 */
public final class SnapshotCredentials implements CredentialVault {

    private final Path file;
    private final SnapshotText.Decoded encoding;
    private JsonArrayFile json;
    private List<StoredCredential> credentials;

    private SnapshotCredentials(Path file, SnapshotText.Decoded encoding, JsonArrayFile json) {
        this.file = file;
        this.encoding = encoding;
        this.json = json;
        this.credentials = json == null ? List.of() : credentials(json);
    }

    /** Reads the file when it exists; a malformed one gives a one-line BadSnapshotException. */
    public static SnapshotCredentials read(Path file) {
        if (!Files.exists(file)) {
            return new SnapshotCredentials(file, null, null);
        }
        SnapshotText.Decoded text = SnapshotText.decode(SnapshotFiles.read(file), file.toString());
        return new SnapshotCredentials(file, text, JsonArrayFile.parse(text.text(), file.toString()));
    }

    @Override
    public List<StoredCredential> list() {
        return credentials;
    }

    @Override
    public boolean delete(String target, CredentialType type) {
        JsonArrayFile remaining = json;
        List<StoredCredential> left = credentials;
        for (int i = indexOf(left, target, type); i >= 0; i = indexOf(left, target, type)) {
            remaining = JsonArrayFile.parse(remaining.without(remaining.entries().get(i)), file.toString());
            left = credentials(remaining);
        }
        if (remaining == json) {
            return false;
        }
        AtomicFiles.write(file,
                SnapshotText.encode(remaining.text(), encoding.charset(), encoding.byteOrderMark()));
        json = remaining;
        credentials = left;
        return true;
    }

    private static int indexOf(List<StoredCredential> credentials, String target, CredentialType type) {
        for (int i = 0; i < credentials.size(); i++) {
            StoredCredential credential = credentials.get(i);
            // Windows compares target names without regard to case
            if (credential.target().equalsIgnoreCase(target) && credential.type() == type) {
                return i;
            }
        }
        return -1;
    }

    private List<StoredCredential> credentials(JsonArrayFile parsed) {
        List<JsonArrayFile.Entry> entries = parsed.entries();
        return IntStream.range(0, entries.size()).mapToObj(i -> credential(entries.get(i).node(), i + 1)).toList();
    }

    private StoredCredential credential(JsonNode node, int number) {
        CredentialName written = text(node, "target", number)
                .filter(t -> !t.isBlank())
                .map(CredentialName::parse)
                .orElseThrow(() -> bad(number, "\"target\" is missing"));
        String target = written.target();
        // "LegacyGeneric:target=..." as cmdkey prints it says the type itself
        CredentialType type = text(node, "type", number)
                .map(typeName -> CredentialType.byJsonName(typeName).orElseThrow(() -> bad(number,
                        "unknown credential type \"" + typeName + "\", expected one of " + names(CredentialType.values()))))
                .or(written::impliedType)
                .orElseThrow(() -> bad(number, "\"type\" is missing"));
        // Windows allows a credential without a user name
        String user = text(node, "user", number).orElse("");
        CredentialPersist persist = text(node, "persist", number)
                .map(name -> CredentialPersist.byJsonName(name).orElseThrow(() -> bad(number,
                        "unknown persist \"" + name + "\", expected one of " + names(CredentialPersist.values()))))
                .orElse(CredentialPersist.LOCAL_MACHINE);
        return new StoredCredential(target, type, user, persist);
    }

    private Optional<String> text(JsonNode node, String field, int number) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw bad(number, "\"" + field + "\" must be a string, got " + value);
        }
        return Optional.of(value.asText());
    }

    private BadSnapshotException bad(int number, String message) {
        return new BadSnapshotException(file + " entry " + number + ": " + message);
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
