package dev.mapiagent.agent.host.snapshot.regfile;

import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.agent.host.HostException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The bytes of a snapshot text file (registry.reg, connection-status.txt) as lines, and back: encoding, byte order mark, line ends. */
public final class SnapshotText {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};
    private static final byte[] UTF16BE_BOM = {(byte) 0xFE, (byte) 0xFF};

    /** The text of a file (without its BOM) and how the file encoded it. */
    public record Decoded(String text, Charset charset, boolean byteOrderMark, String lineSeparator) {

        /** The lines without their line ends; a file ending in a line end has an empty last line. */
        List<String> lines() {
            return Arrays.asList(text.split("\r?\n", -1));
        }
    }

    private SnapshotText() {
    }

    /**
     * Decodes a file. A BOM decides the encoding; without one, UTF-16LE is recognised by its zero
     * bytes, a REGEDIT4 file is read in the ANSI code page it was written in, anything else must be
     * valid UTF-8.
     */
    public static Decoded decode(byte[] bytes, String source) {
        boolean bom = true;
        Charset charset;
        int start;
        if (startsWith(bytes, UTF16LE_BOM)) {
            charset = StandardCharsets.UTF_16LE;
            start = UTF16LE_BOM.length;
        } else if (startsWith(bytes, UTF16BE_BOM)) {
            charset = StandardCharsets.UTF_16BE;
            start = UTF16BE_BOM.length;
        } else if (startsWith(bytes, UTF8_BOM)) {
            charset = StandardCharsets.UTF_8;
            start = UTF8_BOM.length;
        } else {
            bom = false;
            start = 0;
            if (bytes.length >= 2 && bytes[0] != 0 && bytes[1] == 0) {
                charset = StandardCharsets.UTF_16LE;
            } else if (startsWith(bytes, RegFormat.VERSION_4.getBytes(StandardCharsets.US_ASCII))) {
                charset = RegFormat.ANSI;
            } else {
                charset = StandardCharsets.UTF_8;
            }
        }
        String text = strictDecode(bytes, start, charset, source);
        int firstBreak = text.indexOf('\n');
        String separator = firstBreak > 0 && text.charAt(firstBreak - 1) == '\r' ? "\r\n" : "\n";
        return new Decoded(text, charset, bom, separator);
    }

    /** The file's bytes: the text in this encoding, after a BOM when asked for. */
    public static byte[] encode(String text, Charset charset, boolean byteOrderMark) {
        ByteBuffer body;
        try {
            body = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw new HostException("cannot write text in " + charset.name() + ": it has characters "
                    + charset.name() + " cannot hold", e);
        }
        byte[] bom = byteOrderMark ? "\uFEFF".getBytes(charset) : new byte[0];
        byte[] out = new byte[bom.length + body.remaining()];
        System.arraycopy(bom, 0, out, 0, bom.length);
        body.get(out, bom.length, body.remaining());
        return out;
    }

    private static String strictDecode(byte[] bytes, int start, Charset charset, String source) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate((int) ((bytes.length - start) * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            String before = new String(bytes, start, in.position() - start, charset);
            long line = 1 + before.chars().filter(c -> c == '\n').count();
            throw new BadSnapshotException(source + " line " + line + ": not valid " + charset.name()
                    + " text (snapshot files are UTF-16LE with a byte order mark, as regedit writes them, or UTF-8)");
        }
        return out.flip().toString();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
