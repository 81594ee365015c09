package dev.mapiagent.agent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.BadInputException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CollectorAddressTest {

    @Test
    void httpsIsAccepted() {
        assertEquals(URI.create("https://collector.contoso.com/"), CollectorAddress.parse("https://collector.contoso.com").base());
    }

    @Test
    void apiPathsResolveBelowAPathPrefix() {
        CollectorAddress address = CollectorAddress.parse("https://proxy.contoso.com/mapi-collector");

        assertEquals(URI.create("https://proxy.contoso.com/mapi-collector/api/v1/reports"), address.resolve("api/v1/reports"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1:8080", "http://127.5.6.7", "http://[::1]:8080"})
    void plainHttpIsAcceptedForLoopback(String url) {
        assertEquals("http", CollectorAddress.parse(url).base().getScheme());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://collector.contoso.com", "http://10.0.0.5:8080", "http://localhost.evil.com",
        "http://127.0.0.1.nip.io"})
    void plainHttpIsRefusedForAnyOtherHost(String url) {
        BadInputException e = assertThrows(BadInputException.class, () -> CollectorAddress.parse(url));

        assertTrue(e.getMessage().startsWith("CollectorUrl uses plain http to a non-loopback host"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://collector.contoso.com", "collector.contoso.com", "https://user:pw@collector.contoso.com",
        "https://collector.contoso.com/?x=1"})
    void otherFormsAreRefused(String url) {
        assertThrows(BadInputException.class, () -> CollectorAddress.parse(url));
    }

    @Test
    void missingUrlSaysWhereToConfigureIt() {
        BadInputException e = assertThrows(BadInputException.class, () -> CollectorAddress.parse(""));

        assertTrue(e.getMessage().startsWith("CollectorUrl is not configured"));
    }
}
