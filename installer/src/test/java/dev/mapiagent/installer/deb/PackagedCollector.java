package dev.mapiagent.installer.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The launcher of the unpacked package started the way the unit starts it: the unit's ExecStart= command, in an
 * environment of its own made from collector.env as an administrator edited it.
 */
final class PackagedCollector implements AutoCloseable {

    final int port;
    final Path log;
    final Process process;

    private PackagedCollector(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts the launcher with the shipped collector.env where each line named in {@code edits} is replaced by the
     * line it maps to ({@code @PORT@} in a replacement becomes a free port), in {@code dir}.
     */
    static PackagedCollector start(Path dir, Map<String, String> edits) throws IOException {
        Path extracted = DebPackage.extracted();
        int port = freePort();
        String settings = "\n" + DebPackage.read(extracted.resolve(DebPackage.ENV_FILE)) + "\n";
        for (Map.Entry<String, String> edit : edits.entrySet()) {
            String line = "\n" + edit.getKey() + "\n";
            assertTrue(settings.contains(line), "collector.env has no line " + edit.getKey());
            settings = settings.replace(line, "\n" + edit.getValue().replace("@PORT@", Integer.toString(port)) + "\n");
        }
        String execStart = DebPackage.read(extracted.resolve(DebPackage.UNIT)).lines()
                .filter(line -> line.startsWith("ExecStart=")).findFirst().orElseThrow().substring("ExecStart=".length());
        assertEquals("/" + DebPackage.LAUNCHER + " serve", execStart);

        Path log = dir.resolve("journal.log");
        ProcessBuilder builder = new ProcessBuilder(extracted.resolve(DebPackage.LAUNCHER).toString(), "serve")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // systemd starts a service with an environment of its own, not the caller's
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().putAll(EnvironmentFile.parse(settings));
        return new PackagedCollector(port, log, builder.start());
    }

    /** The first answer to {@code request} once the collector listens (90 s at most: a busy CI machine). */
    HttpResponse<String> awaitAnswer(HttpClient client, HttpRequest request) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("the launcher exited " + process.exitValue() + ":\n" + journal());
            }
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                assertTrue(Instant.now().isBefore(deadline), "no answer within 90 s:\n" + journal());
                Thread.sleep(250);
            }
        }
    }

    String journal() throws IOException {
        return Files.readString(log);
    }

    static HttpClient client() {
        // generous: the first TLS handshake of a cold JVM on a busy CI machine counts as connecting
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
