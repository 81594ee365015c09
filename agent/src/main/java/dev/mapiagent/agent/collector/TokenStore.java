package dev.mapiagent.agent.collector;

import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.agent.host.BoundedFiles;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.SecretProtector;
import dev.mapiagent.agent.host.StateFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The agent token the collector gave at enrollment, kept in {@code <state>/agent-token}: protected by
 * the host's {@link SecretProtector} (DPAPI on Windows) and, where the file system has POSIX
 * permissions, readable by the user only. An unreadable token counts as none: the agent enrolls again.
 */
public final class TokenStore {

    public static final String FILE_NAME = StateFolder.TOKEN;

    private final Path file;
    private final SecretProtector protector;

    /** A token, protected, is a few hundred bytes. */
    private static final long MAX_BYTES = 64 * 1024;

    public TokenStore(Path stateFolder, SecretProtector protector) {
        this.file = stateFolder.resolve(FILE_NAME);
        this.protector = protector;
    }

    public Optional<String> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String token = new String(protector.unprotect(BoundedFiles.read(file, MAX_BYTES)), StandardCharsets.UTF_8).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException | HostException | BadSnapshotException e) {
            return Optional.empty();
        }
    }

    public void save(String token) {
        OwnerOnlyFiles.write(file, protector.protect(token.getBytes(StandardCharsets.UTF_8)));
    }

    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new HostException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }
}
