package dev.mapiagent.agent.host.snapshot.regfile;

import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.RegistryValue;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of a .reg file beyond the registry state it holds: each key header and each value as
 * it was spelled (with the blank and comment lines before it), and the sections of hives the
 * agent does not read, in file order. Writing a file back reuses this text for whatever did not
 * change, so an unchanged file comes back byte for byte.
 */
final class RegLayout {

    /** A part of the file in file order. */
    sealed interface Block permits KeySection, Verbatim {
    }

    /** The header line of a key section of a hive the agent reads, with the lines before it. */
    record KeySection(Hive hive, String path, List<String> lines) implements Block {
    }

    /** Text written back as it is: a section of another hive (HKEY_CLASSES_ROOT, HKEY_USERS...). */
    record Verbatim(List<String> lines) implements Block {
    }

    private final List<Block> blocks;
    /*
     * Keyed by identity: values are immutable, so a value that is still the very instance read
     * from the file is unchanged and its original text is still right; a changed value is a new
     * instance and is written afresh.
     */
    private final Map<RegistryValue, List<String>> valueLines;
    private final List<String> trailing;

    RegLayout(List<Block> blocks, Map<RegistryValue, List<String>> valueLines, List<String> trailing) {
        this.blocks = List.copyOf(blocks);
        this.valueLines = new IdentityHashMap<>(valueLines);
        this.trailing = List.copyOf(trailing);
    }

    /** The layout of a file regedit would write for a registry built in memory: nothing kept yet. */
    static RegLayout fresh() {
        return new RegLayout(new ArrayList<>(), new IdentityHashMap<>(), List.of("", ""));
    }

    List<Block> blocks() {
        return blocks;
    }

    /** The original lines of this very value, or null when it was not read from the file. */
    List<String> linesOf(RegistryValue value) {
        return valueLines.get(value);
    }

    /** Blank and comment lines after the last value; regedit ends its files with one blank line. */
    List<String> trailing() {
        return trailing;
    }
}
