package dev.mapiagent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RawLoadTest {

    private HttpServer server;
    private String baseUrl;
    private final AtomicInteger answered = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // every third request refused, the others answered 200; the body is read in full first
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answered.incrementAndGet() % 3 == 0 ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void closedLoopCountsExpectedStatusesAsAnsweredAndOthersAsErrors() {
        Load.Result result = RawLoad.closedLoop("test", baseUrl, 4, Duration.ofMillis(500), () -> RawLoad.healthz(baseUrl),
                200);
        assertEquals(answered.get(), result.ok() + result.errors());
        assertEquals(answered.get() / 3, result.errors());
        assertEquals(result.ok(), result.latencies().count());
        assertTrue(result.firstError().startsWith("HTTP 503"), result.firstError());
    }

    @Test
    void openLoopSendsTheRateTimesTheDurationAndTimesEveryAnswer() {
        Load.Result result = RawLoad.openLoop("test", baseUrl, 4, 200, Duration.ofSeconds(1),
                () -> RawLoad.healthz(baseUrl), 200, 503);
        assertEquals(200, result.ok());
        assertEquals(0, result.errors());
        assertEquals(200, result.latencies().count());
    }

    @Test
    void aRefusedConnectionIsAnErrorNotAHang() {
        server.stop(0);
        Load.Result result = RawLoad.closedLoop("test", baseUrl, 2, Duration.ofMillis(200), () -> RawLoad.healthz(baseUrl),
                200);
        assertEquals(0, result.ok());
        assertTrue(result.errors() > 0);
        assertTrue(result.firstError().contains("Connection refused"), result.firstError());
    }
}
