package dev.mapiagent.agent.collector;

import java.net.URI;

import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Run by {@link AgentTlsTest} in a JVM whose java.security allows TLS 1.1: serves TLS 1.1 only, connects once with a
 * plain JDK client (the control) and once with the agent's client, and prints what each got.
 */
public final class Tls11Probe {

    private Tls11Probe() {
    }

    public static void main(String[] args) throws Exception {
        TestTls tls = TestTls.create(Path.of(args[0]), "tls11");
        try (TlsTestServer server = new TlsTestServer(tls, new String[] {"TLSv1.1"}, null)) {
            System.out.println("plain JDK client: " + plainHandshake(tls, server));
            try {
                System.out.println("agent client: accepted HTTP " + AgentTlsTest.get(tls, server.url()));
            } catch (Exception e) {
                System.out.println("agent client: refused (" + e.getClass().getSimpleName() + ")");
            }
        }
    }

    private static String plainHandshake(TestTls tls, TlsTestServer server) throws Exception {
        SSLContext context = TrustAnchors.pinned(tls.pem());
        int port = URI.create(server.url()).getPort();
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.1"});
            socket.startHandshake();
            return "accepted " + socket.getSession().getProtocol();
        } catch (Exception e) {
            return "refused (" + e + ")";
        }
    }
}
