package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.collector.config.CollectorConfig;
import dev.mapiagent.collector.config.DirectoryConfig;
import dev.mapiagent.collector.support.HeadlessChromium;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import dev.mapiagent.collector.support.TestDirectory;
import dev.mapiagent.collector.support.TestProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The helpdesk page in real headless Chromium, signing in with the company directory: through the OpenID provider's
 * redirects, and with a directory account over LDAP. Each lands on the page of the role the directory gave.
 */
class DirectoryBrowserTest {

    @TempDir
    Path dir;
    private HeadlessChromium chromium;
    private TestDirectory directory;
    private TestProvider provider;
    private TestCollector collector;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        chromium = new HeadlessChromium();
        browser = chromium.browser();
        wait = chromium.waiting();
        directory = new TestDirectory(dir);
        provider = new TestProvider();
        int port = TestProvider.freePort();
        collector = new TestCollector(CollectorConfig.defaults(TestDatabase.H2.freshUrl()).withAdminPassword(TestCollector.ADMIN_PASSWORD),
                new DirectoryConfig(directory.ldaps(), provider.config(port)), Clock.systemUTC(), port);
    }

    @AfterEach
    void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (collector != null) {
            collector.close();
            provider.close();
            directory.close();
        }
    }

    @Test
    void signingInThroughTheOpenIdProviderShowsTheHelpdeskPage() {
        provider.nextToken("ann@contoso.com", List.of(TestProvider.HELPDESK_ROLE), TestProvider.CLIENT_ID, 3600);
        browser.get(collector.baseUrl() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-oidc-link"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("whoami"), "oidc:ann@contoso.com (helpdesk)"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview-view")));
        assertFalse(browser.findElement(By.id("nav-audit")).isDisplayed(), "the audit log is for admins");
    }

    @Test
    void signingInWithADirectoryAccountOverLdapShowsTheAdminPage() {
        browser.get(collector.baseUrl() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-source-label")));
        browser.findElement(By.id("login-user")).sendKeys("CONTOSO\\bob");
        browser.findElement(By.id("login-password")).sendKeys(TestDirectory.PASSWORD);
        new Select(browser.findElement(By.id("login-source"))).selectByValue("ldap");
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("whoami"), "ldap:CONTOSO\\bob (admin)"));
        assertTrue(browser.findElement(By.id("nav-audit")).isDisplayed(), "an admin sees the audit log");
        browser.findElement(By.id("nav-audit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-view"), "ldap:CONTOSO\\bob"));
    }
}
