package dev.mapiagent.collector.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mapiagent.collector.support.Reports;
import dev.mapiagent.protocol.ConnectionRow;
import dev.mapiagent.protocol.ConnectionStatusSection;
import dev.mapiagent.protocol.MapiProtocol;
import dev.mapiagent.protocol.Report;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointHostTest {

    private static final Instant T = Instant.parse("2026-11-25T08:00:00Z");

    private static Report withoutAutodiscover(List<ConnectionRow> rows) {
        Report r = Reports.degraded("dev-1", "PC-1", T, "ignored.example");
        return new Report(r.schemaVersion(), r.reportId(), r.deviceId(), r.hostname(), r.user(), r.createdAt(),
                r.agentVersion(), r.verdict(), r.protocol(), r.findings(), r.outlook(), r.mapiHttp(), null, null,
                rows == null ? null : new ConnectionStatusSection("paste", "RUNBOOK", MapiProtocol.RPC_HTTP, rows, List.of()));
    }

    private static ConnectionRow row(String server, String type) {
        return new ConnectionRow(3, server, null, type, "HTTP", MapiProtocol.RPC_HTTP, "OK", true, 45, 3, null);
    }

    @Test
    void takesTheHostOfTheAutodiscoverMailStoreUrlInLowerCase() {
        assertEquals(Optional.of("mail.contoso.com"), EndpointHost.of(Reports.degraded("d", "h", T, "Mail.Contoso.COM")));
    }

    @Test
    void fallsBackToTheMailRowOfTheConnectionStatusTable() {
        Report report = withoutAutodiscover(List.of(row("gc01.contoso.com", "Directory"), row("mail.contoso.com", "Mail")));
        assertEquals(Optional.of("mail.contoso.com"), EndpointHost.of(report));
    }

    @Test
    void takesAnyRowsServerWhenNoRowIsMail() {
        assertEquals(Optional.of("gc01.contoso.com"), EndpointHost.of(withoutAutodiscover(List.of(row("GC01.contoso.com", null)))));
    }

    @Test
    void isEmptyWhenTheReportNamesNoEndpoint() {
        assertEquals(Optional.empty(), EndpointHost.of(withoutAutodiscover(null)));
    }

    @Test
    void ignoresAUrlThatDoesNotParse() {
        assertEquals(Optional.empty(), EndpointHost.hostOfUrl("https://bad host/mapi"));
    }
}
