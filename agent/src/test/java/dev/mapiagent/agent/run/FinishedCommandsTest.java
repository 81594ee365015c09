package dev.mapiagent.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.collector.SpoolItem;
import dev.mapiagent.protocol.ProtocolJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class FinishedCommandsTest {

    @TempDir
    Path state;

    private static SpoolItem result(String commandId, String message) {
        return SpoolItem.result(commandId, ProtocolJson.mapper().createObjectNode()
                .put("status", "succeeded").put("exitCode", 0).put("message", message));
    }

    @Test
    void aKeptResultSurvivesARestart() {
        new FinishedCommands(state).remember(result("c1", "enable-mapihttp applied"));

        assertEquals(Optional.of(result("c1", "enable-mapihttp applied")), new FinishedCommands(state).result("c1"));
    }

    @Test
    void anUnfinishedCommandHasNoKeptResult() {
        new FinishedCommands(state).remember(result("c1", "done"));

        assertEquals(Optional.empty(), new FinishedCommands(state).result("c2"));
    }

    @Test
    void onlyTheNewestCommandsAreKept() {
        FinishedCommands finished = new FinishedCommands(state);
        for (int i = 1; i <= FinishedCommands.KEPT + 2; i++) {
            finished.remember(result("c" + i, "done " + i));
        }

        assertFalse(finished.result("c1").isPresent());
        assertFalse(finished.result("c2").isPresent());
        assertTrue(finished.result("c3").isPresent());
        assertEquals(Optional.of(result("c" + (FinishedCommands.KEPT + 2), "done " + (FinishedCommands.KEPT + 2))),
                finished.result("c" + (FinishedCommands.KEPT + 2)));
    }

    @Test
    void theFileIsReplacedWholeWithNoTemporaryFileLeft() throws IOException {
        FinishedCommands finished = new FinishedCommands(state);
        finished.remember(result("c1", "done"));
        finished.remember(result("c2", "done"));

        try (var files = Files.list(state)) {
            assertEquals(List.of(FinishedCommands.FILE_NAME),
                    files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void anUnreadableFileCountsAsEmptySoTheCommandMayRunAgain() throws IOException {
        Files.writeString(state.resolve(FinishedCommands.FILE_NAME), "{\"commands\": [", StandardCharsets.UTF_8);
        FinishedCommands finished = new FinishedCommands(state);

        assertEquals(Optional.empty(), finished.result("c1"));
        finished.remember(result("c1", "done"));
        assertTrue(finished.result("c1").isPresent(), "the damaged file is replaced");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS) // a FIFO as Unix has it
    void aFileThatIsAFifoCountsAsEmptyAtOnce() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", state.resolve(FinishedCommands.FILE_NAME).toString()).start();
        assertEquals(0, mkfifo.waitFor());

        Optional<SpoolItem> kept = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> new FinishedCommands(state).result("c1"));

        assertEquals(Optional.empty(), kept);
    }
}
