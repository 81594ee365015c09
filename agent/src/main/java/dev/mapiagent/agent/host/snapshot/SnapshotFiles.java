package dev.mapiagent.agent.host.snapshot;

import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.agent.host.HostException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Reading snapshot files with a size limit, and replacing them atomically. */
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

    /**
     * Replaces the file with these bytes so that a reader (or a crash) sees either the old or the
     * new content, never a part: a temporary file in the same directory, flushed, then moved over.
     */
    static void writeAtomically(Path file, byte[] content) {
        Path absolute = file.toAbsolutePath();
        Path temp = null;
        try {
            temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            move(temp, absolute);
            temp = null;
        } catch (IOException e) {
            throw new HostException("cannot write " + file + ": " + reason(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the write already failed and says so; a stray temporary file is the lesser problem
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
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
