package dev.mapiagent.agent.host.snapshot.regfile;

import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.agent.host.BoundedFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Reading snapshot files: regular files only, with a size limit. */
public final class SnapshotFiles {

    /** A snapshot file larger than this is refused: no real one comes near, and it keeps memory bounded. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private SnapshotFiles() {
    }

    public static byte[] read(Path file) {
        try {
            return BoundedFiles.read(file, MAX_BYTES);
        } catch (BoundedFiles.RefusedFileException e) {
            throw new BadSnapshotException(e.getMessage() + " (a snapshot file)", e);
        } catch (IOException e) {
            throw new BadSnapshotException("cannot read " + file + ": " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
