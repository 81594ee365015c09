package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.CloseOutcome;
import dev.mapiagent.agent.host.ProcessInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Closing and starting against {@link OutlookLikeWindow}, a process with a window of Outlook's class. */
@EnabledOnOs(OS.WINDOWS)
class WindowsProcessesTest {

    private final WindowsProcesses processes = new WindowsProcesses();

    @Test
    void listsThisJvmInTheCurrentSession() {
        int pid = (int) ProcessHandle.current().pid();
        List<ProcessInfo> all = processes.list();
        assertTrue(all.stream().anyMatch(p -> p.pid() == pid
                        && p.sessionId() == processes.currentSessionId()
                        && p.name().toLowerCase(Locale.ROOT).startsWith("java")),
                () -> "pid " + pid + " not in " + all.size() + " processes");
    }

    @Test
    void closesAWindowOfOutlooksClassAndSeesTheProcessExit() throws Exception {
        Process window = OutlookLikeWindow.start();
        try {
            assertEquals(CloseOutcome.CLOSED, processes.closeGracefully(info(window, "java.exe"), Duration.ofSeconds(20)));
            assertTrue(window.waitFor(5, TimeUnit.SECONDS));
            assertEquals(0, window.exitValue());
        } finally {
            window.destroyForcibly();
        }
    }

    @Test
    void aDisabledWindowIsReportedAsADialogAndNotSentAClose() throws Exception {
        Process window = OutlookLikeWindow.start("disabled");
        try {
            assertEquals(CloseOutcome.DIALOG_OPEN, processes.closeGracefully(info(window, "java.exe"), Duration.ofSeconds(2)));
            assertTrue(window.isAlive());
        } finally {
            window.destroyForcibly();
        }
    }

    /** A process id Outlook freed may already run another program: it is asked nothing. */
    @Test
    void aProcessIdNowRunningAnotherProgramIsLeftAlone() throws Exception {
        Process window = OutlookLikeWindow.start();
        try {
            assertEquals(CloseOutcome.NOT_RUNNING, processes.closeGracefully(info(window, "OUTLOOK.EXE"), Duration.ofSeconds(2)));
            assertTrue(window.isAlive());
        } finally {
            window.destroyForcibly();
        }
    }

    /** Only Outlook's own windows get WM_CLOSE; a process without them is left running, never forced. */
    @Test
    void aProcessWithoutOutlookWindowsIsNotClosed() throws IOException {
        Process ping = new ProcessBuilder("ping", "-n", "30", "127.0.0.1").start();
        try {
            assertEquals(CloseOutcome.NO_WINDOW, processes.closeGracefully(info(ping, "PING.EXE"), Duration.ofSeconds(1)));
            assertTrue(ping.isAlive());
        } finally {
            ping.destroyForcibly();
        }
    }

    /** Outlook that exited by itself between listing and closing needs no close: it is started again. */
    @Test
    void aProcessThatHasExitedCountsAsClosed() throws Exception {
        Process ping = new ProcessBuilder("ping", "-n", "1", "127.0.0.1").start();
        ping.waitFor(); // Java still holds its handle, so the id cannot be reused yet

        assertEquals(CloseOutcome.CLOSED, processes.closeGracefully(info(ping, "PING.EXE"), Duration.ofSeconds(1)));
    }

    @Test
    void anIdNoProcessHasIsNotRunning() {
        int unused = Integer.MAX_VALUE - 3; // process ids are multiples of 4, far below this
        assertTrue(processes.list().stream().noneMatch(p -> p.pid() == unused));

        assertEquals(CloseOutcome.NOT_RUNNING, processes.closeGracefully(
                new ProcessInfo("OUTLOOK.EXE", unused, processes.currentSessionId()), Duration.ofSeconds(1)));
    }

    @Test
    void readsTheFullPathOfTheRunningProgram() throws Exception {
        Process window = OutlookLikeWindow.start();
        try {
            Path expected = Path.of(System.getProperty("java.home"), "bin", "java.exe").toRealPath();
            assertEquals(expected.toString().toLowerCase(Locale.ROOT),
                    processes.imagePath(info(window, "java.exe")).orElseThrow().toLowerCase(Locale.ROOT));
        } finally {
            window.destroyForcibly();
        }
    }

    /** What restart-outlook does last: ShellExecute (on its own COM thread) starts the program at a full path. */
    @Test
    void startsAProgramByItsFullPath(@TempDir Path temp) throws Exception {
        Path folder = Files.createDirectories(temp.resolve("a folder"));
        Path marker = folder.resolve("started.txt");
        Path program = folder.resolve("restart me.cmd");
        Files.writeString(program, "@echo started> \"%~dp0started.txt\"\r\n", StandardCharsets.US_ASCII);

        processes.start(program.toString());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(marker) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(marker), "the program did not run");
    }

    private ProcessInfo info(Process process, String image) {
        return new ProcessInfo(image, (int) process.pid(), processes.currentSessionId());
    }
}
