package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.config.BulkHealLimits;
import dev.mapiagent.collector.service.BulkHealService;
import dev.mapiagent.collector.support.HeadlessChromium;
import dev.mapiagent.collector.support.Http;
import dev.mapiagent.collector.support.Reports;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import dev.mapiagent.protocol.CommandResult;
import dev.mapiagent.protocol.CommandStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A bulk self-heal on the page in real headless Chromium: an admin filters the device list, sees how many PCs the
 * filter covers, queues the heal, watches its progress refresh as the scheduler starts devices and agents answer,
 * and cancels the rest.
 */
class BulkHealBrowserTest {

    private HeadlessChromium chromium;
    private TestCollector collector;
    private WebDriver browser;
    private WebDriverWait wait;
    private final Map<String, String> agents = new HashMap<>();

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

    private void device(String deviceId, String hostname, boolean fallback) {
        String agent = collector.enroll(deviceId, hostname);
        agents.put(deviceId, agent);
        Instant at = Instant.now().minusSeconds(60);
        assertEquals(201, collector.http().postJson("/api/v1/reports", agent, fallback
                ? Reports.degraded(deviceId, hostname, at, "mail.contoso.com")
                : Reports.healthy(deviceId, hostname, at, "mail.contoso.com")).status());
    }

    /** The number on the progress card of that outcome, once it shows the expected one. */
    private void awaitCount(String outcome, int expected) {
        By card = By.cssSelector("#bulk-counts [data-outcome='" + outcome + "'] .n");
        wait.until(ExpectedConditions.textToBe(card, String.valueOf(expected)));
    }

    @Test
    void anAdminQueuesABulkHealForTheFilteredDevicesWatchesItsProgressAndCancelsTheRest() {
        device("dev-bulk-1", "PC-BULK-1", true);
        device("dev-bulk-2", "PC-BULK-2", true);
        device("dev-bulk-3", "PC-BULK-3", true);
        device("dev-fine", "PC-FINE", false);

        browser.get(collector.baseUrl() + "/");
        chromium.logIn("admin", TestCollector.ADMIN_PASSWORD);
        browser.findElement(By.id("nav-devices")).click();
        wait.until(d -> d.findElements(By.cssSelector("#device-table tbody tr")).size() == 4);

        // filter the list, then count what the filter covers before anything is queued
        browser.findElement(By.id("finding-filter")).sendKeys("MAPIHTTP_DISABLED_REGISTRY");
        browser.findElement(By.cssSelector("#device-filter button[type=submit]")).click();
        wait.until(d -> d.findElements(By.cssSelector("#device-table tbody tr")).size() == 3);
        assertTrue(browser.findElement(By.id("bulk-box")).isDisplayed());
        browser.findElement(By.cssSelector("#bulk-actions input[value=enable-mapihttp]")).click();
        WebElement perMinute = browser.findElement(By.id("bulk-per-minute"));
        perMinute.clear();
        perMinute.sendKeys("2");
        assertFalse(browser.findElement(By.id("bulk-confirm")).isEnabled(), "nothing to confirm before the count");
        browser.findElement(By.id("bulk-preview")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bulk-count"), "3 devices match"));
        assertEquals(0, collector.http().get("/api/v1/bulk-heals", TestCollector.admin()).json().path("bulkHeals").size());

        // confirm: the bulk heal's page shows every device not started yet
        browser.findElement(By.id("bulk-confirm")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bulk-view")));
        awaitCount("pending", 3);
        assertTrue(browser.findElement(By.id("bulk-facts")).getText().contains("finding = MAPIHTTP_DISABLED_REGISTRY"));

        // the scheduler starts two (the rate), the page refreshes by itself
        BulkHealService scheduler = new BulkHealService(collector.database().jdbi(), Clock.systemUTC(),
                Duration.ofHours(1), BulkHealLimits.defaults());
        assertEquals(2, scheduler.tick().started());
        awaitCount("queued", 2);
        awaitCount("pending", 1);

        // one PC's policy does not allow the action: its agent refuses, and the page says why
        String agent = agents.get("dev-bulk-1");
        JsonNode command = collector.http().get("/api/v1/commands", agent).json().path("commands").path(0);
        String refusal = "refused: local policy (AllowedRemoteActions) does not allow enable-mapihttp";
        Http.Response answered = collector.http().postJson("/api/v1/commands/" + command.path("commandId").asText()
                + "/result", agent, new CommandResult(CommandStatus.REFUSED, 2, refusal, null, null));
        assertEquals(200, answered.status(), answered.body());
        awaitCount("refused", 1);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bulk-items"), "AllowedRemoteActions"));

        // cancel: the device not started yet is never healed, the started ones stay
        browser.findElement(By.id("bulk-cancel")).click();
        awaitCount("cancelled-before-start", 1);
        awaitCount("queued", 1);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("bulk-cancel")));
        assertEquals(0, scheduler.tick().started());

        // the list of bulk heals and the audit log each show it once
        browser.findElement(By.id("nav-bulks")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bulks-table"), "cancelled"));
        browser.findElement(By.id("nav-audit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-table"), "bulk-heal-cancelled"));
        assertTrue(browser.findElement(By.id("audit-table")).getText().contains("bulk-heal-queued"));
    }
}
