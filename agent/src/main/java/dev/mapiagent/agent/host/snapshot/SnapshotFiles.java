package dev.mapiagent.agent.host.snapshot;

import dev.mapiagent.agent.host.BadSnapshotException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading snapshot files with a size limit. */
final class SnapshotFiles {

    /** A snapshot file larger than this is refused: no real one comes near, and it keeps memory bounded. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private SnapshotFiles() {
    }

    static byte[] read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new BadSnapshotException(file + " is " + mebibytes(size) + " MiB, over the "
                        + mebibytes(MAX_BYTES) + " MiB limit for a snapshot file");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadSnapshotException("cannot read " + file + ": " + reason(e), e);
        }
    }

    private static long mebibytes(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
