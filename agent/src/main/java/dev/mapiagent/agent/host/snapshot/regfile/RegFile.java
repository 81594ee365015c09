package dev.mapiagent.agent.host.snapshot.regfile;

import dev.mapiagent.agent.host.AtomicFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * A registry export in the {@code regedit /e} format: the registry it holds, the format it was
 * written in and its original text, so that writing it back changes only what changed.
 *
 * <p>Deletions ({@code [-KEY]}, {@code "name"=-}) are applied on reading; the file written holds
 * the resulting state. Sections of hives other than HKEY_CURRENT_USER and HKEY_LOCAL_MACHINE are
 * not read but written back as they were.
 */
public final class RegFile {

    private final RegFormat format;
    private final MemoryRegistry registry;
    private final RegLayout layout;

    RegFile(RegFormat format, MemoryRegistry registry, RegLayout layout) {
        this.format = format;
        this.registry = registry;
        this.layout = layout;
    }

    /** Reads a file; a malformed or oversized one gives a BadSnapshotException naming file and line. */
    public static RegFile read(Path file) {
        return parse(SnapshotFiles.read(file), file.toString());
    }

    /** Parses the bytes of a file; {@code source} names it in error messages. */
    public static RegFile parse(byte[] content, String source) {
        return RegFileParser.parse(content, source);
    }

    /** A registry built in memory, to be written in the given format. */
    public static RegFile of(MemoryRegistry registry, RegFormat format) {
        return new RegFile(format, registry, RegLayout.fresh());
    }

    /** An empty registry in the format regedit writes. */
    public static RegFile empty() {
        return of(new MemoryRegistry(), RegFormat.regedit());
    }

    /** The same file (format and original text) holding another state of its registry. */
    public RegFile withRegistry(MemoryRegistry newRegistry) {
        return new RegFile(format, newRegistry, layout);
    }

    public MemoryRegistry registry() {
        return registry;
    }

    public RegFormat format() {
        return format;
    }

    /** The text as it would be written, lines joined by the format's line separator. */
    public String text() {
        return String.join(format.lineSeparator(), lines());
    }

    public byte[] toBytes() {
        return SnapshotText.encode(text(), format.charset(), format.byteOrderMark());
    }

    /** Writes the file atomically: readers see the old or the new file, never a part. */
    public void write(Path file) {
        AtomicFiles.write(file, toBytes());
    }

    private List<String> lines() {
        return RegFileWriter.lines(registry, layout, format);
    }
}
