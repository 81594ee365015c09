package dev.mapiagent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.protocol.ProtocolJson;
import dev.mapiagent.protocol.ProtocolSchema;
import dev.mapiagent.protocol.Report;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnoseCommandTest {

    @TempDir
    Path temp;

    private static JsonNode json(CliRun run) throws IOException {
        return ProtocolJson.mapper().readTree(run.out());
    }

    private static List<String> codes(JsonNode report) {
        return StreamSupport.stream(report.path("findings").spliterator(), false)
                .map(f -> f.path("code").asText()).toList();
    }

    private static JsonNode finding(JsonNode report, String code) {
        return StreamSupport.stream(report.path("findings").spliterator(), false)
                .filter(f -> f.path("code").asText().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void aHealthyPcExitsZeroWithVerdictHealthy() throws IOException {
        CliRun run = CliRun.of("diagnose", "--snapshot", ExampleSnapshots.arg("healthy"), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = json(run);
        assertEquals("HEALTHY", report.path("verdict").asText());
        assertEquals("MAPI_HTTP", report.path("protocol").asText());
    }

    @Test
    void mapiHttpDisabledByHandIsFoundWithItsRemedy() throws IOException {
        CliRun run = CliRun.of("diagnose", "--snapshot", ExampleSnapshots.arg("mapihttp-disabled"), "--json");
        assertEquals(1, run.exitCode(), run.err());
        JsonNode report = json(run);
        JsonNode finding = finding(report, "MAPIHTTP_DISABLED_REGISTRY");
        assertEquals("enable-mapihttp", finding.path("remedy").asText());
        assertTrue(finding.path("evidence").asText().contains("MapiHttpDisabled = 1"));
        assertEquals("RPC_HTTP", report.path("protocol").asText());
        assertEquals("DEGRADED", report.path("verdict").asText());
    }

    @Test
    void fallbackWithStaleSspiCredentialsPointsAtClearingThem() throws IOException {
        CliRun run = CliRun.of("diagnose", "--snapshot", ExampleSnapshots.arg("fallback-stale-sspi"), "--json");
        assertEquals(1, run.exitCode(), run.err());
        JsonNode report = json(run);
        assertTrue(codes(report).containsAll(List.of("OFFICE_SSPI_CREDENTIALS", "CONNECTION_FALLBACK")), codes(report).toString());
        assertEquals("clear-office-credentials", finding(report, "CONNECTION_FALLBACK").path("remedy").asText());
        assertTrue(finding(report, "OFFICE_SSPI_CREDENTIALS").path("evidence").asText()
                .contains("MicrosoftOffice16_Data:SSPI:carol@contoso.com"));
    }

    @Test
    void aDisconnectedMailboxIsFailing() throws IOException {
        CliRun run = CliRun.of("diagnose", "--snapshot", ExampleSnapshots.arg("server-outage"), "--json");
        assertEquals(1, run.exitCode(), run.err());
        JsonNode report = json(run);
        assertEquals("FAILING", report.path("verdict").asText());
        assertTrue(codes(report).contains("CONNECTION_DISCONNECTED"));
    }

    @Test
    void jsonOutputIsAValidReportForTheCollector() throws IOException {
        for (String example : List.of("healthy", "mapihttp-disabled", "fallback-stale-sspi", "server-outage")) {
            CliRun run = CliRun.of("diagnose", "--snapshot", ExampleSnapshots.arg(example), "--json");
            assertEquals(List.of(), ProtocolSchema.REPORT.validate(json(run)), example);
        }
    }

    /** diagnose streams its report without databind; what it prints must not change by that. */
    @Test
    void jsonOutputIsTheReportAsDatabindsPrettyPrinterWritesIt() throws IOException {
        for (String example : List.of("healthy", "mapihttp-disabled", "fallback-stale-sspi", "server-outage")) {
            CliRun run = CliRun.of("diagnose", "--snapshot", ExampleSnapshots.arg(example), "--json");
            Report report = ProtocolJson.mapper().readValue(run.out(), Report.class);
            assertEquals(ProtocolJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report)
                    + System.lineSeparator(), run.out(), example);
        }
    }

    @Test
    void eachRunHasANewReportIdAndTheSameDeviceId() throws IOException {
        JsonNode first = json(CliRun.of("diagnose", "--snapshot", ExampleSnapshots.arg("healthy"), "--json"));
        JsonNode second = json(CliRun.of("diagnose", "--snapshot", ExampleSnapshots.arg("healthy"), "--json"));
        assertNotEquals(first.path("reportId").asText(), second.path("reportId").asText());
        assertEquals(first.path("deviceId").asText(), second.path("deviceId").asText());
    }

    @Test
    void reportCarriesEveryEvidenceSection() throws IOException {
        JsonNode report = json(CliRun.of("diagnose", "--snapshot", ExampleSnapshots.arg("mapihttp-disabled"), "--json"));
        for (String section : List.of("outlook", "mapiHttp", "autodiscover", "credentials", "connectionStatus")) {
            assertTrue(report.path(section).isObject(), section);
        }
        assertEquals("16.0.17928.20156", report.path("outlook").path("version").asText());
    }

    @Test
    void humanOutputIsATableWithWhatToDo() {
        CliRun run = CliRun.of("diagnose", "--snapshot", ExampleSnapshots.arg("mapihttp-disabled"));
        assertTrue(run.out().contains("MAPIHTTP_DISABLED_REGISTRY"), run.out());
        assertTrue(run.out().contains("mapi-agent heal --only enable-mapihttp"), run.out());
        assertTrue(run.out().contains("Verdict   DEGRADED"), run.out());
    }

    @Test
    void aConnectionStatusFileOnTheCommandLineOverridesTheSnapshots() throws IOException {
        Path status = temp.resolve("status.txt");
        Files.writeString(status, """
                Server Name | Conn | Type | Protocol | Req/Fail
                ---------------------|------|----------|-----------|----------
                mail.domain.com | Disc | Mail | MAPI/HTTP | 0/15
                """, StandardCharsets.UTF_8);
        CliRun run = CliRun.of("diagnose", "--snapshot", ExampleSnapshots.arg("healthy"),
                "--connection-status", status.toString(), "--json");
        JsonNode report = json(run);
        assertEquals("FAILING", report.path("verdict").asText());
        assertEquals(status.toString(), report.path("connectionStatus").path("source").asText());
    }

    @Test
    void aMissingSnapshotFolderIsBadInput() {
        CliRun run = CliRun.of("diagnose", "--snapshot", temp.resolve("nope").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.errIsOneLine(), run.err());
        assertTrue(run.err().contains("nope"), run.err());
    }

    @Test
    void aMalformedRegistryExportIsBadInputNamingTheLine() throws IOException {
        Path snapshot = Files.createDirectory(temp.resolve("broken"));
        Files.writeString(snapshot.resolve("registry.reg"), """
                Windows Registry Editor Version 5.00

                [HKEY_CURRENT_USER\\Software\\Microsoft\\Exchange]
                "MapiHttpDisabled"=dword:zz
                """);
        CliRun run = CliRun.of("diagnose", "--snapshot", snapshot.toString());
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.errIsOneLine(), run.err());
        assertTrue(run.err().contains("line 4"), run.err());
    }

    @Test
    void anXxeAutodiscoverFileIsRefusedWithoutReadingTheEntityAndNamedInAFinding() throws IOException {
        Path snapshot = Files.createDirectories(temp.resolve("xxe/LocalAppData/Microsoft/Outlook"));
        Path secret = Files.writeString(temp.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        Files.writeString(snapshot.resolve("0123456789abcdef0123456789abcdef - Autodiscover.xml"),
                "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                        + "<Autodiscover><Response><User><DisplayName>&x;</DisplayName></User></Response></Autodiscover>");
        CliRun run = CliRun.of("diagnose", "--snapshot", temp.resolve("xxe").toString(), "--json");
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(!run.out().contains("TOP-SECRET-CONTENT") && !run.err().contains("TOP-SECRET-CONTENT"));
        JsonNode refused = finding(json(run), "AUTODISCOVER_FILE_REFUSED");
        assertEquals("Microsoft/Outlook/0123456789abcdef0123456789abcdef - Autodiscover.xml",
                refused.path("evidence").asText(), run.out());
    }

    @Test
    void aHugeConnectionStatusFileIsRefusedBeforeReading() throws IOException {
        Path huge = temp.resolve("huge.txt");
        try (var channel = FileChannel.open(huge, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {'x'}), 50L * 1024 * 1024);
        }
        CliRun run = CliRun.of("diagnose", "--snapshot", ExampleSnapshots.arg("healthy"), "--connection-status", huge.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.errIsOneLine(), run.err());
        assertTrue(run.err().contains("too large"), run.err());
    }

    @Test
    void humanOutputEndsWithOneSummaryLineForIntune() {
        CliRun run = CliRun.of("diagnose", "--snapshot", ExampleSnapshots.arg("fallback-stale-sspi"));

        List<String> lines = run.out().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("mapi-agent: DEGRADED protocol=RPC_HTTP findings="), last);
        assertTrue(last.contains("OFFICE_SSPI_CREDENTIALS") && last.contains("CONNECTION_FALLBACKx2"), last);
        assertTrue(last.length() <= 2048);
    }

    @Test
    void aGermanConnectionStatusTableIsRefusedWithExitTwoNotAnAllClear() throws IOException {
        Path status = temp.resolve("status-de.txt");
        Files.writeString(status, """
                CID  SMTP-Adresse      Proxyserver  Servername        Status     Protokoll  Typ   Anf./Fehl.
                4    anna@contoso.de                mail.contoso.de   Getrennt   HTTP       Mail  0/15
                """, StandardCharsets.UTF_8);

        CliRun run = CliRun.of("diagnose", "--snapshot", ExampleSnapshots.arg("healthy"), "--connection-status",
                status.toString());

        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.errIsOneLine(), run.err());
        assertEquals("", run.out());
    }
}
