package dev.mapiagent.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

    @TempDir
    Path temp;

    @Test
    void explicitFileIsUsedEvenWhenMissingSoThatTheLoaderSaysSo() {
        Path explicit = temp.resolve("missing.json");

        assertEquals(Optional.of(explicit), ConfigFiles.resolve(explicit, temp, Optional.of(temp.toString())));
    }

    @Test
    void snapshotModeUsesTheSnapshotsAgentJsonWhenPresent() throws IOException {
        Path file = Files.writeString(temp.resolve("agent.json"), "{}");

        assertEquals(Optional.of(file), ConfigFiles.resolve(null, temp, Optional.empty()));
    }

    @Test
    void liveModeUsesProgramDataMapiAgentAgentJsonWhenPresent() throws IOException {
        Path file = Files.createDirectories(temp.resolve("MapiAgent")).resolve("agent.json");
        Files.writeString(file, "{}");

        assertEquals(Optional.of(file), ConfigFiles.resolve(null, null, Optional.of(temp.toString())));
    }

    @Test
    void noFileMeansNone() {
        assertEquals(Optional.empty(), ConfigFiles.resolve(null, temp, Optional.of(temp.toString())));
        assertEquals(Optional.empty(), ConfigFiles.resolve(null, null, Optional.empty()));
    }
}
