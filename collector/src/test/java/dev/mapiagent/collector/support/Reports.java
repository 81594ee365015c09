package dev.mapiagent.collector.support;

import dev.mapiagent.protocol.AutodiscoverSection;
import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.FindingCode;
import dev.mapiagent.protocol.MapiHttpSection;
import dev.mapiagent.protocol.MapiProtocol;
import dev.mapiagent.protocol.OutlookSection;
import dev.mapiagent.protocol.Report;
import dev.mapiagent.protocol.Severity;
import dev.mapiagent.protocol.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reports as agents send them, for the tests. */
public final class Reports {

    private Reports() {
    }

    /** A PC whose user has MapiHttpDisabled=1: Outlook fell back to RPC/HTTP. */
    public static Report degraded(String deviceId, String hostname, Instant createdAt, String endpointHost) {
        Finding finding = Finding.of(FindingCode.MAPIHTTP_DISABLED_REGISTRY, Severity.WARNING,
                "MAPI over HTTP is switched off for this user (MapiHttpDisabled = 1)",
                "HKCU\\Software\\Microsoft\\Exchange MapiHttpDisabled = 1");
        return report(deviceId, hostname, createdAt, Verdict.DEGRADED, MapiProtocol.RPC_HTTP, List.of(finding), endpointHost);
    }

    /** A PC whose MAPI endpoint answers 503: Outlook cannot connect. */
    public static Report failing(String deviceId, String hostname, Instant createdAt, String endpointHost) {
        Finding finding = Finding.of(FindingCode.MAPI_ENDPOINT_HTTP_503, Severity.ERROR,
                "The MAPI endpoint answers 503 Service Unavailable", "https://" + endpointHost + "/mapi/emsmdb/");
        return report(deviceId, hostname, createdAt, Verdict.FAILING, MapiProtocol.UNKNOWN, List.of(finding), endpointHost);
    }

    public static Report healthy(String deviceId, String hostname, Instant createdAt, String endpointHost) {
        return report(deviceId, hostname, createdAt, Verdict.HEALTHY, MapiProtocol.MAPI_HTTP, List.of(), endpointHost);
    }

    public static Report report(String deviceId, String hostname, Instant createdAt, Verdict verdict,
                                MapiProtocol protocol, List<Finding> findings, String endpointHost) {
        AutodiscoverSection autodiscover = new AutodiscoverSection(List.of(new AutodiscoverSection.AutodiscoverFile(
                "Microsoft/Outlook/16/abc - Autodiscover.xml", "ann@contoso.com", verdict != Verdict.DEGRADED,
                List.of("https://" + endpointHost + "/mapi/emsmdb/?MailboxId=1@contoso.com"),
                List.of("https://" + endpointHost + "/mapi/nspi/?MailboxId=1@contoso.com"), null)), true);
        return new Report(Report.SCHEMA_VERSION, UUID.randomUUID().toString(), deviceId, hostname, "ann", createdAt,
                "0.1.0", verdict, protocol, findings,
                new OutlookSection(true, "Microsoft 365 Apps for enterprise", "16.0.17029.20108", "ClickToRun",
                        "Current Channel", "x64", true, "HKLM\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration"),
                new MapiHttpSection("HKCU\\Software\\Microsoft\\Exchange", verdict == Verdict.DEGRADED ? 1L : null,
                        "HKCU\\Software\\Policies\\Microsoft\\Exchange", null),
                autodiscover, null, null);
    }
}
