package dev.mapiagent.collector.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's promtool (Debian package {@code prometheus}, installed by scripts/test.sh). Missing, the tests that
 * need it are skipped locally and fail in CI (CI=true), so CI can never pass without having run them.
 */
public final class Promtool {

    private Promtool() {
    }

    /** What one promtool run printed, and its exit code. */
    public record Run(int exitCode, String output) {
    }

    /** Runs promtool with the arguments and the standard input (may be null), in the directory. */
    public static Run run(Path directory, String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "promtool did not finish: " + command);
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            return fail("cannot run " + command + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted running " + command);
        }
    }

    private static Path executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("promtool is not installed: CI must run the Prometheus tests (apt-get install prometheus, scripts/test.sh)");
        }
        assumeTrue(false, "promtool not installed: Prometheus tests skipped (apt-get install prometheus)");
        throw new IllegalStateException("unreachable");
    }
}
