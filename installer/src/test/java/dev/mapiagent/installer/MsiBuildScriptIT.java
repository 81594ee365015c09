package dev.mapiagent.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** build-msi.sh when its tools or inputs are wrong: a one-line reason, and no MSI left behind. */
class MsiBuildScriptIT {

    private static final String NO_WIXL = "/nonexistent/wixl";

    private record Result(int exitCode, String stderr) {
    }

    @Test
    void failsOnCiWhenWixlIsMissing(@TempDir Path out) throws Exception {
        Result result = buildMsi(System.getProperty("msi.projectVersion"), out, Map.of("CI", "true", "WIXL", NO_WIXL));
        assertEquals(1, result.exitCode());
        assertEquals("build-msi: cannot build the MSI on CI, not found: " + NO_WIXL
                + " (install them with: apt-get install -y wixl msitools)", result.stderr().strip());
        assertFalse(Files.exists(out.resolve("msi-skipped.txt")));
    }

    @Test
    void skipsWithAWarningAndAMarkerOutsideCiWhenWixlIsMissing(@TempDir Path out) throws Exception {
        Result result = buildMsi(System.getProperty("msi.projectVersion"), out, Map.of("CI", "", "WIXL", NO_WIXL));
        assertEquals(0, result.exitCode());
        assertTrue(result.stderr().startsWith("build-msi: WARNING: MSI not built"), result.stderr());
        assertTrue(Files.readString(out.resolve("msi-skipped.txt")).contains(NO_WIXL));
        try (var files = Files.list(out)) {
            assertEquals(List.of(out.resolve("msi-skipped.txt")), files.toList());
        }
    }

    @Test
    void refusesAVersionThatAnMsiCannotCarry(@TempDir Path out) throws Exception {
        Result result = buildMsi("1.2.3-rc1", out, Map.of());
        assertEquals(1, result.exitCode());
        assertEquals("build-msi: project version '1.2.3-rc1' is not major.minor.patch within 255.255.65535,"
                + " which an MSI needs", result.stderr().strip());
    }

    @Test
    void refusesAMissingAgentJar(@TempDir Path out) throws Exception {
        Path jar = out.resolve("no-such.jar");
        Result result = buildMsi("0.1.0", out, Map.of("CI", "true"), jar);
        assertEquals(1, result.exitCode());
        assertEquals("build-msi: agent jar not found: " + jar + " (build the agent module first)",
                result.stderr().strip());
        try (var files = Files.list(out)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void refusesARuntimeWithoutTheWindowsLaunchers(@TempDir Path out) throws Exception {
        Path runtime = Files.createDirectories(out.resolve("linux-runtime").resolve("bin"));
        Files.createFile(runtime.resolve("java"));
        Files.createFile(runtime.resolve("java.exe"));

        Result result = run(Map.of(), "--runtime", runtime.getParent().toString(), "0.1.0",
                System.getProperty("msi.agentJar"), out.toString());

        assertEquals(1, result.exitCode());
        assertEquals("build-msi: runtime " + runtime.getParent() + " has no bin/javaw.exe: give a Windows x64 Java"
                + " runtime image (link-runtime.sh on Windows)", result.stderr().strip());
        assertFalse(Files.exists(out.resolve("mapi-agent-0.1.0-x64-runtime.msi")));
    }

    private static Result buildMsi(String version, Path out, Map<String, String> environment) throws Exception {
        return buildMsi(version, out, environment, Path.of(System.getProperty("msi.agentJar")));
    }

    private static Result buildMsi(String version, Path out, Map<String, String> environment, Path jar)
            throws IOException, InterruptedException {
        return run(environment, version, jar.toString(), out.toString());
    }

    private static Result run(Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", System.getProperty("msi.buildScript")));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "build-msi.sh did not finish");
        return new Result(process.exitValue(), stderr);
    }
}
