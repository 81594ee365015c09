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
        return start(List.of(), log, options);
    }

    /** As {@link #start(Path, String...)}, with options for the JVM (system properties). */
    public static CollectorProcess start(List<String> jvmOptions, Path log, String... options)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.mapiagent.collector.Main", "serve",
                "--port", Integer.toString(port),
                "--enroll-secret", TestCollector.ENROLL_SECRET, "--admin-password", TestCollector.ADMIN_PASSWORD));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        CollectorProcess collector = new CollectorProcess(process, port);
        collector.awaitListening(log, !command.contains("--tls-keystore"));
        return collector;
    }

    /** The java launcher of the JVM running the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public int port() {
        return port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Until /healthz answers (plain HTTP) or the port takes connections (HTTPS). */
    private void awaitListening(Path log, boolean plainHttp) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the collector exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                if (plainHttp ? http().get("/healthz", null).status() == 200 : accepts()) {
                    return;
                }
            } catch (RuntimeException | IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        fail("the collector did not start listening within 60 s: " + Files.readString(log));
    }

    private boolean accepts() throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        }
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
