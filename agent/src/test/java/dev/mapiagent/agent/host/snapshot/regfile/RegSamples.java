package dev.mapiagent.agent.host.snapshot.regfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Samples for the snapshot tests: the realistic snapshot folder and .reg text in each encoding. */
public final class RegSamples {

    private RegSamples() {
    }

    /** A snapshot of Ann's PC: a regedit export (UTF-16LE, BOM, CRLF), credentials, processes. */
    public static Path annPc() {
        try {
            return Path.of(RegSamples.class.getResource("/snapshot/ann-pc").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] annPcRegistryBytes() throws IOException {
        return Files.readAllBytes(annPc().resolve("registry.reg"));
    }

    /** A writable copy of Ann's snapshot. */
    public static Path copyOfAnnPc(Path into) {
        Path from = annPc();
        Path to = into.resolve("ann-pc");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    /** Text written with LF line ends as regedit writes it: UTF-16LE, BOM, CRLF. */
    public static byte[] utf16WithBom(String text) {
        byte[] body = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[body.length + 2];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFE;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static RegFile parseUtf8(String text) {
        return RegFile.parse(utf8(text), "registry.reg");
    }
}
