package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A thousand connections dribbling request bodies from one client address do not freeze the collector: while they
 * are held open, another client's health checks and helpdesk API calls keep answering.
 */
class SlowConnectionsTest {

    private static final int SLOW_CONNECTIONS = 1000;
    private static final Duration HOLD = Duration.ofSeconds(6);

    @Test
    void aThousandSlowUploadsDoNotStopAnotherClientsApiCalls() throws Exception {
        try (TestCollector collector = new TestCollector(TestDatabase.H2.freshUrl(), Clock.systemUTC())) {
            int port = collector.app().port();
            List<Socket> slow = new ArrayList<>();
            try {
                byte[] head = ("POST /api/v1/enroll HTTP/1.1\r\nHost: collector\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                    Socket socket = new Socket();
                    // another loopback address: the attacker is one client address, the helpdesk another
                    socket.bind(new InetSocketAddress("127.0.0.2", 0));
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                    socket.getOutputStream().write(head);
                    slow.add(socket);
                }
                HttpClient helpdesk = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                long end = System.nanoTime() + HOLD.toNanos();
                int answered = 0;
                while (System.nanoTime() < end) {
                    dribble(slow);
                    assertEquals(200, call(helpdesk, collector.baseUrl() + "/healthz", null));
                    assertEquals(200, call(helpdesk, collector.baseUrl() + "/api/v1/devices", TestCollector.admin()));
                    answered++;
                    Thread.sleep(500);
                }
                assertTrue(answered >= 3, "only " + answered + " rounds of calls in " + HOLD);
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }

    /** One more byte on every slow connection still open: far below any reasonable data rate. */
    private static void dribble(List<Socket> slow) {
        for (Socket socket : slow) {
            try {
                socket.getOutputStream().write(' ');
            } catch (IOException closedByTheServer) {
                // the collector gave up on it: that is allowed
            }
        }
    }

    private static int call(HttpClient client, String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

}
