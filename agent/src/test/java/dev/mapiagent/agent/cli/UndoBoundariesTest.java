package dev.mapiagent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mapiagent.protocol.ProtocolJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Undo and heal act only inside the folders their remedy owns, never through a link: an edited journal or a linked
 * folder is refused with exit 2 before anything changes.
 */
class UndoBoundariesTest {

    private static final String CACHE_FILE = "Microsoft/Outlook/b7e128fc6da9614daadcced8787ff412 - Autodiscover.xml";

    @TempDir
    Path temp;

    @Test
    void undoRefusesAJournalThatMovesAFileOutOfTheProfile() throws IOException {
        Path pc = healed();
        Path outside = temp.resolve("outside.txt");
        editFileMove(pc, move -> move.put("original", "Microsoft/Outlook/../../../../outside.txt"));
        Map<String, String> before = SnapshotCopy.picture(pc);

        CliRun undo = CliRun.of("undo", "--snapshot", pc.toString());

        assertEquals(2, undo.exitCode(), undo.out() + undo.err());
        assertTrue(undo.errIsOneLine(), undo.err());
        assertTrue(Files.notExists(outside));
        assertEquals(before, SnapshotCopy.picture(pc));
    }

    @Test
    void undoRefusesAJournalThatWouldMoveAnotherFileIntoTheCache() throws IOException {
        Path pc = healed();
        editFileMove(pc, move -> move.put("quarantined", "Microsoft/Outlook/bob@contoso.com.ost"));
        Map<String, String> before = SnapshotCopy.picture(pc);

        CliRun undo = CliRun.of("undo", "--snapshot", pc.toString());

        assertEquals(2, undo.exitCode(), undo.out() + undo.err());
        assertTrue(undo.err().contains("not the quarantined copy"), undo.err());
        assertEquals(before, SnapshotCopy.picture(pc));
    }

    @Test
    void undoRefusesAJournalNamingAFileThatIsNotACacheFile() throws IOException {
        Path pc = healed();
        String quarantine = quarantineOf(pc);
        editFileMove(pc, move -> move.put("original", "Microsoft/Outlook/bob@contoso.com.ost")
                .put("quarantined", quarantine + "/Microsoft/Outlook/bob@contoso.com.ost"));

        CliRun undo = CliRun.of("undo", "--snapshot", pc.toString());

        assertEquals(2, undo.exitCode(), undo.out() + undo.err());
        assertTrue(undo.err().contains("not an Autodiscover cache file"), undo.err());
    }

    @Test
    void undoRefusesAJournalNamingAnotherRegistryValue() throws IOException {
        Path pc = healed();
        editJournal(pc, journal -> {
            for (JsonNode step : journal.path("steps")) {
                if (step.path("registry").isObject()) {
                    ((ObjectNode) step.path("registry")).put("key", "Software\\Microsoft\\Windows\\CurrentVersion\\Run");
                }
            }
        });
        Map<String, String> before = SnapshotCopy.picture(pc);

        CliRun undo = CliRun.of("undo", "--snapshot", pc.toString());

        assertEquals(2, undo.exitCode(), undo.out() + undo.err());
        assertEquals(before, SnapshotCopy.picture(pc));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS) // making a symbolic link needs a privilege there
    void undoRefusesToMoveBackThroughALinkedOutlookFolder() throws IOException {
        Path pc = healed();
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Path outlook = pc.resolve("LocalAppData/Microsoft/Outlook");
        Files.move(outlook, temp.resolve("outlook-moved-away"));
        Files.createSymbolicLink(outlook, elsewhere);

        CliRun undo = CliRun.of("undo", "--snapshot", pc.toString());

        assertEquals(2, undo.exitCode(), undo.out() + undo.err());
        assertTrue(undo.err().contains("is a link"), undo.err());
        assertEquals(Map.of("/", ""), SnapshotCopy.picture(elsewhere), "nothing was written there");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void healRefusesALinkedOutlookFolderAndMovesNothing() throws IOException {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);
        Path outlook = pc.resolve("LocalAppData/Microsoft/Outlook");
        Path real = Files.move(outlook, temp.resolve("real-outlook"));
        Files.createSymbolicLink(outlook, real);
        Map<String, String> before = SnapshotCopy.picture(real);

        CliRun heal = CliRun.of("heal", "--snapshot", pc.toString(), "--only", "reset-autodiscover-cache");

        assertEquals(2, heal.exitCode(), heal.out() + heal.err());
        assertTrue(heal.errIsOneLine(), heal.err());
        assertEquals(before, SnapshotCopy.picture(real));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void healRefusesALinkedMapiAgentFolderAndWritesNothingThere() throws IOException {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createSymbolicLink(pc.resolve("LocalAppData/MapiAgent"), elsewhere);

        CliRun heal = CliRun.of("heal", "--snapshot", pc.toString());

        assertEquals(2, heal.exitCode(), heal.out() + heal.err());
        assertTrue(heal.err().contains("MapiAgent is a link"), heal.err());
        assertEquals(Map.of("/", ""), SnapshotCopy.picture(elsewhere), "nothing was written there");
    }

    @Test
    void anUntouchedJournalIsStillUndone() {
        Path pc = healed();

        CliRun undo = CliRun.of("undo", "--snapshot", pc.toString());

        assertEquals(0, undo.exitCode(), undo.out() + undo.err());
        assertTrue(Files.isRegularFile(pc.resolve("LocalAppData").resolve(CACHE_FILE)));
    }

    private Path healed() {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);
        CliRun heal = CliRun.of("heal", "--snapshot", pc.toString());
        assertEquals(0, heal.exitCode(), heal.out() + heal.err());
        assertTrue(Files.notExists(pc.resolve("LocalAppData").resolve(CACHE_FILE)), "the heal moved the cache file");
        return pc;
    }

    private static String quarantineOf(Path pc) throws IOException {
        return "MapiAgent/quarantine/" + journalFile(pc).getFileName().toString().replace(".json", "");
    }

    private static void editFileMove(Path pc, Consumer<ObjectNode> edit) throws IOException {
        editJournal(pc, journal -> {
            for (JsonNode step : journal.path("steps")) {
                step.path("files").forEach(move -> edit.accept((ObjectNode) move));
            }
        });
    }

    private static void editJournal(Path pc, Consumer<ObjectNode> edit) throws IOException {
        Path file = journalFile(pc);
        ObjectNode journal = (ObjectNode) ProtocolJson.mapper().readTree(file.toFile());
        edit.accept(journal);
        Files.writeString(file, ProtocolJson.mapper().writeValueAsString(journal), StandardCharsets.UTF_8);
    }

    private static Path journalFile(Path pc) throws IOException {
        try (Stream<Path> files = Files.list(pc.resolve("LocalAppData/MapiAgent/journal"))) {
            return files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
    }
}
