package dev.mapiagent.agent.diagnosis.probe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/** An HTTPS server on localhost answering /mapi like a healthy or a broken Exchange server. */
final class FakeExchange implements AutoCloseable {

    private final HttpsServer server;
    private volatile int healthStatus = 200;
    private volatile int emsmdbStatus = 401;
    private volatile List<String> challenges = List.of("Negotiate", "NTLM");
    final List<String> authorizationHeaders = new CopyOnWriteArrayList<>();

    FakeExchange(SSLContext tls) {
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/mapi/healthcheck.htm", ex -> answer(ex, healthStatus, List.of()));
        server.createContext("/mapi/emsmdb/", ex -> answer(ex, emsmdbStatus, emsmdbStatus == 401 ? challenges : List.of()));
        server.start();
    }

    FakeExchange answering(int health, int emsmdb, List<String> wwwAuthenticate) {
        healthStatus = health;
        emsmdbStatus = emsmdb;
        challenges = wwwAuthenticate;
        return this;
    }

    URI origin() {
        return URI.create("https://localhost:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange ex, int status, List<String> wwwAuthenticate) throws IOException {
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            authorizationHeaders.add(authorization);
        }
        ex.getResponseHeaders().put("WWW-Authenticate", wwwAuthenticate);
        byte[] body = (status == 200 ? "<html>200 OK</html>" : "error " + status).getBytes();
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
