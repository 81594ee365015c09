package dev.mapiagent.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReportSchemaTest {

    static Report sampleReport() {
        Finding finding = Finding.of(FindingCode.MAPIHTTP_DISABLED_REGISTRY, Severity.WARNING,
                "MAPI over HTTP is switched off for this user",
                "HKCU\\Software\\Microsoft\\Exchange MapiHttpDisabled = 1");
        return new Report(Report.SCHEMA_VERSION, UUID.randomUUID().toString(), "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
                "PC-0042", "ann", Instant.parse("2026-11-25T08:00:00Z"), "0.1.0", Verdict.DEGRADED,
                MapiProtocol.RPC_HTTP, List.of(finding),
                new OutlookSection(true, "Microsoft 365 Apps for enterprise", "16.0.17029.20108", "ClickToRun",
                        "Current Channel", "x64", true, "HKLM\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration"),
                new MapiHttpSection("HKCU\\Software\\Microsoft\\Exchange", 1L,
                        "HKCU\\Software\\Policies\\Microsoft\\Exchange", null),
                new AutodiscoverSection(List.of(), null),
                new CredentialsSection(List.of(new CredentialsSection.CredentialEntry(
                        "MicrosoftOffice16_Data:SSPI:ann@contoso.com", "generic", "ann@contoso.com", "local_machine"))),
                null);
    }

    private static JsonNode json(Object value) {
        return ProtocolJson.mapper().valueToTree(value);
    }

    @Test
    void aReportTheAgentBuildsIsValid() {
        assertEquals(List.of(), ProtocolSchema.REPORT.validate(json(sampleReport())));
    }

    @Test
    void aReportReadsBackEqualToWhatWasWritten() throws Exception {
        Report report = sampleReport();
        String text = ProtocolJson.mapper().writeValueAsString(report);
        assertEquals(report, ProtocolJson.mapper().readValue(text, Report.class));
    }

    @Test
    void severityAndRemedyAreWrittenInTheirContractSpelling() {
        JsonNode finding = json(sampleReport()).path("findings").path(0);
        assertEquals("warning", finding.path("severity").asText());
        assertEquals("enable-mapihttp", finding.path("remedy").asText());
        assertEquals("2026-11-25T08:00:00Z", json(sampleReport()).path("createdAt").asText());
    }

    @Test
    void anUnknownVerdictIsRejected() {
        ObjectNode doc = (ObjectNode) json(sampleReport());
        doc.put("verdict", "MOSTLY_FINE");
        assertFalse(ProtocolSchema.REPORT.validate(doc).isEmpty());
    }

    @Test
    void aMissingReportIdIsRejected() {
        ObjectNode doc = (ObjectNode) json(sampleReport());
        doc.remove("reportId");
        assertTrue(ProtocolSchema.REPORT.validate(doc).stream().anyMatch(m -> m.contains("reportId")));
    }

    @Test
    void aCredentialCarryingASecretIsRejected() {
        ObjectNode doc = (ObjectNode) json(sampleReport());
        ((ObjectNode) doc.path("credentials").path("office").path(0)).put("secret", "hunter2");
        assertFalse(ProtocolSchema.REPORT.validate(doc).isEmpty());
    }
}
