package dev.mapiagent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JnaBootPathTest {

    @Test
    void pointsJnaAtTheInstallFolderThatHoldsTheDispatchLibrary(@TempDir Path installDir) throws IOException {
        Path jar = Files.createFile(installDir.resolve("mapi-agent.jar"));
        Files.createFile(installDir.resolve("jnidispatch.dll"));
        Properties properties = new Properties();

        JnaBootPath.useFolderOf(Optional.of(jar), properties);

        assertEquals(installDir.toString(), properties.getProperty("jna.boot.library.path"));
    }

    @Test
    void leavesJnaAloneWhereNoDispatchLibraryWasInstalled(@TempDir Path folder) throws IOException {
        Path jar = Files.createFile(folder.resolve("mapi-agent.jar"));
        Properties properties = new Properties();

        JnaBootPath.useFolderOf(Optional.of(jar), properties);

        assertNull(properties.getProperty("jna.boot.library.path"));
    }

    @Test
    void theCommandLineWins(@TempDir Path installDir) throws IOException {
        Path jar = Files.createFile(installDir.resolve("mapi-agent.jar"));
        Files.createFile(installDir.resolve("jnidispatch.dll"));
        Properties properties = new Properties();
        properties.setProperty("jna.boot.library.path", "D:\\jna");

        JnaBootPath.useFolderOf(Optional.of(jar), properties);

        assertEquals("D:\\jna", properties.getProperty("jna.boot.library.path"));
    }

    @Test
    void findsTheLocationItWasLoadedFrom() {
        assertEquals(Optional.of(true), JnaBootPath.agentJar().map(Files::exists));
    }
}
