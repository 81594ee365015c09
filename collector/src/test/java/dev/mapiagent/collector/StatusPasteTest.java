package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.support.Http;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The paste box's endpoint reads a Connection Status table with the agent's own parser. */
class StatusPasteTest {

    private static final String RUNBOOK_FALLBACK = """
            === When MAPI/HTTP FAILS (falls back to HTTP) ===
            Server Name | Conn | Type | Protocol | Req/Fail
            ---------------------|------|----------|-----------|----------
            mail.domain.com | OK | Mail | HTTP | 45/3
            mail.domain.com | OK | Directory| HTTP | 12/1
            """;

    private static final String OUTLOOK_DIALOG = String.join("\t", "CID", "SMTP Address", "Proxy Server", "Server name",
            "Status", "Protocol", "Authn", "Type", "Req/Fail", "Conn") + "\r\n"
            + String.join("\t", "4", "ann@contoso.com", "outlook.office365.com", "mbx1@contoso.com", "Established",
            "HTTP", "Bearer*", "Mail", "120/0", "HTTPS") + "\r\n";

    private static TestCollector collector;
    private static String viewer;

    @BeforeAll
    static void start() {
        collector = new TestCollector(TestDatabase.H2.freshUrl(), Clock.systemUTC());
        viewer = collector.user("vera", "viewer");
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    private static Http.Response paste(String text, String contentType) {
        return collector.http().postBytes("/api/v1/parse-status", viewer, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theRunbookTableShowingHttpReadsAsAFallback() {
        Http.Response r = paste(RUNBOOK_FALLBACK, "text/plain; charset=utf-8");
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals("RPC_HTTP", body.path("protocol").asText());
        assertEquals("DEGRADED", body.path("verdict").asText());
        assertEquals("RUNBOOK", body.path("dialect").asText());
        assertEquals(2, body.path("rows").size());
        assertEquals("CONNECTION_FALLBACK", body.path("findings").path(0).path("code").asText());
        assertEquals("mail.domain.com", body.path("rows").path(0).path("server").asText());
    }

    @Test
    void outlooksOwnDialogShowingHttpReadsAsMapiOverHttp() {
        Http.Response r = paste(OUTLOOK_DIALOG, "text/plain");
        assertEquals(200, r.status(), r.body());
        assertEquals("MAPI_HTTP", r.json().path("protocol").asText());
        assertEquals("HEALTHY", r.json().path("verdict").asText());
        assertEquals(0, r.json().path("findings").size());
    }

    @Test
    void textWithoutATableIs400WithTheParsersReason() {
        Http.Response r = paste("Hello, my Outlook is broken.\n", "text/plain");
        assertEquals(400, r.status(), r.body());
        assertEquals("not a Connection Status table", r.json().path("error").asText());
        assertTrue(r.json().path("detail").asText().contains("no Connection Status table"), r.body());
        assertFalse(r.body().contains("Exception"));
    }

    @Test
    void jsonInsteadOfTextIs415() {
        assertEquals(415, paste("{}", "application/json").status());
    }

    @Test
    void anAgentTokenCannotUseThePasteBox() {
        String agent = collector.enroll("dev-paste", "PC-P");
        Http.Response r = collector.http().postBytes("/api/v1/parse-status", agent, "text/plain",
                RUNBOOK_FALLBACK.getBytes(StandardCharsets.UTF_8));
        assertEquals(403, r.status());
    }
}
