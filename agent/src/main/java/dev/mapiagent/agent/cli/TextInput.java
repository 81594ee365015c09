package dev.mapiagent.agent.cli;

import dev.mapiagent.agent.host.BadInputException;
import dev.mapiagent.agent.host.BoundedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a text file or standard input with a size cap, honouring a UTF-8 or UTF-16 byte order mark
 * (Notepad's "Unicode" is UTF-16LE with BOM). At most the cap plus one byte is read; a file that is not a regular
 * file (a device, a FIFO, a folder) is refused unread.
 */
final class TextInput {

    private TextInput() {
    }

    static String read(String fileOrDash, InputStream stdin, long maxBytes, String what) {
        byte[] bytes = "-".equals(fileOrDash) ? readStdin(stdin, maxBytes, what) : readFile(Path.of(fileOrDash), maxBytes, what);
        return decode(bytes);
    }

    private static byte[] readFile(Path file, long maxBytes, String what) {
        try {
            return BoundedFiles.read(file, maxBytes);
        } catch (NoSuchFileException e) {
            throw new BadInputException("file not found: " + file);
        } catch (BoundedFiles.RefusedFileException e) {
            throw new BadInputException(e.getMessage() + "; a " + what + " must be a regular file");
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static byte[] readStdin(InputStream stdin, long maxBytes, String what) {
        try {
            byte[] bytes = stdin.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new BadInputException(tooLarge("standard input", bytes.length, maxBytes, what));
            }
            return bytes;
        } catch (IOException e) {
            throw new BadInputException("cannot read standard input: " + e.getMessage());
        }
    }

    private static String tooLarge(String source, long size, long maxBytes, String what) {
        return String.format("%s is too large for a %s (%,d bytes; at most %,d)", source, what, size, maxBytes);
    }

    static String decode(byte[] bytes) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return decode(bytes, 2, StandardCharsets.UTF_16LE);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return decode(bytes, 2, StandardCharsets.UTF_16BE);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String decode(byte[] bytes, int offset, Charset charset) {
        return new String(Arrays.copyOfRange(bytes, offset, bytes.length), charset);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
