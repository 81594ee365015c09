package dev.mapiagent.installer.deb;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The collector's Debian package that the package phase built, and the tools that read it. */
final class DebPackage {

    static final String UNIT = "lib/systemd/system/mapi-collector.service";
    static final String ENV_FILE = "etc/mapi-collector/collector.env";
    static final String LAUNCHER = "usr/lib/mapi-collector/bin/mapi-collector";

    private static Path extracted;

    private DebPackage() {
    }

    /** What a command printed (stdout and stderr together) and how it ended. */
    record Result(int exitCode, String output) {
    }

    /** The Maven version in Debian's form: 0.1.0-SNAPSHOT → 0.1.0~SNAPSHOT. */
    static String debianVersion() {
        return System.getProperty("deb.projectVersion").replace('-', '~');
    }

    /** The .deb, or the test is aborted when build-deb.sh could not build it here (never on CI). */
    static Path file() {
        Path outputDir = Path.of(System.getProperty("deb.outputDir"));
        Path deb = outputDir.resolve("mapi-collector_" + debianVersion() + "_amd64.deb");
        Path skipped = outputDir.resolve("deb-skipped.txt");
        if (!Files.exists(deb) && Files.exists(skipped) && !onCi()) {
            Assumptions.abort("Debian package not built here: " + read(skipped));
        }
        assertTrue(Files.isRegularFile(deb), "the package phase did not build " + deb);
        return deb;
    }

    /** The package's files, unpacked once with {@code dpkg-deb -x} under target/. */
    static synchronized Path extracted() {
        if (extracted == null) {
            Path dir = Path.of(System.getProperty("deb.outputDir"), "deb-extracted");
            deleteTree(dir);
            Result result = run(List.of("dpkg-deb", "-x", file().toString(), dir.toString()), Map.of());
            assertTrue(result.exitCode() == 0, "dpkg-deb -x failed: " + result.output());
            extracted = dir;
        }
        return extracted;
    }

    /**
     * The path of a Debian tool, also found in /usr/sbin (nginx), which a non-root user's PATH lacks. Aborts the
     * test when the tool is missing on a developer's machine; on CI (CI=true) a missing tool fails it, as
     * scripts/test.sh installs them.
     */
    static String requireTool(String tool, String debianPackage) {
        Result found = run(List.of("sh", "-c", "PATH=\"$PATH:/usr/sbin:/sbin\" command -v " + tool), Map.of());
        if (found.exitCode() == 0) {
            return found.output().strip();
        }
        String message = tool + " not found (apt-get install " + debianPackage + ")";
        if (onCi()) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
        return tool;
    }

    static Result run(List<String> command, Map<String, String> environment) {
        return run(command, environment, null);
    }

    static Result run(List<String> command, Map<String, String> environment, Path workingDir) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .directory(workingDir == null ? null : workingDir.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean onCi() {
        return "true".equals(System.getenv("CI"));
    }

    private static void deleteTree(Path dir) {
        if (Files.exists(dir)) {
            Result result = run(List.of("rm", "-rf", dir.toString()), Map.of());
            assertTrue(result.exitCode() == 0, "cannot delete " + dir + ": " + result.output());
        }
    }
}
