package dev.mapiagent.installer.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS through nginx (Debian's package) in front of the packaged collector, configured as collector/README.md
 * shows: nginx terminates TLS and overwrites X-Forwarded-For with the client's address; the collector believes
 * that header only from the proxy's address (MAPI_COLLECTOR_TRUSTED_PROXIES). Three loopback addresses stand
 * for three machines: the client 127.0.0.3, the proxy's outgoing address 127.0.0.2, the collector 127.0.0.1.
 */
class PackagedBehindNginxCheck {

    private static final String CLIENT = "127.0.0.3";
    private static final String PROXY = "127.0.0.2";
    private static final String SPOOFED = "203.0.113.9";
    private static final Pattern REQUEST_LINE = Pattern.compile("\\{\"client\":\"([^\"]*)\"},\\{\"method\":\"GET\"},\\{\"path\":\"([^\"]*)\"}");

    @Test
    void theClientAddressIsTheOneNginxSawAndAForgedHeaderIsIgnored(@TempDir Path dir) throws Exception {
        String nginxBinary = DebPackage.requireTool("nginx", "nginx");
        DebPackage.requireTool("curl", "curl");
        DebPackage.requireTool("openssl", "openssl");
        assertEquals(0, DebPackage.run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"), Map.of(), dir).exitCode());

        try (PackagedCollector collector = PackagedCollector.start(dir, Map.of(
                "MAPI_COLLECTOR_ENROLL_SECRET=", "MAPI_COLLECTOR_ENROLL_SECRET=secret-behind-nginx",
                "MAPI_COLLECTOR_PORT=8080", "MAPI_COLLECTOR_PORT=@PORT@",
                "#MAPI_COLLECTOR_DATA_DIR=/var/lib/mapi-collector", "MAPI_COLLECTOR_DATA_DIR=" + dir.resolve("state"),
                "#MAPI_COLLECTOR_TRUSTED_PROXIES=127.0.0.1", "MAPI_COLLECTOR_TRUSTED_PROXIES=" + PROXY))) {
            collector.awaitAnswer(PackagedCollector.client(), HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + collector.port + "/healthz")).timeout(Duration.ofSeconds(30)).build());
            int nginxPort = freePort();
            Files.createDirectories(dir.resolve("nginx-temp"));
            Files.writeString(dir.resolve("nginx.conf"), nginxConf(dir, nginxPort, collector.port));
            Process nginx = new ProcessBuilder(nginxBinary, "-e", "stderr", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.log").toFile()).start();
            try {
                String viaNginx = awaitCurl(nginx, dir, "--cacert", dir.resolve("cert.pem").toString(),
                        "https://127.0.0.1:" + nginxPort + "/healthz");
                assertEquals("{\"status\":\"ok\"}", viaNginx);
                curl(dir, "http://127.0.0.1:" + collector.port + "/api/v1/session");
            } finally {
                nginx.destroy();
                nginx.waitFor(10, TimeUnit.SECONDS);
            }
            Map<String, String> clientByPath = new java.util.HashMap<>();
            Matcher lines = REQUEST_LINE.matcher(awaitJournal(collector, "/api/v1/session"));
            while (lines.find()) {
                assertFalse(lines.group(1).equals(SPOOFED) || lines.group(1).equals(PROXY), "logged client " + lines.group(1));
                clientByPath.merge(lines.group(2), lines.group(1), (a, b) -> b);
            }
            assertEquals(CLIENT, clientByPath.get("/healthz"), "through nginx: the address nginx saw");
            assertEquals(CLIENT, clientByPath.get("/api/v1/session"), "straight to the collector: the header is ignored");
        }
    }

    /**
     * The nginx site of collector/README.md, "Behind nginx", with the test's ports and files. nginx stays in the
     * foreground: a daemonising start would exit 0 at once, which the test would read as nginx having failed.
     */
    private static String nginxConf(Path dir, int nginxPort, int collectorPort) {
        String temp = dir.resolve("nginx-temp").toString();
        return """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    server {
                        listen 127.0.0.1:%3$d ssl;
                        ssl_certificate %1$s/cert.pem;
                        ssl_certificate_key %1$s/key.pem;
                        client_max_body_size 1m;
                        location / {
                            proxy_pass http://127.0.0.1:%4$d;
                            proxy_bind %5$s;
                            proxy_http_version 1.1;
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-For $remote_addr;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            proxy_read_timeout 90s;
                        }
                    }
                }
                """.formatted(dir, temp, nginxPort, collectorPort, PROXY);
    }

    private static String awaitCurl(Process nginx, Path dir, String... arguments) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (!nginx.isAlive()) {
                throw new AssertionError("nginx exited " + nginx.exitValue() + ": " + Files.readString(dir.resolve("nginx.log")));
            }
            DebPackage.Result result = curlResult(dir, arguments);
            if (result.exitCode() == 0) {
                return result.output();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nginx did not answer: " + Files.readString(dir.resolve("nginx.log")));
    }

    private static void curl(Path dir, String... arguments) {
        DebPackage.Result result = curlResult(dir, arguments);
        assertEquals(0, result.exitCode(), result.output());
    }

    /** curl from the client's address, sending a forged X-Forwarded-For. */
    private static DebPackage.Result curlResult(Path dir, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "--max-time", "30", "--interface", CLIENT,
                "-H", "X-Forwarded-For: " + SPOOFED));
        command.addAll(List.of(arguments));
        return DebPackage.run(command, Map.of(), dir);
    }

    /** The collector's log once the request line for {@code path} is in it (it is written after the answer). */
    private static String awaitJournal(PackagedCollector collector, String path) throws Exception {
        for (int i = 0; i < 100; i++) {
            String journal = collector.journal().replace("\\/", "/"); // the JSON lines escape '/'
            if (journal.contains("{\"path\":\"" + path + "\"}")) {
                return journal;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no request line for " + path + ":\n" + collector.journal());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
