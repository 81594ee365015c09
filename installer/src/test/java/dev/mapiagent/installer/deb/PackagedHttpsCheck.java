package dev.mapiagent.installer.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS the way collector/README.md tells an administrator to set it up: the certificate and key (PEM) turned into
 * a PKCS12 keystore with openssl, named in collector.env, served by the package's own trimmed runtime (whose EC
 * and TLS support come from modules jdeps cannot see).
 */
class PackagedHttpsCheck {

    private static final String KEYSTORE_PASSWORD = "keystore-password-in-env";

    @Test
    void servesHttpsWithAnOpensslMadeKeystoreFromCollectorEnvAndNoPlainHttp(@TempDir Path dir) throws Exception {
        DebPackage.requireTool("openssl", "openssl");
        Path cert = dir.resolve("cert.pem");
        Path keystore = dir.resolve("collector.p12");
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1");
        // the command of collector/README.md, "HTTPS with the collector's own certificate"
        openssl(dir, "pkcs12", "-export", "-in", "cert.pem", "-inkey", "key.pem", "-name", "mapi-collector",
                "-out", "collector.p12", "-passout", "pass:" + KEYSTORE_PASSWORD);

        try (PackagedCollector collector = PackagedCollector.start(dir, Map.of(
                "MAPI_COLLECTOR_ENROLL_SECRET=", "MAPI_COLLECTOR_ENROLL_SECRET=secret-for-https",
                "MAPI_COLLECTOR_PORT=8080", "MAPI_COLLECTOR_PORT=@PORT@",
                "#MAPI_COLLECTOR_DATA_DIR=/var/lib/mapi-collector", "MAPI_COLLECTOR_DATA_DIR=" + dir.resolve("state"),
                "#MAPI_COLLECTOR_TLS_KEYSTORE=/etc/mapi-collector/collector.p12", "MAPI_COLLECTOR_TLS_KEYSTORE=" + keystore,
                "#MAPI_COLLECTOR_TLS_KEYSTORE_PASSWORD=", "MAPI_COLLECTOR_TLS_KEYSTORE_PASSWORD=" + KEYSTORE_PASSWORD))) {
            HttpRequest https = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + collector.port + "/healthz"))
                    .timeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> health = collector.awaitAnswer(trusting(cert), https);
            assertEquals(200, health.statusCode(), health.body());

            HttpRequest plain = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.port + "/healthz"))
                    .timeout(Duration.ofSeconds(5)).build();
            assertThrows(IOException.class, () -> PackagedCollector.client().send(plain, HttpResponse.BodyHandlers.ofString()));
        }
    }

    private static void openssl(Path dir, String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        DebPackage.Result result = DebPackage.run(command, Map.of(), dir);
        assertEquals(0, result.exitCode(), result.output());
    }

    private static HttpClient trusting(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("collector", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(30)).build();
    }
}
