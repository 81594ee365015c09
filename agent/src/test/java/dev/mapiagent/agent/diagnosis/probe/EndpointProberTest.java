package dev.mapiagent.agent.diagnosis.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.collector.AgentHttp;
import dev.mapiagent.agent.collector.TestTls;
import dev.mapiagent.agent.collector.TrustAnchors;
import dev.mapiagent.protocol.Finding;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prober against a local HTTPS server that answers like a healthy and like a broken Exchange /mapi. */
class EndpointProberTest {

    @TempDir
    static Path temp;

    private static TestTls trusted;
    private static TestTls untrusted;
    private static CloseableHttpClient http;

    @BeforeAll
    static void certificates() {
        trusted = TestTls.create(temp, "exchange");
        untrusted = TestTls.create(temp, "inspection-proxy");
        http = AgentHttp.client(TrustAnchors.pinned(trusted.pem()), Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    @AfterAll
    static void closeClient() throws IOException {
        http.close();
    }

    @Test
    void healthyServerGivesNoFinding() {
        try (FakeExchange exchange = new FakeExchange(trusted.serverContext())) {
            assertEquals(List.of(), probe(exchange.origin()));
        }
    }

    @Test
    void noCredentialsAreSent() {
        try (FakeExchange exchange = new FakeExchange(trusted.serverContext())) {
            probe(exchange.origin());

            assertEquals(List.of(), exchange.authorizationHeaders);
        }
    }

    @Test
    void bearerAloneIsAnAcceptedScheme() {
        try (FakeExchange exchange = new FakeExchange(trusted.serverContext()).answering(200, 401,
                List.of("Bearer client_id=\"00000002-0000-0ff1-ce00-000000000000\", trusted_issuers=\"x\""))) {
            assertEquals(List.of(), probe(exchange.origin()));
        }
    }

    @Test
    void serviceUnavailableNamesTheApplicationPool() {
        try (FakeExchange exchange = new FakeExchange(trusted.serverContext()).answering(503, 503, List.of())) {
            List<Finding> findings = probe(exchange.origin());

            assertEquals(List.of("MAPI_ENDPOINT_HTTP_503"), codes(findings));
            assertTrue(findings.get(0).message().contains("application pool"));
            assertTrue(findings.get(0).evidence().endsWith("/mapi/healthcheck.htm -> HTTP 503"));
        }
    }

    @Test
    void notFoundNamesTheVirtualDirectoryOrLoadBalancerPath() {
        try (FakeExchange exchange = new FakeExchange(trusted.serverContext()).answering(404, 404, List.of())) {
            List<Finding> findings = probe(exchange.origin());

            assertEquals(List.of("MAPI_ENDPOINT_HTTP_404"), codes(findings));
            assertTrue(findings.get(0).message().contains("virtual directory"));
        }
    }

    @Test
    void untrustedCertificateIsATlsFinding() {
        try (FakeExchange exchange = new FakeExchange(untrusted.serverContext())) {
            List<Finding> findings = probe(exchange.origin());

            assertEquals(List.of("MAPI_ENDPOINT_TLS_ERROR"), codes(findings));
            assertTrue(findings.get(0).message().contains("SSL inspection"));
        }
    }

    @Test
    void challengeWithoutNegotiateNtlmOrBearerIsAnAuthenticationFinding() {
        try (FakeExchange exchange = new FakeExchange(trusted.serverContext()).answering(200, 401,
                List.of("Basic realm=\"mail.contoso.com\""))) {
            List<Finding> findings = probe(exchange.origin());

            assertEquals(List.of("MAPI_ENDPOINT_AUTH_SCHEMES"), codes(findings));
            assertTrue(findings.get(0).evidence().endsWith("WWW-Authenticate: Basic"), findings.get(0).evidence());
        }
    }

    @Test
    void unauthorizedWithoutAnyChallengeIsAnAuthenticationFinding() {
        try (FakeExchange exchange = new FakeExchange(trusted.serverContext()).answering(200, 401, List.of())) {
            assertEquals(List.of("MAPI_ENDPOINT_AUTH_SCHEMES"), codes(probe(exchange.origin())));
        }
    }

    @Test
    void healthyHealthcheckButStoppedEmsmdbIsStillFound() {
        try (FakeExchange exchange = new FakeExchange(trusted.serverContext()).answering(200, 503, List.of())) {
            assertEquals(List.of("MAPI_ENDPOINT_HTTP_503"), codes(probe(exchange.origin())));
        }
    }

    @Test
    void closedPortIsUnreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        assertEquals(List.of("MAPI_ENDPOINT_UNREACHABLE"), codes(probe(URI.create("https://localhost:" + port))));
    }

    private static List<Finding> probe(URI origin) {
        return new EndpointProber(http).probe(origin);
    }

    private static List<String> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).toList();
    }
}
