package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import dev.mapiagent.protocol.ProtocolJson;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Requests the server refuses before any route runs get the API's JSON error shape, like every other error. */
class MalformedHttpTest {

    private static TestCollector collector;

    @BeforeAll
    static void start() {
        collector = new TestCollector(TestDatabase.H2.freshUrl(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    private record Raw(int status, String headers, String body) {
    }

    private static Raw send(String request) throws Exception {
        int port = collector.app().port();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String head = response.substring(0, end);
            String body = response.substring(end + 4);
            return new Raw(Integer.parseInt(head.substring(9, 12)), head.toLowerCase(Locale.ROOT), body);
        }
    }

    private static void assertJsonError(Raw raw, int status) throws Exception {
        assertEquals(status, raw.status(), raw.headers() + "\n" + raw.body());
        assertTrue(raw.headers().contains("content-type: application/json"), raw.headers());
        JsonNode json = ProtocolJson.mapper().readTree(raw.body());
        assertFalse(json.path("error").asText().isBlank(), raw.body());
        assertFalse(raw.body().contains("<html") || raw.body().contains("\tat "), raw.body());
    }

    @Test
    void aHeaderLineWithoutAColonIsAJsonBadRequest() throws Exception {
        assertJsonError(send("GET /healthz HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n"), 400);
    }

    @Test
    void brokenChunkedFramingIsAJsonBadRequest() throws Exception {
        assertJsonError(send("POST /api/v1/enroll HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz-not-a-size\r\n{}\r\n0\r\n\r\n"), 400);
    }

    @Test
    void headersTooLargeAreAJsonError() throws Exception {
        assertJsonError(send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n"), 431);
    }

    @Test
    void anUnknownHttpVersionIsAJsonError() throws Exception {
        Raw raw = send("GET /healthz HTTP/7.1\r\nHost: x\r\n\r\n");
        assertTrue(raw.status() >= 400, raw.headers());
        assertJsonError(raw, raw.status());
    }

    @Test
    void anAbortedUploadIsLoggedAsOneLineWithoutAStackTrace() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.mapiagent.collector.api.ErrorHandling");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            try (Socket socket = new Socket("127.0.0.1", collector.app().port())) {
                socket.getOutputStream().write(("POST /api/v1/enroll HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"deviceId\":")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                Thread.sleep(200);
            }
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (events.list.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, events.list.size(), events.list.toString());
            ILoggingEvent event = events.list.get(0);
            assertEquals("request not received", event.getMessage());
            assertEquals(Level.WARN, event.getLevel());
            assertEquals(null, event.getThrowableProxy());
        } finally {
            logger.detachAppender(events);
        }
    }
}
