package dev.mapiagent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.protocol.ProtocolJson;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseStatusCommandTest {

    /** The runbook's second table, as the seed guide prints it. */
    private static final String RUNBOOK_FALLBACK = """
            === When MAPI/HTTP FAILS (falls back to HTTP) ===
            Server Name | Conn | Type | Protocol | Req/Fail
            ---------------------|------|----------|-----------|----------
            mail.domain.com | OK | Mail | HTTP | 45/3
            mail.domain.com | OK | Directory| HTTP | 12/1
            """;

    @TempDir
    Path temp;

    @Test
    void jsonHasVerdictProtocolFindingsAndRows() throws IOException {
        Path file = Files.writeString(temp.resolve("status.txt"), RUNBOOK_FALLBACK);
        CliRun run = CliRun.of("parse-status", file.toString(), "--json");
        assertEquals(1, run.exitCode(), run.err());
        JsonNode doc = ProtocolJson.mapper().readTree(run.out());
        assertEquals("DEGRADED", doc.path("verdict").asText());
        assertEquals("RPC_HTTP", doc.path("protocol").asText());
        assertEquals("CONNECTION_FALLBACK", doc.path("findings").path(0).path("code").asText());
        assertEquals(2, doc.path("rows").size());
        assertEquals(45, doc.path("rows").path(0).path("requests").asInt());
    }

    @Test
    void readsStandardInputWithADash() throws IOException {
        CliRun run = CliRun.withStdin(RUNBOOK_FALLBACK, "parse-status", "-", "--json");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("RPC_HTTP", ProtocolJson.mapper().readTree(run.out()).path("protocol").asText());
    }

    @Test
    void aWorkingTableExitsZero() {
        CliRun run = CliRun.withStdin("""
                Server Name | Conn | Type | Protocol | Req/Fail
                ---------------------|------|----------|-----------|----------
                mail.domain.com | OK | Mail | MAPI/HTTP | 45/0
                mail.domain.com | OK | Directory| MAPI/HTTP | 12/0
                """, "parse-status");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("No problem found."), run.out());
    }

    @Test
    void textWithoutATableIsBadInputInOneLine() {
        CliRun run = CliRun.withStdin("Hi, Outlook says it is trying to connect. Can you help?\n", "parse-status");
        assertEquals(2, run.exitCode());
        assertTrue(run.errIsOneLine(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aFiftyMegabyteFileIsRefusedInOneLine() throws IOException {
        Path huge = temp.resolve("huge.txt");
        try (var file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(50L * 1024 * 1024);
        }
        CliRun run = CliRun.of("parse-status", huge.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.errIsOneLine(), run.err());
        assertTrue(run.err().contains("too large"), run.err());
    }

    @Test
    void binaryJunkIsBadInputInOneLine() {
        CliRun run = CliRun.withStdin("\u0000\u0001PK\u0003\u0004garbage\u0000", "parse-status");
        assertEquals(2, run.exitCode());
        assertTrue(run.errIsOneLine(), run.err());
    }

    @Test
    void aMissingFileIsBadInput() {
        CliRun run = CliRun.of("parse-status", temp.resolve("missing.txt").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("file not found"), run.err());
    }

    @Test
    void anUnknownOptionIsAUsageErrorInOneLine() {
        CliRun run = CliRun.of("parse-status", "--colour");
        assertEquals(2, run.exitCode());
        assertTrue(run.errIsOneLine(), run.err());
    }

    @Test
    void jsonModePrintsNothingButJson() throws IOException {
        CliRun run = CliRun.withStdin(RUNBOOK_FALLBACK, "parse-status", "--json");
        ProtocolJson.mapper().readTree(run.out());
        assertTrue(run.out().strip().startsWith("{") && run.out().strip().endsWith("}"));
    }

    @Test
    void aTableWhoseRowsCannotBeReadIsRefusedInOneLineNeverAnAllClear() {
        CliRun run = CliRun.withStdin("""
                Server Name | Conn | Type | Protocol | Req/Fail
                mail.domain.com | OK | Mail | RPC/HTTP | 45 - 3
                mail.domain.com | OK | Directory | RPC/HTTP | 12 - 1
                """, "parse-status");

        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.errIsOneLine(), run.err());
        assertTrue(run.err().contains("no row of the Connection Status table could be read (line 2: Req/Fail"), run.err());
        assertFalse(run.out().contains("No problem found"), run.out());
    }

    @Test
    void aPartlyReadableTableShowsTheUnreadLinesAsAProblem() {
        CliRun run = CliRun.withStdin("""
                Server Name | Conn | Type | Protocol | Req/Fail
                mail.domain.com | OK | Mail | MAPI/HTTP | 45/0
                mail.domain.com | OK | Directory | RPC/HTTP | 12 - 1
                """, "parse-status");

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().contains("CONNECTION_STATUS_UNREADABLE"), run.out());
    }

    @Test
    void aGermanTableIsRefusedWithExitTwoAndOneLine() {
        CliRun run = CliRun.withStdin("""
                CID  SMTP-Adresse      Proxyserver  Servername        Status     Protokoll  Typ   Anf./Fehl.
                4    anna@contoso.de                mail.contoso.de   Getrennt   HTTP       Mail  0/15
                """, "parse-status");

        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.errIsOneLine(), run.err());
        assertTrue(run.err().contains("another language (\"Protokoll\")"), run.err());
    }
}
