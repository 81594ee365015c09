package dev.mapiagent.agent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's client speaks TLS 1.3 and 1.2 with forward-secret AEAD suites, and nothing older or weaker. */
class AgentTlsTest {

    @TempDir
    Path temp;

    @Test
    void aServerOnTls13IsAccepted() throws Exception {
        TestTls tls = TestTls.create(temp, "collector");
        try (TlsTestServer server = new TlsTestServer(tls, new String[] {"TLSv1.3"}, null)) {
            assertEquals(200, get(tls, server.url()));
        }
    }

    @Test
    void aServerOnTls12WithAnAeadSuiteIsAccepted() throws Exception {
        TestTls tls = TestTls.create(temp, "collector");
        try (TlsTestServer server = new TlsTestServer(tls, new String[] {"TLSv1.2"},
                new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"})) {
            assertEquals(200, get(tls, server.url()));
        }
    }

    @Test
    void aServerOnTls12OfferingOnlyACbcSuiteIsRefused() throws Exception {
        TestTls tls = TestTls.create(temp, "collector");
        try (TlsTestServer server = new TlsTestServer(tls, new String[] {"TLSv1.2"},
                new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"})) {
            assertThrows(SSLException.class, () -> get(tls, server.url()));
        }
    }

    /**
     * This JVM's java.security already disables TLS 1.1, which would hide what the agent does: the check runs in a
     * second JVM where java.security allows TLS 1.1 again (as an old or edited JRE may), and a plain JDK client there
     * shows that the server does speak it.
     */
    @Test
    void aServerOfferingOnlyTls11IsRefusedEvenWhereTheJvmAllowsIt() throws Exception {
        Path security = Files.writeString(temp.resolve("tls11.security"),
                "jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, MD5withRSA, DH keySize < 1024, EC keySize < 224, NULL\n");
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.properties=" + security, "-cp", System.getProperty("java.class.path"),
                Tls11Probe.class.getName(), temp.toString())
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, probe.waitFor(), output);

        List<String> lines = output.lines().toList();
        assertTrue(lines.contains("plain JDK client: accepted TLSv1.1"), output);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("agent client: refused")), output);
    }

    static int get(TestTls tls, String url) throws IOException {
        try (CloseableHttpClient client = AgentHttp.client(TrustAnchors.pinned(tls.pem()), Duration.ofSeconds(5),
                Duration.ofSeconds(5))) {
            return client.execute(new HttpGet(url), response -> response.getCode());
        }
    }
}
