package dev.mapiagent.installer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away Wine prefix: a Windows with its own registry and C: drive, where Wine's real Windows
 * Installer engine (msiexec), reg and regedit run. Made with {@code wineboot -i} (about 15 s, 700 MB),
 * so a test class shares one where its tests do not get in each other's way; closed, it stops the
 * prefix's wineserver and the prefix is deleted with the class's temporary folder.
 *
 * <p>Without Wine the tests are skipped with the reason, except where Wine must be present: on CI
 * ({@code CI=true}) and under scripts/test.sh ({@code MAPI_TEST_WINE=required}), which installs it.
 */
final class Wine implements AutoCloseable {

    /** Console output of reg.exe and friends is in the OEM code page of the prefix's (US) locale. */
    static final Charset CONSOLE = Charset.forName("IBM437");

    private static final long TIMEOUT_SECONDS = 300;

    record Result(int exitCode, String stdout, String stderr) {

        Result expectSuccess(String what) {
            assertTrue(exitCode == 0, what + " failed with exit code " + exitCode + ": " + stdout + stderr);
            return this;
        }
    }

    private final Path prefix;

    private Wine(Path prefix) {
        this.prefix = prefix;
    }

    /** A new prefix in {@code folder}, or the test aborted (failed where Wine is required) when Wine is missing. */
    static Wine newPrefix(Path folder) throws IOException {
        assumeInstalled();
        Wine wine = new Wine(folder.resolve("wine-prefix"));
        wine.command(List.of("wineboot", "-i")).expectSuccess("wineboot -i");
        return wine;
    }

    private static void assumeInstalled() {
        if (onPath("wine")) {
            return;
        }
        String reason = "Wine is not installed (apt-get install --no-install-recommends wine wine64)";
        boolean required = "true".equals(System.getenv("CI")) || "required".equals(System.getenv("MAPI_TEST_WINE"));
        assertTrue(!required, reason + ", and the MSI engine tests must run here (CI=true or MAPI_TEST_WINE=required)");
        Assumptions.abort(reason + ": the MSI engine tests are skipped");
    }

    private static boolean onPath(String program) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }

    /** {@code wine PROGRAM ARGS...}: a Windows program of the prefix, e.g. msiexec, reg, regedit. */
    Result run(String... programAndArguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("wine"));
        command.addAll(List.of(programAndArguments));
        return command(command);
    }

    /** The Unix path of a path on the prefix's C: drive, e.g. {@code C:\Program Files\mapi-agent}. */
    Path drive(String windowsPath) {
        assertTrue(windowsPath.regionMatches(true, 0, "C:\\", 0, 3), windowsPath);
        Path path = prefix.resolve("drive_c");
        for (String part : windowsPath.substring(3).split("\\\\")) {
            if (!part.isEmpty()) {
                path = path.resolve(part);
            }
        }
        return path;
    }

    /** The path Windows programs in the prefix see for a Unix file: Wine maps / to drive Z:. */
    static String windowsPath(Path unixPath) {
        return "Z:" + unixPath.toAbsolutePath().toString().replace('/', '\\');
    }

    private Result command(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.put("WINEPREFIX", prefix.toString());
        // Wine links the profile's Desktop, Documents... to folders of HOME: keep them inside the prefix's folder.
        environment.put("HOME", prefix.resolveSibling("home").toString());
        environment.put("WINEDEBUG", "-all");
        environment.put("LC_ALL", "C.UTF-8");
        environment.remove("DISPLAY");
        Path out = Files.createTempFile("wine-out", ".txt");
        Path err = Files.createTempFile("wine-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, CONSOLE), Files.readString(err, CONSOLE));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Stops the prefix's wineserver (and the programs it still runs), so its folder can be deleted. */
    @Override
    public void close() throws IOException {
        command(List.of("wineserver", "-k"));
        // The drive links point at / and /dev: remove them before the folder is deleted.
        try (var links = Files.list(prefix.resolve("dosdevices"))) {
            for (Path link : (Iterable<Path>) links::iterator) {
                Files.delete(link);
            }
        }
    }

    /** Text of a file Wine wrote in UTF-16LE with a byte order mark (msiexec logs may also be plain ANSI). */
    static String readWindowsText(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        boolean utf16 = bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE;
        return utf16 ? new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE)
                : new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
