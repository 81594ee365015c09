package dev.mapiagent.agent.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reads a file the agent did not write itself (a file named on the command line, a snapshot file, a config file, a
 * journal): only a regular file, and never more than the cap plus one byte. A device ({@code /dev/zero}), a FIFO or a
 * folder is refused before it is opened; a file that grows while it is read is cut at the cap and refused, so the size
 * on disk is never trusted.
 */
public final class BoundedFiles {

    private BoundedFiles() {
    }

    /** The file's bytes; a {@link RefusedFileException} says why it was not read. */
    public static byte[] read(Path file, long maxBytes) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new RefusedFileException(file + " is " + kind(attributes) + ", not a regular file");
        }
        if (attributes.size() > maxBytes) {
            throw tooLarge(file, maxBytes);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(file, maxBytes);
            }
            return bytes;
        }
    }

    private static RefusedFileException tooLarge(Path file, long maxBytes) {
        return new RefusedFileException(String.format(Locale.ROOT, "%s is too large (over the limit of %,d bytes)", file, maxBytes));
    }

    private static String kind(BasicFileAttributes attributes) {
        return attributes.isDirectory() ? "a folder" : "a device, pipe or socket";
    }

    /** The file was not read because of what it is, not because reading failed. */
    public static final class RefusedFileException extends IOException {

        private static final long serialVersionUID = 1L;

        RefusedFileException(String message) {
            super(message);
        }
    }
}
