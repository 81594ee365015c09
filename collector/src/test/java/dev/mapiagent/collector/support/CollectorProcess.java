package dev.mapiagent.collector.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real collector ({@code mapi-collector serve}) in a JVM of its own, on the test's class path, so a test can
 * kill it as an operating system would ({@link #kill}: SIGKILL) and start it again on the same data.
 */
public final class CollectorProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private CollectorProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code serve} with the test enrollment secret and admin password plus the given options, and waits until
     * /healthz answers.
     *
     * @param log where the process's output goes
     */
    public static CollectorProcess start(Path log, String... options) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.mapiagent.collector.Main", "serve",
                "--port", Integer.toString(port),
                "--enroll-secret", TestCollector.ENROLL_SECRET, "--admin-password", TestCollector.ADMIN_PASSWORD));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        CollectorProcess collector = new CollectorProcess(process, port);
        collector.awaitHealthy(log);
        return collector;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitHealthy(Path log) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the collector exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                if (http().get("/healthz", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        fail("the collector did not answer /healthz within 60 s: " + Files.readString(log));
    }

    public Http http() {
        return new Http("http://127.0.0.1:" + port);
    }

    /** SIGKILL: the process gets no chance to flush or close anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
