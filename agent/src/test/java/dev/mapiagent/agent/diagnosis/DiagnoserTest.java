package dev.mapiagent.agent.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.DevUrandom;
import dev.mapiagent.agent.host.RandomIds;
import dev.mapiagent.agent.host.snapshot.SnapshotHost;
import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.MapiProtocol;
import dev.mapiagent.protocol.Report;
import dev.mapiagent.protocol.Severity;
import dev.mapiagent.protocol.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conclusions of a diagnosis on the cases real PCs showed it getting wrong (issue 11). */
class DiagnoserTest {

    private static final String HEADER = "Windows Registry Editor Version 5.00\n\n";
    private static final String OFFICE14 = "C:\\\\Program Files (x86)\\\\Microsoft Office\\\\Office14\\\\";
    private static final String MSI_OUTLOOK_2010_SP2 = HEADER
            + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Microsoft\\Office\\14.0\\Outlook\\InstallRoot]\n"
            + "\"Path\"=\"" + OFFICE14 + "\"\n\n"
            + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall"
            + "\\{90140000-0011-0000-0000-0000000FF1CE}]\n\"DisplayVersion\"=\"14.0.7015.1000\"\n";
    private static final String MICROSOFT_365 = HEADER
            + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration]\n"
            + "\"VersionToReport\"=\"16.0.17928.20156\"\n\"ProductReleaseIds\"=\"O365ProPlusRetail\"\n";
    private static final String MAPI_HTTP_ANSWER = """
            <?xml version="1.0" encoding="utf-8"?>
            <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
              <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
                <Account><Action>settings</Action>
                  <Protocol Type="mapiHttp" Version="1">
                    <MailStore><ExternalUrl>https://mail.contoso.com/mapi/emsmdb/?MailboxId=a@contoso.com</ExternalUrl></MailStore>
                  </Protocol>
                </Account>
              </Response>
            </Autodiscover>
            """;
    private static final String ERROR_600 = """
            <?xml version="1.0" encoding="utf-8"?>
            <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
              <Response>
                <Error Time="16:56:32.6164027" Id="1054084152">
                  <ErrorCode>600</ErrorCode>
                  <Message>Invalid Request</Message>
                  <DebugData />
                </Error>
              </Response>
            </Autodiscover>
            """;
    private static final String SSPI = "[{\"target\":\"MicrosoftOffice16_Data:SSPI:ann@contoso.com\",\"type\":\"generic\"}]";
    private static final String MAPI_HTTP_ROWS = """
            CID | Server name | Status | Protocol | Type | Req/Fail
            4 | mail.contoso.com | Established | HTTP | Mail | 120/0
            """;
    private static final String RPC_HTTP_ROWS = """
            CID | Proxy Server | Status | Protocol | Type | Req/Fail
            4 | mail.contoso.com | Established | RPC/HTTP | Mail | 120/0
            """;

    @TempDir
    Path pc;

    private void write(String relative, String text) throws IOException {
        Path file = pc.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void theReportIdIsItsCreationTimeFollowedByTheSourcesBytes() {
        RandomIds ids = new RandomIds(bytes -> {
            Arrays.fill(bytes, (byte) 0x11);
            return true;
        });
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC);

        Report report = new Diagnoser(SnapshotHost.open(pc), clock, "test", ids).diagnose(DiagnosisInput.defaults());

        assertEquals("01a2309e-2400-7111-9111-111111111111", report.reportId());
        assertEquals(clock.instant(), report.createdAt());
    }

    private Report diagnose() {
        return new Diagnoser(SnapshotHost.open(pc), Clock.systemUTC(), "test", new RandomIds(DevUrandom.SYSTEM)).diagnose(DiagnosisInput.defaults());
    }

    private static Optional<Finding> finding(Report report, String code) {
        return report.findings().stream().filter(f -> f.code().equals(code)).findFirst();
    }

    @Test
    void aPatchedMsiOutlook2010IsJudgedByOutlookExeNotByItsServicePackRegistryVersion() throws IOException {
        write("registry.reg", MSI_OUTLOOK_2010_SP2);
        write("files.json", "[{\"path\":\"" + OFFICE14 + "OUTLOOK.EXE\",\"fileVersion\":\"14.0.7268.5000\"}]");

        Report report = diagnose();

        assertEquals(Optional.empty(), finding(report, "OUTLOOK_TOO_OLD"));
        assertEquals("14.0.7268.5000", report.outlook().version());
    }

    @Test
    void outlookTooOldIsOnlyInformationWhenItsCachedAutodiscoverAnswerCarriesMapiHttp() throws IOException {
        write("registry.reg", MSI_OUTLOOK_2010_SP2);
        write("LocalAppData/Microsoft/Outlook/b7e128fc6da9614daadcced8787ff412 - Autodiscover.xml", MAPI_HTTP_ANSWER);

        Report report = diagnose();

        Finding tooOld = finding(report, "OUTLOOK_TOO_OLD").orElseThrow();
        assertEquals(Severity.INFO, tooOld.severity());
        assertEquals(MapiProtocol.MAPI_HTTP, report.protocol());
        assertEquals(Verdict.HEALTHY, report.verdict());
    }

    @Test
    void outlookTooOldIsOnlyInformationWhenTheConnectionStatusShowsMapiHttp() throws IOException {
        write("registry.reg", MSI_OUTLOOK_2010_SP2);
        write("connection-status.txt", MAPI_HTTP_ROWS);

        assertEquals(Severity.INFO, finding(diagnose(), "OUTLOOK_TOO_OLD").orElseThrow().severity());
    }

    @Test
    void outlookTooOldStaysAnErrorWithoutEvidenceOfMapiHttp() throws IOException {
        write("registry.reg", MSI_OUTLOOK_2010_SP2);

        assertEquals(Severity.ERROR, finding(diagnose(), "OUTLOOK_TOO_OLD").orElseThrow().severity());
    }

    @Test
    void anUnreadableTableIsNeverHealthyOnTheStrengthOfOtherEvidence() throws IOException {
        write("registry.reg", MICROSOFT_365);
        write("LocalAppData/Microsoft/Outlook/b7e128fc6da9614daadcced8787ff412 - Autodiscover.xml", MAPI_HTTP_ANSWER);
        write("connection-status.txt", """
                CID | Proxy Server | Status | Protocol | Type | Req/Fail
                4 | outlook.office365.com | Established | RPC/HTTP | Mail | 120 of 3
                """);

        Report report = diagnose();

        assertNotEquals(Verdict.HEALTHY, report.verdict());
        assertEquals(Severity.WARNING, finding(report, "CONNECTION_STATUS_UNREADABLE").orElseThrow().severity());
        assertEquals(MapiProtocol.UNKNOWN, report.protocol());
    }

    @Test
    void staleSspiLogonsAloneAreInformationWithTheirRemedy() throws IOException {
        write("registry.reg", MICROSOFT_365);
        write("credentials.json", SSPI);
        write("connection-status.txt", MAPI_HTTP_ROWS);

        Report report = diagnose();

        Finding sspi = finding(report, "OFFICE_SSPI_CREDENTIALS").orElseThrow();
        assertEquals(Severity.INFO, sspi.severity());
        assertEquals("clear-office-credentials", sspi.remedy());
        assertEquals(Verdict.HEALTHY, report.verdict());
    }

    @Test
    void staleSspiLogonsAreAWarningNextToAFallback() throws IOException {
        write("registry.reg", MICROSOFT_365);
        write("credentials.json", SSPI);
        write("connection-status.txt", RPC_HTTP_ROWS);

        assertEquals(Severity.WARNING, finding(diagnose(), "OFFICE_SSPI_CREDENTIALS").orElseThrow().severity());
    }

    @Test
    void staleSspiLogonsAreAWarningNextToAConnectionWhoseAuthenticationFails() throws IOException {
        write("registry.reg", MICROSOFT_365);
        write("credentials.json", SSPI);
        write("connection-status.txt", """
                CID | Server name | Status | Protocol | Authn | Type | Req/Fail
                4 | mail.contoso.com | Established | HTTP | ERROR | Mail | 12/0
                """);

        assertEquals(Severity.WARNING, finding(diagnose(), "OFFICE_SSPI_CREDENTIALS").orElseThrow().severity());
    }

    @Test
    void sspiLogonsWrittenAsCmdkeyPrintsThemAreFound() throws IOException {
        write("registry.reg", MICROSOFT_365);
        write("credentials.json", "[{\"target\":\"LegacyGeneric:target=MicrosoftOffice16_Data:SSPI:ann@contoso.com\"}]");

        assertEquals("MicrosoftOffice16_Data:SSPI:ann@contoso.com",
                finding(diagnose(), "OFFICE_SSPI_CREDENTIALS").orElseThrow().evidence());
    }

    @Test
    void aCachedAutodiscoverErrorAnswerIsItsOwnFindingNotNoCacheYet() throws IOException {
        write("registry.reg", MICROSOFT_365);
        write("LocalAppData/Microsoft/Outlook/b7e128fc6da9614daadcced8787ff412 - Autodiscover.xml", ERROR_600);

        Report report = diagnose();

        Finding cached = finding(report, "AUTODISCOVER_ERROR_CACHED").orElseThrow();
        assertEquals(Severity.WARNING, cached.severity());
        assertEquals("reset-autodiscover-cache", cached.remedy());
        assertTrue(cached.message().contains("ErrorCode 600 Invalid Request"), cached.message());
        assertFalse(finding(report, "AUTODISCOVER_NO_CACHE").isPresent());
    }

    @Test
    void aFallbackWithoutACauseOnThisPcAdvisesRestartingOutlookThenANewProfile() throws IOException {
        write("registry.reg", MICROSOFT_365);
        write("connection-status.txt", RPC_HTTP_ROWS);

        Finding fallback = finding(diagnose(), "CONNECTION_FALLBACK").orElseThrow();

        assertTrue(fallback.message().endsWith("no cause was found on this PC: restart Outlook, and if it still shows"
                + " RPC/HTTP re-create the Outlook profile"), fallback.message());
        assertEquals("restart-outlook", fallback.remedy());
    }

    @Test
    void aFallbackWithACauseKeepsTheCausesRemedy() throws IOException {
        write("registry.reg", MICROSOFT_365 + "\n[HKEY_CURRENT_USER\\Software\\Microsoft\\Exchange]\n"
                + "\"MapiHttpDisabled\"=dword:00000001\n");
        write("connection-status.txt", RPC_HTTP_ROWS);

        Finding fallback = finding(diagnose(), "CONNECTION_FALLBACK").orElseThrow();

        assertEquals("enable-mapihttp", fallback.remedy());
        assertFalse(fallback.message().contains("re-create"), fallback.message());
    }

    @Test
    void msiOffice2013Sp1AtBuild1506IsNotTooOld() throws IOException {
        write("registry.reg", HEADER
                + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Office\\15.0\\Outlook\\InstallRoot]\n"
                + "\"Path\"=\"C:\\\\Program Files\\\\Microsoft Office\\\\Office15\\\\\"\n\n"
                + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall"
                + "\\{90150000-0011-0000-1000-0000000FF1CE}]\n\"DisplayVersion\"=\"15.0.4569.1506\"\n");

        assertEquals(List.of(), diagnose().findings().stream().filter(f -> f.code().equals("OUTLOOK_TOO_OLD")).toList());
    }
}
