package dev.mapiagent.outlook.status;

import static dev.mapiagent.outlook.status.StatusSamples.parsed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.FindingCode;
import dev.mapiagent.protocol.MapiProtocol;
import dev.mapiagent.protocol.Severity;
import dev.mapiagent.protocol.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionStatusAssessmentTest {

    private static final String MAILBOX_GUID = "8c0e4a7b-5f1d-4c2a-9e6b-3d2f1a0b9c8d@contoso.com";

    @Test
    void workingRunbookTableIsHealthyMapiHttpWithoutFindings() {
        ConnectionStatusAssessment assessment = assess(parsed("runbook-working.txt"));

        assertEquals(new ConnectionStatusAssessment(MapiProtocol.MAPI_HTTP, Verdict.HEALTHY, List.of()), assessment);
    }

    @Test
    void fallbackRunbookTableIsDegradedRpcHttpWithAFallbackFindingPerRow() {
        ConnectionStatusAssessment assessment = assess(parsed("runbook-fallback.txt"));

        assertEquals(MapiProtocol.RPC_HTTP, assessment.protocol());
        assertEquals(Verdict.DEGRADED, assessment.verdict());
        assertEquals(List.of(
                Finding.of(FindingCode.CONNECTION_FALLBACK, Severity.WARNING,
                        "Outlook uses RPC over HTTP (Outlook Anywhere) instead of MAPI over HTTP for mail.domain.com (Mail)",
                        "line 4: mail.domain.com Mail HTTP 45/3"),
                Finding.of(FindingCode.CONNECTION_FALLBACK, Severity.WARNING,
                        "Outlook uses RPC over HTTP (Outlook Anywhere) instead of MAPI over HTTP for mail.domain.com (Directory)",
                        "line 5: mail.domain.com Directory HTTP 12/1")),
                assessment.findings());
    }

    @Test
    void bothFailRunbookTableIsFailingWithADisconnectedFinding() {
        ConnectionStatusAssessment assessment = assess(parsed("runbook-both-fail.txt"));

        assertEquals(Verdict.FAILING, assessment.verdict());
        assertEquals(List.of(Finding.of(FindingCode.CONNECTION_DISCONNECTED, Severity.ERROR,
                "Outlook is not connected to mail.domain.com (Mail): the status is Disc",
                "line 4: mail.domain.com Mail MAPI/HTTP 0/15")), assessment.findings());
    }

    @Test
    void outlook2016DialogOverHttpIsHealthyMapiHttp() {
        ConnectionStatusAssessment assessment = assess(parsed("outlook2016-aligned.txt"));

        assertEquals(new ConnectionStatusAssessment(MapiProtocol.MAPI_HTTP, Verdict.HEALTHY, List.of()), assessment);
    }

    @Test
    void outlook2010RpcHttpRowsAreAFallback() {
        ConnectionStatusAssessment assessment = assess(parsed("outlook2010-aligned.txt"));

        assertEquals(MapiProtocol.RPC_HTTP, assessment.protocol());
        assertEquals(List.of("line 2: outlook.office365.com Directory RPC/HTTP", "line 3: outlook.office365.com Mail RPC/HTTP",
                "line 4: outlook.office365.com Mail RPC/HTTP"), assessment.findings().stream().map(Finding::evidence).toList());
    }

    @Test
    void disconnectedDialogRowIsFailing() {
        ConnectionStatusAssessment assessment = assess(parsed("outlook2016-disconnected.txt"));

        assertEquals(Verdict.FAILING, assessment.verdict());
        assertEquals(List.of(Finding.of(FindingCode.CONNECTION_DISCONNECTED, Severity.ERROR,
                "Outlook is not connected to " + MAILBOX_GUID + " (Directory): the status is Disconnected",
                "line 3: " + MAILBOX_GUID + " Directory HTTP 14/2")), assessment.findings());
    }

    @Test
    void onlyFailedRequestsAreADisconnectionEvenWhenTheStatusIsEstablished() {
        ConnectionStatusAssessment assessment = assess(ConnectionStatusParser.parse("""
                Server name | Status | Protocol | Type | Req/Fail
                mail.contoso.com | Established | HTTP | Mail | 15/15
                """));

        assertEquals(Verdict.FAILING, assessment.verdict());
        assertEquals(List.of(Finding.of(FindingCode.CONNECTION_DISCONNECTED, Severity.ERROR,
                "Every request from Outlook to mail.contoso.com (Mail) failed (Req/Fail 15/15)",
                "line 2: mail.contoso.com Mail HTTP 15/15")), assessment.findings());
    }

    @Test
    void fifteenPercentFailedOfFortyRequestsIsAFailuresWarning() {
        ConnectionStatusAssessment assessment = assess(parsed("outlook2016-failures.tsv"));

        assertEquals(new ConnectionStatusAssessment(MapiProtocol.MAPI_HTTP, Verdict.DEGRADED, List.of(
                Finding.of(FindingCode.CONNECTION_FAILURES, Severity.WARNING,
                        "6 of 40 requests from Outlook to outlook.office365.com (Mail) failed (15%, more than the 10% allowed)",
                        "line 2: outlook.office365.com Mail HTTP 40/6"))), assessment);
    }

    @Test
    void failuresOnFewerRequestsThanTheMinimumAreNotReported() {
        ConnectionStatusAssessment assessment = assess(ConnectionStatusParser.parse("""
                Server Name | Conn | Type | Protocol | Req/Fail
                mail.domain.com | OK | Mail | MAPI/HTTP | 19/5
                """));

        assertEquals(List.of(), assessment.findings());
    }

    @Test
    void appliesTheGivenFailureThreshold() {
        ParsedStatusTable table = ConnectionStatusParser.parse("""
                Server Name | Conn | Type | Protocol | Req/Fail
                mail.domain.com | OK | Directory | MAPI/HTTP | 12/1
                """);

        ConnectionStatusAssessment assessment = ConnectionStatusAssessment.assess(table, new FailureThreshold(0.05, 10));

        assertEquals(List.of("CONNECTION_FAILURES"), assessment.findings().stream().map(Finding::code).toList());
        assertEquals("1 of 12 requests from Outlook to mail.domain.com (Directory) failed (8.3%, more than the 5% allowed)",
                assessment.findings().get(0).message());
    }

    @Test
    void publicFolderRowsDoNotDecideTheProtocol() {
        ConnectionStatusAssessment assessment = assess(ConnectionStatusParser.parse("""
                CID | Server name | Status | Protocol | Type
                4 | mail.contoso.com | Established | HTTP | Mail
                7 | pf.contoso.com | Established | TCP/IP | Public
                """));

        assertEquals(MapiProtocol.MAPI_HTTP, assessment.protocol());
    }

    @Test
    void tableWithoutRowsIsUnknownAndSaysItShowsNothing() {
        ConnectionStatusAssessment assessment = assess(
                ConnectionStatusParser.parse("Server Name | Conn | Type | Protocol | Req/Fail\n"));

        assertEquals(MapiProtocol.UNKNOWN, assessment.protocol());
        assertEquals(Verdict.UNKNOWN, assessment.verdict());
        assertEquals(List.of("CONNECTION_STATUS_UNREADABLE"), assessment.findings().stream().map(Finding::code).toList());
    }

    @Test
    void anUnreadableRowIsAWarningSoTheTableIsNeverAnAllClear() {
        ConnectionStatusAssessment assessment = assess(ConnectionStatusParser.parse("""
                Server Name | Conn | Type | Protocol | Req/Fail
                mail.domain.com | OK | Mail | MAPI/HTTP | 45/0
                mail.domain.com | OK | Directory | MAPI/HTTP | 45-3
                """));

        Finding unreadable = assessment.findings().get(0);
        assertEquals("CONNECTION_STATUS_UNREADABLE", unreadable.code());
        assertEquals(Severity.WARNING, unreadable.severity());
        assertTrue(unreadable.evidence().startsWith("line 3: Req/Fail"), unreadable.evidence());
        assertEquals(Verdict.DEGRADED, assessment.verdict());
    }

    @Test
    void everyRowUnreadableGivesNoVerdictButAWarning() {
        ConnectionStatusAssessment assessment = assess(ConnectionStatusParser.parse("""
                Server Name | Conn | Type | Protocol | Req/Fail
                mail.domain.com | OK | Mail | MAPI/HTTP | 45-0
                """));

        assertEquals(Verdict.UNKNOWN, assessment.verdict());
        assertTrue(assessment.findings().get(0).message().startsWith("No row of the Connection Status table could be read"));
    }

    private static ConnectionStatusAssessment assess(ParsedStatusTable table) {
        return ConnectionStatusAssessment.assess(table, FailureThreshold.DEFAULT);
    }
}
