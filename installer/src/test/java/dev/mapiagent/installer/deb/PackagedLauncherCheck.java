package dev.mapiagent.installer.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unpacked package's launcher serving with the settings of collector.env, and stopping on SIGTERM. */
class PackagedLauncherCheck {

    private static final String SECRET = "enrollment-secret-from-collector-env";
    private static final String ADMIN_PASSWORD = "admin-password-from-env";

    private final HttpClient http = PackagedCollector.client();

    @Test
    void answersHealthzOnThePortFromTheFileWithItsSecretsAndStopsGracefullyOnSigterm(@TempDir Path dir) throws Exception {
        Path dataDir = Files.createDirectories(dir.resolve("state"));
        try (PackagedCollector collector = PackagedCollector.start(dir, Map.of(
                "MAPI_COLLECTOR_ENROLL_SECRET=", "MAPI_COLLECTOR_ENROLL_SECRET=\"" + SECRET + "\"",
                "MAPI_COLLECTOR_ADMIN_PASSWORD=", "MAPI_COLLECTOR_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
                "MAPI_COLLECTOR_PORT=8080", "MAPI_COLLECTOR_PORT=@PORT@",
                "#MAPI_COLLECTOR_DATA_DIR=/var/lib/mapi-collector", "MAPI_COLLECTOR_DATA_DIR=" + dataDir))) {
            HttpResponse<String> health = collector.awaitAnswer(http, get(collector, "/healthz").build());
            assertEquals(200, health.statusCode(), health.body());
            assertEquals("{\"status\":\"ok\"}", health.body());

            assertEquals(201, enroll(collector, SECRET).statusCode(), "the enrollment secret comes from the file");
            assertEquals(401, enroll(collector, "another-secret").statusCode());
            String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> devices = send(get(collector, "/api/v1/devices").header("Authorization", "Basic " + basic));
            assertEquals(200, devices.statusCode(), "the admin account comes from the file's password: " + devices.body());
            assertTrue(Files.exists(dataDir.resolve("mapi-collector.mv.db")), "the embedded database is in the data directory");

            collector.process.destroy(); // SIGTERM, as systemctl stop sends
            assertTrue(collector.process.waitFor(30, TimeUnit.SECONDS), "stopped within the unit's TimeoutStopSec=30");
            int exit = collector.process.exitValue();
            assertTrue(exit == 143 || exit == 0, "exit " + exit + " (143 is listed in SuccessExitStatus)");
            assertTrue(collector.journal().contains("\"message\":\"stopped\""), collector.journal());
        }
    }

    private HttpResponse<String> enroll(PackagedCollector collector, String secret) throws Exception {
        String body = "{\"enrollSecret\":\"" + secret + "\",\"deviceId\":\"pc-0001\",\"hostname\":\"PC-0001\",\"user\":\"ann\"}";
        return send(HttpRequest.newBuilder(url(collector, "/api/v1/enroll")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder get(PackagedCollector collector, String path) {
        return HttpRequest.newBuilder(url(collector, path)).timeout(Duration.ofSeconds(30));
    }

    private static URI url(PackagedCollector collector, String path) {
        return URI.create("http://127.0.0.1:" + collector.port + path);
    }
}
