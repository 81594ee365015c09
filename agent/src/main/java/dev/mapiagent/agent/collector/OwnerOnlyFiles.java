package dev.mapiagent.agent.collector;

import dev.mapiagent.agent.host.AtomicFiles;
import dev.mapiagent.agent.host.HostException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the agent's secrets at rest (token, device key): whole or not at all, and readable by the user only. */
final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /** Replaces the file atomically, then restricts it to its owner (mode 600) where the file system has POSIX permissions. */
    static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new HostException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(file, content);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException e) {
                throw new HostException("cannot restrict " + file + " to its owner: " + e.getMessage(), e);
            }
        }
    }
}
