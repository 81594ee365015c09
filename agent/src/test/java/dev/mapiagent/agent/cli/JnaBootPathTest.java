package dev.mapiagent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JnaBootPathTest {

    @Test
    void pointsJnaAtTheInstallFolderThatHoldsTheDispatchLibrary(@TempDir Path installDir) throws IOException {
        Path jar = Files.createFile(installDir.resolve("mapi-agent.jar"));
        Files.createFile(installDir.resolve(JnaBootPath.DISPATCH_LIBRARY));
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
        Files.createFile(installDir.resolve(JnaBootPath.DISPATCH_LIBRARY));
        Properties properties = new Properties();
        properties.setProperty("jna.boot.library.path", "D:\\jna");

        JnaBootPath.useFolderOf(Optional.of(jar), properties);

        assertEquals("D:\\jna", properties.getProperty("jna.boot.library.path"));
    }

    @Test
    void jnaLoadsItsNativePartFromThereAndUnpacksNothing(@TempDir Path installDir, @TempDir Path temp) throws Exception {
        String resource = "/com/sun/jna/" + jnaPlatform() + "/" + JnaBootPath.DISPATCH_LIBRARY;
        try (InputStream library = JnaBootPathTest.class.getResourceAsStream(resource)) {
            Files.copy(library, installDir.resolve(JnaBootPath.DISPATCH_LIBRARY));
        }
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djna.nounpack=true", "-Djava.io.tmpdir=" + temp, "-Djna.tmpdir=" + temp,
                "-cp", System.getProperty("java.class.path"), JnaBootPathProbe.class.getName(),
                installDir.resolve("mapi-agent.jar").toString()).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        assertTrue(probe.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, probe.exitValue(), output);
        assertEquals(installDir.resolve(JnaBootPath.DISPATCH_LIBRARY).toString(), output, "jnidispatch.path");
        try (Stream<Path> unpacked = Files.list(temp)) {
            assertEquals(List.of(), unpacked.toList(), "nothing unpacked to the temporary folder");
        }
    }

    /** JNA's resource folder for this platform (Platform.RESOURCE_PREFIX), for the two the project builds on. */
    private static String jnaPlatform() {
        boolean x64 = List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
        String os = System.getProperty("os.name");
        Assumptions.assumeTrue(x64 && (os.startsWith("Windows") || os.equals("Linux")), "JNA resource for " + os);
        return os.startsWith("Windows") ? "win32-x86-64" : "linux-x86-64";
    }

    @Test
    void findsTheLocationItWasLoadedFrom() {
        assertEquals(Optional.of(true), JnaBootPath.agentJar().map(Files::exists));
    }
}
