package dev.mapiagent.installer.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher of the unpacked package started the way the unit starts it (the unit's ExecStart= command, the
 * environment from collector.env as an administrator edited it), answering with the file's settings.
 */
class PackagedLauncherCheck {

    private static final String SECRET = "enrollment-secret-from-collector-env";
    private static final String ADMIN_PASSWORD = "admin-password-from-env";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    private static Path log;
    private static Path dataDir;
    private static int port;
    private static Process collector;

    @BeforeAll
    static void startTheLauncherWithTheEditedSettings() throws Exception {
        Path extracted = DebPackage.extracted();
        port = freePort();
        dataDir = Files.createDirectories(dir.resolve("state"));
        String settings = edit(DebPackage.read(extracted.resolve(DebPackage.ENV_FILE)),
                "MAPI_COLLECTOR_ENROLL_SECRET=", "MAPI_COLLECTOR_ENROLL_SECRET=\"" + SECRET + "\"",
                "MAPI_COLLECTOR_ADMIN_PASSWORD=", "MAPI_COLLECTOR_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
                "MAPI_COLLECTOR_PORT=8080", "MAPI_COLLECTOR_PORT=" + port,
                "#MAPI_COLLECTOR_DATA_DIR=/var/lib/mapi-collector", "MAPI_COLLECTOR_DATA_DIR=" + dataDir);

        String execStart = DebPackage.read(extracted.resolve(DebPackage.UNIT)).lines()
                .filter(line -> line.startsWith("ExecStart=")).findFirst().orElseThrow().substring("ExecStart=".length());
        assertEquals("/" + DebPackage.LAUNCHER + " serve", execStart);
        log = dir.resolve("journal.log");
        ProcessBuilder builder = new ProcessBuilder(extracted.resolve(DebPackage.LAUNCHER).toString(), "serve")
                .directory(dataDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // systemd starts a service with an environment of its own, not the caller's
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().putAll(EnvironmentFile.parse(settings));
        collector = builder.start();
    }

    @AfterAll
    static void stop() {
        if (collector != null) {
            collector.destroyForcibly();
        }
    }

    @Test
    void answersHealthzOnThePortFromTheFileAndStopsGracefullyOnSigterm() throws Exception {
        HttpResponse<String> health = awaitHealthz();
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("{\"status\":\"ok\"}", health.body());

        assertEquals(201, enroll(SECRET).statusCode(), "the enrollment secret comes from the file");
        assertEquals(401, enroll("another-secret").statusCode());
        HttpResponse<String> devices = send(HttpRequest.newBuilder(url("/api/v1/devices")).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))));
        assertEquals(200, devices.statusCode(), "the admin account was created from the file's password: " + devices.body());
        assertTrue(Files.exists(dataDir.resolve("mapi-collector.mv.db")), "the embedded database is in the data directory");

        collector.destroy(); // SIGTERM, as systemctl stop sends
        assertTrue(collector.waitFor(30, TimeUnit.SECONDS), "stopped within the unit's TimeoutStopSec=30");
        int exit = collector.exitValue();
        assertTrue(exit == 143 || exit == 0, "exit " + exit + " (143 is listed in SuccessExitStatus)");
        String journal = Files.readString(log);
        assertTrue(journal.contains("\"message\":\"stopped\""), journal);
    }

    private static HttpResponse<String> awaitHealthz() throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (true) {
            if (!collector.isAlive()) {
                throw new AssertionError("the launcher exited " + collector.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                return send(HttpRequest.newBuilder(url("/healthz")));
            } catch (ConnectException e) {
                assertTrue(Instant.now().isBefore(deadline), "no answer within 90 s:\n" + Files.readString(log));
                Thread.sleep(250);
            }
        }
    }

    private static HttpResponse<String> enroll(String secret) throws Exception {
        String body = "{\"enrollSecret\":\"" + secret + "\",\"deviceId\":\"pc-0001\",\"hostname\":\"PC-0001\",\"user\":\"ann\"}";
        return send(HttpRequest.newBuilder(url("/api/v1/enroll")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Replaces whole lines of the file as an administrator's edit would; each line must be there. */
    private static String edit(String text, String... fromTo) {
        String edited = "\n" + text + "\n";
        for (int i = 0; i < fromTo.length; i += 2) {
            String line = "\n" + fromTo[i] + "\n";
            assertTrue(edited.contains(line), "collector.env has no line " + fromTo[i]);
            edited = edited.replace(line, "\n" + fromTo[i + 1] + "\n");
        }
        return edited;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
