package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import dev.mapiagent.agent.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MSI installs JNA's native library beside the agent and starts Java with
 * {@code -Djna.boot.library.path=<that folder> -Djna.nounpack=true}, so nothing is unpacked to %TEMP%
 * (which AppLocker and WDAC often forbid). JNA then loads that file or fails: nounpack leaves it no
 * other copy.
 */
class JnaBootLibraryPathTest {

    @TempDir
    Path temp;

    /** The agent itself, on Windows, runs a whole diagnosis with JNA loaded from the install folder only. */
    @Test
    @EnabledOnOs(OS.WINDOWS)
    void theAgentRunsWithJnaFromTheInstallFolderAndNothingUnpacked() throws Exception {
        Path installFolder = nativeLibraryIn("com/sun/jna/win32-x86-64/jnidispatch.dll", "jnidispatch.dll");
        Path jnaTemp = Files.createDirectories(temp.resolve("jna-tmp"));

        Run run = java(installFolder, "-Djna.tmpdir=" + jnaTemp, Main.class.getName(), "diagnose", "--json");

        assertNotEquals(3, run.exitCode(), run.output()); // 0 or 1: a diagnosis, not an agent failure
        try (var unpacked = Files.list(jnaTemp)) {
            assertEquals(List.of(), unpacked.toList());
        }
    }

    /** The same mechanics on Linux, with JNA's Linux library: what proves the options on every build. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void jnaLoadsItsLibraryFromTheBootLibraryPath() throws Exception {
        Path installFolder = nativeLibraryIn("com/sun/jna/linux-x86-64/libjnidispatch.so", "libjnidispatch.so");

        Run run = java(installFolder, NativeSize.class.getName());

        assertEquals(0, run.exitCode(), run.output());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void withoutTheLibraryInTheBootLibraryPathJnaDoesNotLoad() throws Exception {
        Run run = java(Files.createDirectories(temp.resolve("empty")), NativeSize.class.getName());

        assertNotEquals(0, run.exitCode(), run.output());
    }

    /** Loads JNA's native library (Native's class initialiser does) and prints the pointer size. */
    public static final class NativeSize {
        public static void main(String[] args) {
            System.out.println(Native.POINTER_SIZE);
        }
    }

    private Path nativeLibraryIn(String resource, String fileName) throws IOException {
        Path folder = Files.createDirectories(temp.resolve("install"));
        try (InputStream in = Native.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, folder.resolve(fileName));
        }
        return folder;
    }

    private record Run(int exitCode, String output) {
    }

    private static Run java(Path bootLibraryPath, String... mainAndArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djna.boot.library.path=" + bootLibraryPath, "-Djna.nounpack=true", "-Djna.nosys=true",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(mainAndArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), output);
        return new Run(process.exitValue(), output);
    }
}
