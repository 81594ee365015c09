package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mapiagent.collector.config.CollectorConfig;
import dev.mapiagent.collector.config.TrustedProxies;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The request log names the client: the peer, or what a trusted reverse proxy put in X-Forwarded-For. */
class ClientAddressLogTest {

    private final ListAppender<ILoggingEvent> requests = new ListAppender<>();
    private final Logger httpLog = (Logger) LoggerFactory.getLogger("dev.mapiagent.collector.http");
    private Level testLevel;

    @BeforeEach
    void captureRequestLog() {
        // logback-test.xml keeps request lines out of the test output (WARN); here they are the subject
        testLevel = httpLog.getLevel();
        httpLog.setLevel(Level.INFO);
        httpLog.setAdditive(false);
        requests.start();
        httpLog.addAppender(requests);
    }

    @AfterEach
    void release() {
        httpLog.detachAppender(requests);
        httpLog.setAdditive(true);
        httpLog.setLevel(testLevel);
    }

    @Test
    void behindATrustedProxyTheClientIsTheForwardedAddress() throws Exception {
        assertEquals("198.51.100.7", loggedClient(TrustedProxies.parse("127.0.0.1"), "198.51.100.7"));
    }

    @Test
    void fromAnUntrustedPeerTheForwardedHeaderIsIgnored() throws Exception {
        assertEquals("127.0.0.1", loggedClient(TrustedProxies.parse("10.0.0.5"), "198.51.100.7"));
        assertEquals("127.0.0.1", loggedClient(TrustedProxies.NONE, "198.51.100.7"));
    }

    private String loggedClient(TrustedProxies proxies, String forwardedFor) throws Exception {
        CollectorConfig config = CollectorConfig.defaults(TestDatabase.H2.freshUrl()).withTrustedProxies(proxies);
        requests.list.clear();
        try (TestCollector collector = new TestCollector(config, Clock.systemUTC())) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(collector.baseUrl() + "/healthz")).header("X-Forwarded-For", forwardedFor).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            ILoggingEvent request = awaitRequestLine();
            return request.getKeyValuePairs().stream().filter(pair -> pair.key.equals("client"))
                    .map(pair -> String.valueOf(pair.value)).findFirst().orElseThrow();
        }
    }

    /** Jetty logs the request after the answer is sent, so the line may come a moment after the response. */
    private ILoggingEvent awaitRequestLine() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            synchronized (requests) {
                if (!requests.list.isEmpty()) {
                    return requests.list.get(0);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no request line logged");
    }
}
