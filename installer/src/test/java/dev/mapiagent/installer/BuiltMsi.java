package dev.mapiagent.installer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The MSI the package phase built, and further MSIs built by build-msi.sh for a test. */
final class BuiltMsi {

    private BuiltMsi() {
    }

    /** The MSI's version: the project version without -SNAPSHOT. */
    static String version() {
        return System.getProperty("msi.projectVersion").replace("-SNAPSHOT", "");
    }

    static Path agentJar() {
        return Path.of(System.getProperty("msi.agentJar"));
    }

    /** target/mapi-agent-VERSION-x64.msi; the test is skipped when build-msi.sh said why it built none (never on CI). */
    static Path plain() {
        Path outputDir = Path.of(System.getProperty("msi.outputDir"));
        Path file = outputDir.resolve("mapi-agent-" + version() + "-x64.msi");
        Path skipped = outputDir.resolve("msi-skipped.txt");
        if (!Files.exists(file) && Files.exists(skipped) && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort("MSI not built here: " + read(skipped));
        }
        assertTrue(Files.isRegularFile(file), "the package phase did not build " + file);
        return file;
    }

    /** {@code build-msi.sh [--runtime DIR] VERSION JAR OUT}, which must succeed; returns the MSI it names. */
    static Path build(String version, Path agentJar, Path outputDir, Path runtime) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", System.getProperty("msi.buildScript")));
        if (runtime != null) {
            command.addAll(List.of("--runtime", runtime.toString()));
        }
        command.addAll(List.of(version, agentJar.toString(), outputDir.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertTrue(process.waitFor(300, TimeUnit.SECONDS), "build-msi.sh did not finish");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertTrue(process.exitValue() == 0, "build-msi.sh failed: " + output);
        return outputDir.resolve("mapi-agent-" + version + "-x64" + (runtime != null ? "-runtime" : "") + ".msi");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return file + " unreadable: " + e.getMessage();
        }
    }
}
