package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mapiagent.collector.support.HeadlessChromium;
import dev.mapiagent.collector.support.Http;
import dev.mapiagent.collector.support.Reports;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import dev.mapiagent.protocol.ConnectionRow;
import dev.mapiagent.protocol.ConnectionStatusSection;
import dev.mapiagent.protocol.MapiProtocol;
import dev.mapiagent.protocol.Report;
import java.io.File;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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

    @BeforeEach
    void start() throws Exception {
        chromium = new HeadlessChromium();
        browser = chromium.browser();
        wait = chromium.waiting();
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

    private void login(String user, String password) {
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
        name.clear();
        name.sendKeys(user);
        browser.findElement(By.id("login-password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("whoami"), user + " ("));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
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
        login("hank", TestCollector.PASSWORD);

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
        login("admin", TestCollector.ADMIN_PASSWORD);
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
        login("vera", TestCollector.PASSWORD);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("device-title"), "PC-0001"));
        assertTrue(!browser.findElement(By.id("heal-box")).isDisplayed());
        assertTrue(!browser.findElement(By.id("nav-audit")).isDisplayed());
    }

    @Test
    void thePasteBoxReadsATablePastedFromAUsersScreen() {
        browser.get(collector.baseUrl() + "/");
        login("admin", TestCollector.ADMIN_PASSWORD);
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
}
