package dev.mapiagent.outlook.status;

import static dev.mapiagent.outlook.status.StatusSamples.parsed;
import static dev.mapiagent.outlook.status.StatusSamples.text;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.protocol.ConnectionRow;
import dev.mapiagent.protocol.MapiProtocol;
import dev.mapiagent.protocol.UnreadableLine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionStatusParserTest {

    /** The Proxy Server column: the host Outlook talks HTTP to (Server name holds the mailbox GUID). */
    private static final String HTTP_HOST = "outlook.office365.com";

    @Test
    void readsRunbookWorkingTableAsMapiHttp() {
        ParsedStatusTable table = parsed("runbook-working.txt");

        assertEquals(Dialect.RUNBOOK, table.dialect());
        assertEquals(List.of(
                new ConnectionRow(4, "mail.domain.com", null, "Mail", "MAPI/HTTP", MapiProtocol.MAPI_HTTP, "OK", true, 45, 0, null),
                new ConnectionRow(5, "mail.domain.com", null, "Directory", "MAPI/HTTP", MapiProtocol.MAPI_HTTP, "OK", true, 12, 0, null)),
                table.rows());
    }

    @Test
    void readsRunbookHttpAsTheRpcOverHttpFallback() {
        ParsedStatusTable table = parsed("runbook-fallback.txt");

        assertEquals(Dialect.RUNBOOK, table.dialect());
        assertEquals(List.of(
                new ConnectionRow(4, "mail.domain.com", null, "Mail", "HTTP", MapiProtocol.RPC_HTTP, "OK", true, 45, 3, null),
                new ConnectionRow(5, "mail.domain.com", null, "Directory", "HTTP", MapiProtocol.RPC_HTTP, "OK", true, 12, 1, null)),
                table.rows());
    }

    @Test
    void readsRunbookDiscRowAsNotConnected() {
        ParsedStatusTable table = parsed("runbook-both-fail.txt");

        assertEquals(List.of(
                new ConnectionRow(4, "mail.domain.com", null, "Mail", "MAPI/HTTP", MapiProtocol.MAPI_HTTP, "Disc", false, 0, 15, null)),
                table.rows());
    }

    @Test
    void skipsEmptyRowAndTheErrorTextAfterTheTable() {
        assertEquals(List.of(), parsed("runbook-both-fail.txt").unreadable());
    }

    @Test
    void readsEveryTableOfTheGuideWithItsLineNumbers() {
        ParsedStatusTable table = parsed("runbook-guide-excerpt.txt");

        assertEquals(List.of(5, 6, 10, 11, 15), table.rows().stream().map(ConnectionRow::line).toList());
        assertEquals(List.of(MapiProtocol.MAPI_HTTP, MapiProtocol.MAPI_HTTP, MapiProtocol.RPC_HTTP, MapiProtocol.RPC_HTTP,
                MapiProtocol.MAPI_HTTP), table.rows().stream().map(ConnectionRow::protocol).toList());
        assertEquals(List.of(), table.unreadable());
    }

    @Test
    void readsOutlook2010AlignedRowsWhoseCellsHoldSpaces() {
        ParsedStatusTable table = parsed("outlook2010-aligned.txt");

        assertEquals(Dialect.OUTLOOK, table.dialect());
        assertEquals(List.of(
                new ConnectionRow(2, "outlook.office365.com", null, "Directory", "RPC/HTTP", MapiProtocol.RPC_HTTP, null, null, null, null, "Clear [Anonymous]"),
                new ConnectionRow(3, "outlook.office365.com", null, "Mail", "RPC/HTTP", MapiProtocol.RPC_HTTP, null, null, null, null, "Clear [Anonymous]"),
                new ConnectionRow(4, "outlook.office365.com", null, "Mail", "RPC/HTTP", MapiProtocol.RPC_HTTP, null, null, null, null, "Clear [Anonymous]")),
                table.rows());
    }

    @Test
    void prefersTheProxyServerWhichIsTheHttpHostOverTheServerName() {
        ParsedStatusTable table = parsed("outlook2013-screenshot-row.txt");

        assertEquals(List.of(
                new ConnectionRow(2, "mail.contoso.com", "user1@contoso.com", null, "RPC/HTTP", MapiProtocol.RPC_HTTP, "Established", true, null, null, null)),
                table.rows());
    }

    @ParameterizedTest
    @ValueSource(strings = {"outlook2016-pipes.txt", "outlook2016-tabs.tsv", "outlook2016-aligned.txt"})
    void readsOutlook2016DialogHttpAsMapiHttpInEachSeparatorStyle(String sample) {
        ParsedStatusTable table = parsed(sample);

        assertEquals(Dialect.OUTLOOK, table.dialect());
        assertEquals(List.of(
                dialogRow(2, "Mail", 120), dialogRow(3, "Directory", 36), dialogRow(4, "Mail", 310)), table.rows());
        assertEquals(List.of(), table.unreadable());
    }

    @Test
    void ignoresBomAndCrlf() {
        assertEquals(parsed("outlook2016-pipes.txt"), parsed("outlook2016-bom-crlf.txt"));
    }

    @Test
    void readsDisconnectedStatusAsNotConnected() {
        ConnectionRow row = parsed("outlook2016-disconnected.txt").rows().get(1);

        assertEquals("Disconnected", row.status());
        assertEquals(false, row.connected());
    }

    @Test
    void reportsRowWithAMissingCellWithItsLineNumber() {
        ParsedStatusTable table = parsed("runbook-unreadable-row.txt");

        assertEquals(List.of(new UnreadableLine(5, "mail.domain.com | OK | Directory| MAPI/HTTP",
                "has 4 cells where the header has 5")), table.unreadable());
        assertEquals(List.of(4, 6), table.rows().stream().map(ConnectionRow::line).toList());
    }

    @Test
    void reportsReqFailThatIsNotRequestsSlashFailures() {
        ParsedStatusTable table = ConnectionStatusParser.parse("""
                Server Name | Conn | Type | Protocol | Req/Fail
                mail.domain.com | OK | Mail | MAPI/HTTP | 45-3
                """);

        assertEquals(List.of(new UnreadableLine(2, "mail.domain.com | OK | Mail | MAPI/HTTP | 45-3",
                "Req/Fail \"45-3\" is not requests/failures like 45/0")), table.unreadable());
    }

    @Test
    void reportsALineWithoutSeparatorsBetweenRows() {
        ParsedStatusTable table = ConnectionStatusParser.parse("""
                Server Name | Conn | Type | Protocol | Req/Fail
                mail.domain.com | OK | Mail | MAPI/HTTP | 45/0
                mail.domain.com OK Directory MAPI/HTTP 12/0
                mail.domain.com | OK | Public | MAPI/HTTP | 3/0
                """);

        assertEquals(List.of(new UnreadableLine(3, "mail.domain.com OK Directory MAPI/HTTP 12/0",
                "not separated like the table's header")), table.unreadable());
        assertEquals(List.of(2, 4), table.rows().stream().map(ConnectionRow::line).toList());
    }

    @Test
    void endsAnAlignedTableAtProse() {
        ParsedStatusTable table = ConnectionStatusParser.parse("""
                CID  Server name      Status        Protocol  Type
                4    mail.domain.com  Disconnected  HTTP      Mail
                Error: The connection to Microsoft Exchange is unavailable.
                Outlook must be online or connected to complete this action.
                """);

        assertEquals(1, table.rows().size());
        assertEquals(List.of(), table.unreadable());
    }

    @Test
    void readsAMarkdownTableWithOuterPipes() {
        ParsedStatusTable table = ConnectionStatusParser.parse("""
                | Server Name | Conn | Type | Protocol | Req/Fail |
                |:------------|:-----|:-----|:---------|---------:|
                | mail.domain.com | OK | Mail | MAPI/HTTP | 45/0 |
                """);

        assertEquals(List.of(
                new ConnectionRow(3, "mail.domain.com", null, "Mail", "MAPI/HTTP", MapiProtocol.MAPI_HTTP, "OK", true, 45, 0, null)),
                table.rows());
    }

    @Test
    void acceptsOuterPipesOnRowsUnderAHeaderWithout() {
        ParsedStatusTable table = ConnectionStatusParser.parse("""
                Server Name | Conn | Type | Protocol | Req/Fail
                | mail.domain.com | OK | Mail | MAPI/HTTP | 45/0 |
                """);

        assertEquals(List.of(), table.unreadable());
        assertEquals(List.of("mail.domain.com"), table.rows().stream().map(ConnectionRow::server).toList());
    }

    @Test
    void readsAnEmptyLastCellOfAPipeRow() {
        ParsedStatusTable table = ConnectionStatusParser.parse("""
                Server Name | Conn | Type | Protocol | Req/Fail
                mail.domain.com | OK | Mail | MAPI/HTTP |
                """);

        assertEquals(List.of(
                new ConnectionRow(2, "mail.domain.com", null, "Mail", "MAPI/HTTP", MapiProtocol.MAPI_HTTP, "OK", true, null, null, null)),
                table.rows());
    }

    @Test
    void readsRunbookColumnsWithTransportConnAsOutlookDialog() {
        ParsedStatusTable table = ConnectionStatusParser.parse("""
                Server name | Conn | Type | Protocol | Req/Fail
                outlook.office365.com | HTTPS | Mail | HTTP | 120/0
                """);

        assertEquals(Dialect.OUTLOOK, table.dialect());
        assertEquals(MapiProtocol.MAPI_HTTP, table.rows().get(0).protocol());
    }

    @Test
    void readsRunbookColumnsWithoutEvidenceAsRunbook() {
        ParsedStatusTable table = ConnectionStatusParser.parse("""
                Server Name | Type | Protocol | Req/Fail
                mail.domain.com | Mail | HTTP | 45/3
                """);

        assertEquals(Dialect.RUNBOOK, table.dialect());
        assertEquals(MapiProtocol.RPC_HTTP, table.rows().get(0).protocol());
    }

    @Test
    void matchesHeadersWhateverTheirCase() {
        ParsedStatusTable table = ConnectionStatusParser.parse("""
                SERVER NAME | conn | TYPE | protocol | req/FAIL
                mail.domain.com | OK | Mail | MAPI/HTTP | 45/0
                """);

        assertEquals(List.of(
                new ConnectionRow(2, "mail.domain.com", null, "Mail", "MAPI/HTTP", MapiProtocol.MAPI_HTTP, "OK", true, 45, 0, null)),
                table.rows());
    }

    @Test
    void acceptsATableWithHeaderOnly() {
        ParsedStatusTable table = ConnectionStatusParser.parse("Server Name | Conn | Type | Protocol | Req/Fail\n");

        assertEquals(List.of(), table.rows());
    }

    @Test
    void refusesTextWithoutTable() {
        NoTableException e = assertThrows(NoTableException.class, () -> parsed("garbage.txt"));

        assertEquals("no Connection Status table found"
                + " (expected a header with Protocol and Server name or Proxy Server columns)", e.getMessage());
    }

    @Test
    void refusesBinaryInputWithOneLineMessage() {
        String gzipReadAsText = text("binary.bin");

        StatusParseException e = assertThrows(StatusParseException.class,
                () -> ConnectionStatusParser.parse(gzipReadAsText));

        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("binary"), e.getMessage());
    }

    @Test
    void refusesTextOverTheSizeLimit() {
        String huge = "x".repeat(ConnectionStatusParser.MAX_INPUT + 1);

        assertThrows(StatusTooLargeException.class, () -> ConnectionStatusParser.parse(huge));
    }

    @Test
    void refusesA50MegabyteFileByItsSize() {
        StatusTooLargeException e = assertThrows(StatusTooLargeException.class,
                () -> ConnectionStatusParser.checkSize(50L * 1024 * 1024));

        assertEquals("the Connection Status text is 52428800 bytes, more than the 1048576"
                + " a Connection Status table can be", e.getMessage());
    }

    @Test
    void acceptsAFileOfExactlyTheSizeLimit() {
        assertDoesNotThrow(() -> ConnectionStatusParser.checkSize(ConnectionStatusParser.MAX_INPUT));
    }

    @Test
    void readsEveryRowOfATableAtTheSizeLimit() {
        String header = "Server Name | Conn | Type | Protocol | Req/Fail\n";
        String row = "mail.domain.com | OK | Mail | MAPI/HTTP | 45/0\n";
        int rows = (ConnectionStatusParser.MAX_INPUT - header.length()) / row.length();

        ParsedStatusTable table = ConnectionStatusParser.parse(header + row.repeat(rows));

        assertEquals(rows, table.rows().size());
    }

    private static ConnectionRow dialogRow(int line, String type, int requests) {
        return new ConnectionRow(line, HTTP_HOST, "ann@contoso.com", type, "HTTP", MapiProtocol.MAPI_HTTP,
                "Established", true, requests, 0, "Bearer*");
    }

    @Test
    void readsAlignedRowsWhoseCellsDriftedFromTheirColumnsByContent() {
        ParsedStatusTable table = parsed("outlook2010-drifted.txt");

        assertEquals(List.of(), table.unreadable());
        assertEquals(List.of(2, 3, 4), table.rows().stream().map(ConnectionRow::line).toList());
        assertTrue(table.rows().stream().allMatch(r -> r.protocol() == MapiProtocol.RPC_HTTP), table.rows().toString());
        assertTrue(table.rows().stream().allMatch(r -> r.server().equals(HTTP_HOST)), table.rows().toString());
    }

    @Test
    void readsPipeRowsWithACellTooManyOrTooFewByContent() {
        ParsedStatusTable table = parsed("outlook2016-pipes-shifted.txt");

        assertEquals(List.of(), table.unreadable());
        assertEquals(List.of(
                new ConnectionRow(2, "mail.contoso.com", "ann@contoso.com", "Mail", "RPC/HTTP", MapiProtocol.RPC_HTTP,
                        "Established", true, 120, 0, "Nego*"),
                new ConnectionRow(3, "mail.contoso.com", "ann@contoso.com", "Directory", "RPC/HTTP", MapiProtocol.RPC_HTTP,
                        "Established", true, 36, 0, "Nego*")),
                table.rows());
    }

    @Test
    void aRowWhoseCounterCannotBeReadStaysUnreadEvenWhenItsProtocolCan() {
        ParsedStatusTable table = ConnectionStatusParser.parse("""
                Server Name | Conn | Type | Protocol | Req/Fail
                mail.domain.com | Disc | Mail | MAPI/HTTP | 0 / fifteen
                """);

        assertEquals(List.of(), table.rows());
        assertEquals(List.of(2), table.unreadable().stream().map(UnreadableLine::line).toList());
    }

    @Test
    void aGermanTableIsRefusedWithOneLineNamingTheTranslatedColumn() {
        NoTableException refused = assertThrows(NoTableException.class, () -> parsed("localized-de.txt"));

        assertEquals("line 1 looks like a Connection Status header in another language (\"Protokoll\"); only Outlook's"
                + " English column names are read, so this table is refused rather than guessed at", refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Getrennt", "Verbindungsversuch"})
    void germanDisconnectedStatesCountAsNotConnected(String state) {
        assertEquals(Boolean.FALSE, RowReader.connected(state));
    }

    @Test
    void theRestOfAWrappedRowIsUnreadNotAGarbageRow() {
        ParsedStatusTable table = ConnectionStatusParser.parse("""
                CID  Proxy Server          Protocol  Authn              Encrypt   RPCPort  Type
                15   outlook.office365.com RPC/HTTP  Clear [Anonymous]  SSL
                        [No]  6001     Mail
                """);

        assertEquals(List.of(2), table.rows().stream().map(ConnectionRow::line).toList());
        assertEquals(List.of(new UnreadableLine(3, "[No]  6001     Mail",
                "no protocol")), table.unreadable());
    }

    @Test
    void aLostConnectionWordThatDriftedOutOfTheStatusColumnIsStillSeen() {
        ParsedStatusTable table = ConnectionStatusParser.parse("""
                CID  Display Name        Server name       Status        Protocol  Req/Fail
                4    Ann Disconnected    mail.contoso.com                HTTP      0/15
                """);

        assertEquals(List.of(Boolean.FALSE), table.rows().stream().map(ConnectionRow::connected).toList());
    }

    @Test
    void aStateWordInADisplayNameNeverOverridesTheStatusCell() {
        ParsedStatusTable table = ConnectionStatusParser.parse("""
                CID  Display Name        Server name       Status        Protocol  Req/Fail
                4    Offline Archive     mail.contoso.com  Established   HTTP      12/0
                """);

        assertEquals(List.of(Boolean.TRUE), table.rows().stream().map(ConnectionRow::connected).toList());
    }
}
