package dev.mapiagent.agent.collector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * An HTTPS server that speaks only the TLS versions and cipher suites it is given and answers every request with
 * 200 {}: the far end of a TLS negotiation test.
 */
final class TlsTestServer implements AutoCloseable {

    private final SSLServerSocket socket;
    private final Thread acceptor;

    TlsTestServer(TestTls tls, String[] protocols, String[] cipherSuites) throws IOException {
        socket = (SSLServerSocket) tls.serverContext().getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        socket.setEnabledProtocols(protocols);
        if (cipherSuites != null) {
            socket.setEnabledCipherSuites(cipherSuites);
        }
        acceptor = new Thread(this::serve, "tls-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "https://localhost:" + socket.getLocalPort() + "/";
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                ((SSLSocket) client).startHandshake();
                readHeaders(client.getInputStream());
                OutputStream out = client.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException refusedOrClosed) {
                // a refused handshake is what some tests expect; the next connection is served
            }
        }
    }

    private static void readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            seen.write(b);
            if (seen.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
