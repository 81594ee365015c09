package dev.mapiagent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only regular files are read, and never more than the cap plus one byte: a device, a FIFO or a folder given as a file
 * (on the command line or inside a snapshot) is refused at once with exit 2 and one line, instead of filling the memory
 * ({@code /dev/zero}) or waiting forever for a writer (a FIFO).
 */
@DisabledOnOs(OS.WINDOWS) // devices and FIFOs as Unix has them
class SpecialFilesTest {

    private static final Duration AT_ONCE = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    @Test
    void parseStatusRefusesAnEndlessDevice() {
        CliRun run = refusedAtOnce(() -> CliRun.of("parse-status", "/dev/zero"));
        assertTrue(run.err().contains("not a regular file"), run.err());
    }

    @Test
    void parseStatusRefusesAFifoWithoutWaitingForAWriter() throws IOException {
        Path fifo = fifo("status.txt");
        CliRun run = refusedAtOnce(() -> CliRun.of("parse-status", fifo.toString()));
        assertTrue(run.err().contains("not a regular file"), run.err());
    }

    @Test
    void parseStatusRefusesAFolder() {
        CliRun run = refusedAtOnce(() -> CliRun.of("parse-status", temp.toString()));
        assertTrue(run.err().contains("a folder, not a regular file"), run.err());
    }

    @Test
    void diagnoseRefusesAFifoAsConnectionStatus() throws IOException {
        Path pc = SnapshotCopy.of("healthy", temp);
        Path fifo = fifo("status.txt");
        refusedAtOnce(() -> CliRun.of("diagnose", "--snapshot", pc.toString(), "--connection-status", fifo.toString()));
    }

    @Test
    void aSnapshotWhoseConnectionStatusIsAFifoIsRefused() throws IOException {
        Path pc = SnapshotCopy.of("healthy", temp);
        Files.delete(pc.resolve("connection-status.txt"));
        mkfifo(pc.resolve("connection-status.txt"));
        refusedAtOnce(() -> CliRun.of("diagnose", "--snapshot", pc.toString()));
    }

    @Test
    void aSnapshotWhoseRegistryIsLinkedToAnEndlessDeviceIsRefused() throws IOException {
        Path pc = SnapshotCopy.of("healthy", temp);
        Files.delete(pc.resolve("registry.reg"));
        Files.createSymbolicLink(pc.resolve("registry.reg"), Path.of("/dev/zero"));
        CliRun run = refusedAtOnce(() -> CliRun.of("diagnose", "--snapshot", pc.toString(), "--json"));
        assertEquals("", run.out());
    }

    @Test
    void snapshotRefusesAFifoAsConnectionStatus() throws IOException {
        Path pc = SnapshotCopy.of("healthy", temp);
        Path fifo = fifo("status.txt");
        refusedAtOnce(() -> CliRun.of("snapshot", "--snapshot", pc.toString(), "--out", temp.resolve("out").toString(),
                "--connection-status", fifo.toString()));
    }

    @Test
    void runRefusesAnEndlessDeviceAsConfigFile() throws IOException {
        Path pc = SnapshotCopy.of("healthy", temp);
        CliRun run = refusedAtOnce(() -> CliRun.of("run", "--once", "--snapshot", pc.toString(), "--config", "/dev/zero"));
        assertTrue(run.err().contains("not a regular file"), run.err());
    }

    @Test
    void undoRefusesAJournalThatIsAFifo() throws IOException {
        Path pc = SnapshotCopy.of("healthy", temp);
        Path journals = Files.createDirectories(pc.resolve("LocalAppData/MapiAgent/journal"));
        mkfifo(journals.resolve("20261125T154500Z-1a2b3c4d.json"));
        CliRun run = refusedAtOnce(() -> CliRun.of("undo", "--snapshot", pc.toString(), "--journal",
                "20261125T154500Z-1a2b3c4d"));
        assertTrue(run.err().contains("not a regular file"), run.err());
    }

    private static CliRun refusedAtOnce(Supplier<CliRun> command) {
        CliRun run = assertTimeoutPreemptively(AT_ONCE, command::get);
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.errIsOneLine(), run.err());
        return run;
    }

    private Path fifo(String name) throws IOException {
        return mkfifo(temp.resolve(name));
    }

    private static Path mkfifo(Path path) throws IOException {
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
            assertEquals(0, p.waitFor(), "mkfifo " + path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return path;
    }
}
