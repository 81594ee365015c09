package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.collector.service.FleetHistoryService;
import dev.mapiagent.collector.support.HeadlessChromium;
import dev.mapiagent.collector.support.Http;
import dev.mapiagent.collector.support.MutableClock;
import dev.mapiagent.collector.support.Reports;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import dev.mapiagent.protocol.ConnectionRow;
import dev.mapiagent.protocol.ConnectionStatusSection;
import dev.mapiagent.protocol.MapiProtocol;
import dev.mapiagent.protocol.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The helpdesk page in real headless Chromium (Debian's chromium and chromium-driver): log in, find a device,
 * read its findings, queue a self-heal, see it in the audit log. Skipped only when chromedriver is missing and
 * CI is not set; in CI it must run.
 */
class BrowserTest {

    private TestCollector collector;
    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait wait;
    private Path downloads;

    @BeforeEach
    void start() throws Exception {
        chromium = new HeadlessChromium();
        browser = chromium.browser();
        wait = chromium.waiting();
        downloads = chromium.downloads();
        collector = new TestCollector(TestDatabase.H2.freshUrl(), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    private Report fallbackReport(String deviceId, String hostname) {
        Report base = Reports.degraded(deviceId, hostname, Instant.now().minusSeconds(60), "mail.contoso.com");
        ConnectionStatusSection status = new ConnectionStatusSection("snapshot", "OUTLOOK", MapiProtocol.RPC_HTTP,
                List.of(new ConnectionRow(2, "mail.contoso.com", "ann@contoso.com", "Mail", "RPC/HTTP",
                        MapiProtocol.RPC_HTTP, "Established", true, 45, 0, "Nego*")), List.of());
        return new Report(base.schemaVersion(), base.reportId(), base.deviceId(), base.hostname(), base.user(),
                base.createdAt(), base.agentVersion(), base.verdict(), base.protocol(), base.findings(), base.outlook(),
                base.mapiHttp(), base.autodiscover(), base.credentials(), status);
    }

    @Test
    void aHelpdeskUserFindsADeviceReadsItsFindingsAndQueuesASelfHealThatTheAuditLogShows() {
        String agent = collector.enroll("dev-sales-7", "PC-SALES-07");
        assertEquals(201, collector.http().postJson("/api/v1/reports", agent, fallbackReport("dev-sales-7", "PC-SALES-07")).status());
        String evil = collector.enroll("dev-evil", "<img src=x onerror=alert(1)>");
        collector.http().postJson("/api/v1/reports", evil, Reports.degraded("dev-evil", "<img src=x onerror=alert(1)>",
                Instant.now().minusSeconds(30), "mail.contoso.com"));
        collector.user("hank", "helpdesk");

        browser.get(collector.baseUrl() + "/");
        chromium.logIn("hank", TestCollector.PASSWORD);
        browser.findElement(By.id("nav-devices")).click();

        // the device list, escaped: the hostile host name is text, not an element
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("device-table"), "PC-SALES-07"));
        assertTrue(browser.findElement(By.id("device-table")).getText().contains("<img src=x onerror=alert(1)>"));
        assertEquals(0, browser.findElements(By.cssSelector("#device-table img")).size());

        // find it by search and verdict filter
        browser.findElement(By.id("device-search")).sendKeys("sales");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("verdict-filter"))).selectByValue("DEGRADED");
        browser.findElement(By.cssSelector("#device-filter button[type=submit]")).click();
        wait.until(d -> d.findElements(By.cssSelector("#device-table tbody tr")).size() == 1);
        browser.findElement(By.linkText("PC-SALES-07")).click();

        // its findings in plain words and its Connection Status rows
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("device-title"), "PC-SALES-07"));
        String findings = browser.findElement(By.id("findings")).getText();
        assertTrue(findings.contains("MAPI over HTTP is switched off for this user"), findings);
        assertTrue(findings.contains("Self-heal can fix it"), findings);
        String rows = browser.findElement(By.id("connection-rows")).getText();
        assertTrue(rows.contains("mail.contoso.com") && rows.contains("RPC/HTTP") && rows.contains("45/0"), rows);

        // the remedy is suggested; queue it with a restart
        WebElement enable = browser.findElement(By.cssSelector("#heal-actions input[value=enable-mapihttp]"));
        assertTrue(enable.isSelected(), "the finding's remedy is pre-selected");
        browser.findElement(By.cssSelector("#heal-actions input[value=restart-outlook]")).click();
        browser.findElement(By.id("heal-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Self-heal queued"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("command-table"), "queued"));
        assertTrue(browser.findElement(By.id("command-table")).getText().contains("enable-mapihttp, restart-outlook"));

        // the agent sees exactly that command
        Http.Response pending = collector.http().get("/api/v1/commands", agent);
        assertEquals("hank", pending.json().path("commands").path(0).path("requestedBy").asText());

        // an admin sees it in the audit log
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("nav")));
        chromium.logIn("admin", TestCollector.ADMIN_PASSWORD);
        browser.findElement(By.id("nav-audit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-table"), "heal-queued"));
        String audit = browser.findElement(By.id("audit-table")).getText();
        assertTrue(audit.lines().anyMatch(l -> l.contains("hank") && l.contains("heal-queued") && l.contains("dev-sales-7")), audit);
    }

    @Test
    void aViewerSeesNoSelfHealButtonAndNoAuditLog() {
        String agent = collector.enroll("dev-1", "PC-0001");
        collector.http().postJson("/api/v1/reports", agent, fallbackReport("dev-1", "PC-0001"));
        collector.user("vera", "viewer");
        browser.get(collector.baseUrl() + "/#/device/dev-1");
        chromium.logIn("vera", TestCollector.PASSWORD);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("device-title"), "PC-0001"));
        assertTrue(!browser.findElement(By.id("heal-box")).isDisplayed());
        assertTrue(!browser.findElement(By.id("nav-audit")).isDisplayed());
    }

    @Test
    void thePasteBoxReadsATablePastedFromAUsersScreen() {
        browser.get(collector.baseUrl() + "/");
        chromium.logIn("admin", TestCollector.ADMIN_PASSWORD);
        browser.findElement(By.id("nav-paste")).click();
        WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("paste-text")));
        box.sendKeys("Server Name | Conn | Type | Protocol | Req/Fail\n"
                + "mail.domain.com | Disc | Mail | HTTP | 45/45\n");
        browser.findElement(By.id("paste-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("paste-result")));
        assertTrue(browser.findElement(By.id("paste-facts")).getText().contains("Failing"),
                browser.findElement(By.id("paste-facts")).getText());
        assertTrue(browser.findElement(By.id("paste-rows")).getText().contains("mail.domain.com"));
    }

    @Test
    void theDeviceListPagesSortsAndExportsTheFilteredListAsCsv() throws Exception {
        for (int i = 1; i <= 60; i++) {
            String id = String.format("dev-%02d", i);
            String host = String.format("PC-%02d", i);
            String agent = collector.enroll(id, host);
            Report report = i % 3 == 0 ? Reports.degraded(id, host, Instant.now().minusSeconds(60), "mail.contoso.com")
                    : Reports.healthy(id, host, Instant.now().minusSeconds(60), "mail.contoso.com");
            assertEquals(201, collector.http().postJson("/api/v1/reports", agent, report).status());
        }
        browser.get(collector.baseUrl() + "/#/devices");
        chromium.logIn("admin", TestCollector.ADMIN_PASSWORD);

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "1–50 of 60"));
        assertEquals(50, browser.findElements(By.cssSelector("#device-table tbody tr")).size());
        browser.findElement(By.id("page-next")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "51–60 of 60"));
        assertTrue(browser.findElement(By.id("device-table")).getText().contains("PC-60"));

        // a click on a column sorts by it, a second click reverses, and the list starts again at the first page
        browser.findElement(By.cssSelector("#device-table th[data-sort=hostname]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "1–50 of 60"));
        wait.until(d -> d.findElement(By.cssSelector("#device-table tbody tr td")).getText().equals("PC-60"));

        // filtered to the RPC/HTTP fallback: 20 devices, all of them in the CSV, not only a page
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("protocol-filter"))).selectByValue("RPC_HTTP");
        browser.findElement(By.cssSelector("#device-filter button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "1–20 of 20"));
        browser.findElement(By.id("device-csv")).click();
        Path csv = downloads.resolve("devices.csv");
        wait.until(d -> Files.exists(csv) && sizeOf(csv) > 0);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("deviceId,hostname,user,verdict,protocol,lastSeen,endpointHost,officeVersion,officeChannel", lines.get(0));
        assertEquals(21, lines.size());
        assertTrue(lines.get(1).startsWith("dev-60,PC-60,ann,DEGRADED,RPC_HTTP,"), lines.get(1));
    }

    @Test
    void theOverviewIsTheLandingPageWithTotalsServerSideIncidentsFirstAndStoppedAgents() {
        Instant now = Instant.now();
        for (int i = 1; i <= 3; i++) {
            String agent = collector.enroll("dev-f" + i, "PC-F" + i);
            collector.http().postJson("/api/v1/reports", agent, Reports.failing("dev-f" + i, "PC-F" + i,
                    now.minusSeconds(300 - i), "mail.contoso.com"));
        }
        String agent = collector.enroll("dev-h", "PC-H");
        collector.http().postJson("/api/v1/reports", agent, Reports.healthy("dev-h", "PC-H", now.minusSeconds(60), "mail.contoso.com"));
        String degraded = collector.enroll("dev-d", "PC-D");
        collector.http().postJson("/api/v1/reports", degraded, fallbackReport("dev-d", "PC-D"));

        browser.get(collector.baseUrl() + "/");
        chromium.logIn("admin", TestCollector.ADMIN_PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview-view")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("overview-totals"), "5\ndevices"));
        String totals = browser.findElement(By.id("overview-totals")).getText();
        assertTrue(totals.contains("1\non MAPI/HTTP (20%)") && totals.contains("1\non the RPC/HTTP fallback (20%)")
                && totals.contains("3\nfailing (60%)"), totals);

        WebElement first = browser.findElement(By.cssSelector("#overview-incidents tbody tr"));
        assertTrue(first.getText().startsWith("server-side mail.contoso.com MAPI_ENDPOINT_HTTP_503 3 of 5"), first.getText());
        assertTrue(first.getText().contains("Cause 4: MSExchangeMapi application pool stopped or crashing"), first.getText());
        assertTrue(first.getText().contains("Get-WebAppPoolState -Name \"MSExchangeMapiMailboxAppPool\""), first.getText());
        assertTrue(browser.findElement(By.id("overview-endpoints")).getText().contains("mail.contoso.com 5 20% 20% 60% 3 1 1"),
                browser.findElement(By.id("overview-endpoints")).getText());
        assertTrue(browser.findElement(By.id("overview-stale")).getText().contains("Every agent reported within the last 7 days"));

        // the incident's finding opens the device list filtered to it
        first.findElement(By.linkText("MAPI_ENDPOINT_HTTP_503")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "1–3 of 3"));
        assertEquals("MAPI_ENDPOINT_HTTP_503", browser.findElement(By.id("finding-filter")).getAttribute("value"));
    }

    @Test
    void theOverviewChartsTheProtocolShareOverTime() {
        Instant now = Instant.now();
        MutableClock past = new MutableClock(now.minus(Duration.ofHours(2)));
        FleetHistoryService history = new FleetHistoryService(collector.database().jdbi(), past);
        for (int i = 1; i <= 4; i++) {
            String agent = collector.enroll("dev-" + i, "PC-" + i);
            collector.http().postJson("/api/v1/reports", agent, Reports.degraded("dev-" + i, "PC-" + i, now.minusSeconds(600), "mail.contoso.com"));
        }
        history.record();
        past.advance(Duration.ofHours(1));
        for (int i = 1; i <= 3; i++) {
            String agent = collector.enroll("dev-" + i, "PC-" + i);
            collector.http().postJson("/api/v1/reports", agent, Reports.healthy("dev-" + i, "PC-" + i, now.minusSeconds(300), "mail.contoso.com"));
        }
        history.record();

        browser.get(collector.baseUrl() + "/");
        chromium.logIn("admin", TestCollector.ADMIN_PASSWORD);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history-summary"), "2 hourly points"));
        assertTrue(browser.findElement(By.id("history-summary")).getText().contains("75% MAPI/HTTP, 25% RPC/HTTP fallback"),
                browser.findElement(By.id("history-summary")).getText());
        String legend = browser.findElement(By.cssSelector("#history-chart .u-legend")).getText();
        assertTrue(legend.contains("MAPI/HTTP") && legend.contains("RPC/HTTP fallback"), legend);
        Object painted = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("""
                const c = document.querySelector('#history-chart canvas');
                const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0; for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
                return n;""");
        assertTrue(((Number) painted).longValue() > 500, "the chart drew lines: " + painted + " painted pixels");

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("history-interval"))).selectByValue("day");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history-summary"), "daily points"));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
