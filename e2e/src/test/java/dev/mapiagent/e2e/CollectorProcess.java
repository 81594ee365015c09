package dev.mapiagent.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real collector jar as a process on a free loopback port, with its helpdesk API used as an admin. */
final class CollectorProcess implements AutoCloseable {

    static final String ENROLL_SECRET = "e2e-enroll-secret-0123456789";
    private static final String ADMIN_PASSWORD = "E2e-admin-password-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path jar;
    private final Path dataDir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    CollectorProcess(Path jar, Path dataDir) throws IOException {
        this.jar = jar;
        this.dataDir = dataDir;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts (or restarts, on the same port and database) and waits until /healthz answers. */
    void start() throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(), "serve", "--port", Integer.toString(port),
                "--data-dir", dataDir.toString(), "--enroll-secret", ENROLL_SECRET, "--admin-password", ADMIN_PASSWORD))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("collector.log").toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("collector exited with " + process.exitValue() + ": "
                        + Files.readString(dataDir.resolve("collector.log")));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url() + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("collector did not start within 90 s");
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    JsonNode device(String deviceId) throws IOException, InterruptedException {
        return get("/api/v1/devices/" + deviceId + "?history=1000");
    }

    JsonNode queueHeal(String deviceId, String... actions) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(JSON.createObjectNode().set("actions", JSON.valueToTree(actions)));
        HttpResponse<String> response = http.send(admin("/api/v1/devices/" + deviceId + "/heal")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("queueing a heal gave " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(admin(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " gave " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder admin(String path) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url() + path)).header("Authorization", "Basic " + basic)
                .timeout(Duration.ofSeconds(30));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
