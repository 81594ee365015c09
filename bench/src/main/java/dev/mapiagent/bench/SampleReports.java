package dev.mapiagent.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mapiagent.protocol.AutodiscoverSection;
import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.FindingCode;
import dev.mapiagent.protocol.MapiHttpSection;
import dev.mapiagent.protocol.MapiProtocol;
import dev.mapiagent.protocol.OutlookSection;
import dev.mapiagent.protocol.ProtocolJson;
import dev.mapiagent.protocol.Report;
import dev.mapiagent.protocol.ReportIds;
import dev.mapiagent.protocol.Severity;
import dev.mapiagent.protocol.Verdict;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Valid reports as agents send them (about 2 KB of JSON): most devices healthy, some degraded (MAPI over HTTP
 * switched off), some failing (endpoint answers 503). Each device's JSON is written once; every report then only
 * gets a new reportId, so generating load costs the client little.
 */
final class SampleReports {

    /** Where the reportId goes in {@link #template()}. */
    static final String ID_PLACEHOLDER = "00000000-0000-0000-0000-000000000000";

    private final String template;

    /** The report template of one device; the device's number picks its state. */
    SampleReports(String deviceId, int number) {
        this.template = json(report(deviceId, "PC-" + number, number % 10 == 0 ? Verdict.FAILING
                : number % 10 == 1 ? Verdict.DEGRADED : Verdict.HEALTHY));
    }

    /** The device's report JSON with {@link #ID_PLACEHOLDER} in place of the reportId. */
    String template() {
        return template;
    }

    /** A new report of the device: its JSON and its reportId. */
    Sample next() {
        String reportId = newReportId();
        return new Sample(reportId, template.replace(ID_PLACEHOLDER, reportId));
    }

    /**
     * A new reportId as the agent makes one ({@link ReportIds}: the time, then random bits), so the collector's index
     * of report ids sees what a fleet sends; random (version 4) ids cost the embedded database a third more CPU per
     * report at 50,000 devices.
     */
    static String newReportId() {
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        return ReportIds.version7(System.currentTimeMillis(), random).toString();
    }

    record Sample(String reportId, String json) {
    }

    private static Report report(String deviceId, String hostname, Verdict verdict) {
        String endpoint = "mail.contoso.com";
        List<Finding> findings = switch (verdict) {
            case FAILING -> List.of(Finding.of(FindingCode.MAPI_ENDPOINT_HTTP_503, Severity.ERROR,
                    "The MAPI endpoint answers 503 Service Unavailable", "https://" + endpoint + "/mapi/emsmdb/"));
            case DEGRADED -> List.of(Finding.of(FindingCode.MAPIHTTP_DISABLED_REGISTRY, Severity.WARNING,
                    "MAPI over HTTP is switched off for this user (MapiHttpDisabled = 1)",
                    "HKCU\\Software\\Microsoft\\Exchange MapiHttpDisabled = 1"));
            default -> List.of();
        };
        MapiProtocol protocol = switch (verdict) {
            case FAILING -> MapiProtocol.UNKNOWN;
            case DEGRADED -> MapiProtocol.RPC_HTTP;
            default -> MapiProtocol.MAPI_HTTP;
        };
        AutodiscoverSection autodiscover = new AutodiscoverSection(List.of(new AutodiscoverSection.AutodiscoverFile(
                "Microsoft/Outlook/16/abc - Autodiscover.xml", "ann@contoso.com", verdict != Verdict.DEGRADED,
                List.of("https://" + endpoint + "/mapi/emsmdb/?MailboxId=1@contoso.com"),
                List.of("https://" + endpoint + "/mapi/nspi/?MailboxId=1@contoso.com"), null)), true);
        return new Report(Report.SCHEMA_VERSION, ID_PLACEHOLDER, deviceId, hostname, "ann", Instant.now(), "0.1.0",
                verdict, protocol, findings,
                new OutlookSection(true, "Microsoft 365 Apps for enterprise", "16.0.17029.20108", "ClickToRun",
                        "Current Channel", "x64", true, "HKLM\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration"),
                new MapiHttpSection("HKCU\\Software\\Microsoft\\Exchange", verdict == Verdict.DEGRADED ? 1L : null,
                        "HKCU\\Software\\Policies\\Microsoft\\Exchange", null),
                autodiscover, null, null);
    }

    private static String json(Report report) {
        try {
            return ProtocolJson.mapper().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
