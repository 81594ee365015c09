package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.collector.config.CollectorConfig;
import dev.mapiagent.collector.support.CollectorProcess;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With --tls-keystore the collector serves HTTPS only: TLS 1.2 and 1.3, with current cipher suites. */
class TlsTest {

    private static final String PASSWORD = "keystore-pass";

    @TempDir
    Path dir;

    private Path selfSignedKeystore() throws Exception {
        Path keystore = dir.resolve("collector.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "collector", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
        return keystore;
    }

    private static HttpClient trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void servesHttpsWithTheConfiguredKeystoreAndNoPlainHttp() throws Exception {
        Path keystore = selfSignedKeystore();
        CollectorConfig config = CollectorConfig.defaults(TestDatabase.H2.freshUrl()).withTls(keystore, PASSWORD);
        try (TestCollector collector = new TestCollector(config, Clock.systemUTC())) {
            HttpResponse<String> r = trusting(keystore).send(
                    HttpRequest.newBuilder(URI.create(collector.baseUrl() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(List.of(0), collector.headerCacheSizes(), "no per-connection header cache on HTTPS either");
            String plain = collector.baseUrl().replace("https://", "http://");
            assertThrows(java.io.IOException.class, () -> HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(plain + "/healthz")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
    }

    /**
     * The JDK's java.security may still allow old protocols and suites (an old JDK, or an admin who re-enabled
     * them): the collector and the probing client both run with such a java.security, so only the collector's own
     * configuration can refuse them.
     */
    @Test
    void refusesTls11AndTls12SuitesWithoutForwardSecrecyOrAeadEvenWhereTheJdkAllowsThem() throws Exception {
        Path permissive = dir.resolve("permissive.java.security");
        Files.writeString(permissive, "jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, NULL, anon\n");
        List<String> jvm = List.of("-Djava.security.properties=" + permissive);
        Path keystore = selfSignedKeystore();
        try (CollectorProcess collector = CollectorProcess.start(jvm, dir.resolve("collector.log"),
                "--data-dir", dir.resolve("data").toString(),
                "--tls-keystore", keystore.toString(), "--tls-keystore-password", PASSWORD)) {
            List<String> command = new java.util.ArrayList<>(List.of(CollectorProcess.java()));
            command.addAll(jvm);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    "dev.mapiagent.collector.support.TlsProbe", "127.0.0.1", Integer.toString(collector.port()),
                    "TLSv1.1", "TLSv1.2:TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLSv1.2", "TLSv1.3"));
            Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new String(probe.getInputStream().readAllBytes()).lines().toList();
            assertEquals(0, probe.waitFor(), String.join("\n", lines));
            assertEquals(4, lines.size(), String.join("\n", lines));
            assertEquals("refused TLSv1.1", lines.get(0));
            assertEquals("refused TLSv1.2:TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", lines.get(1));
            assertTrue(lines.get(2).matches("accepted TLSv1\\.2 TLS_ECDHE_ECDSA_WITH_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)"), lines.get(2));
            assertTrue(lines.get(3).startsWith("accepted TLSv1.3 TLS_"), lines.get(3));
        }
    }
}
