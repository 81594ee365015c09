package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.collector.config.CollectorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad configuration stops {@code serve} with exit 2 and one line on stderr, never a stack trace. */
class ServeCommandTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String stderr) {
    }

    private Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int code = cli.execute(args);
        return new Run(code, err.toString());
    }

    private static void assertOneLine(Run run, String contains) {
        assertEquals(2, run.exitCode(), run.stderr());
        assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
        assertTrue(run.stderr().contains(contains), run.stderr());
        assertFalse(run.stderr().contains("\tat "), run.stderr());
    }

    @Test
    void aPortOutOfRangeIsExit2() {
        assertOneLine(run("serve", "--port", "70000", "--data-dir", dir.toString()), "--port must be 0-65535");
    }

    @Test
    void anUnsupportedDatabaseIsExit2() {
        assertOneLine(run("serve", "--db", "jdbc:mysql://db/mapi"), "unsupported database URL");
    }

    @Test
    void anUnreachableDatabaseIsExit2WithoutItsPassword() {
        Run run = run("serve", "--db", "jdbc:postgresql://127.0.0.1:1/mapi?user=u&password=hunter2-secret");
        assertOneLine(run, "cannot connect");
        assertFalse(run.stderr().contains("hunter2-secret"), run.stderr());
    }

    @Test
    void aZeroAuditRetentionIsExit2() {
        assertOneLine(run("serve", "--audit-retention-days", "0", "--data-dir", dir.toString()),
                "--audit-retention-days must be at least 1");
    }

    @Test
    void aWeakAdminPasswordIsExit2() {
        assertOneLine(run("serve", "--admin-password", "short", "--data-dir", dir.toString()), "--admin-password refused");
    }

    @Test
    void aRedeliveryLeaseUnderAMinuteIsExit2() {
        assertOneLine(run("serve", "--redeliver-after-seconds", "30", "--data-dir", dir.toString()),
                "--redeliver-after-seconds must be 60-86400");
    }

    @Test
    void aBulkHealDefaultRateAboveTheMaximumIsExit2() {
        assertOneLine(run("serve", "--bulk-heal-per-minute", "500", "--bulk-heal-max-per-minute", "100",
                "--data-dir", dir.toString()), "--bulk-heal-per-minute must be 1 to --bulk-heal-max-per-minute (100)");
    }

    @Test
    void aWakeRecheckOutside1To3600SecondsIsExit2() {
        assertOneLine(run("serve", "--wake-recheck-seconds", "0", "--data-dir", dir.toString()),
                "--wake-recheck-seconds must be 1-3600");
    }

    @Test
    void anEnrollSecretUnder16CharactersIsExit2() {
        assertOneLine(run("serve", "--enroll-secret", "fifteen-chars-x", "--data-dir", dir.toString()),
                "--enroll-secret refused: an enrollment secret needs at least 16 characters");
    }

    @Test
    void aPreviousEnrollSecretUnder16CharactersIsExit2() {
        assertOneLine(run("serve", "--enroll-secret", "sixteen-chars-xx", "--enroll-secret-previous", "short",
                "--data-dir", dir.toString()), "--enroll-secret-previous refused");
    }

    @Test
    void noCommandIsExit2() {
        assertOneLine(run(), "missing command");
    }

    @Test
    void theConfigurationNeverPrintsItsSecrets() {
        CollectorConfig config = CollectorConfig.defaults("jdbc:postgresql://db/mapi?user=u&password=pw-in-url")
                .withEnrollSecret("enroll-secret-value").withAdminPassword("admin-secret-value");
        String text = config.toString();
        assertFalse(text.contains("pw-in-url") || text.contains("enroll-secret-value") || text.contains("admin-secret-value"), text);
    }

    @Test
    void aTrustedProxyThatIsNotAnAddressIsExit2() {
        assertOneLine(run("serve", "--trusted-proxies", "10.0.0.5,proxy.example", "--data-dir", dir.toString()),
                "--trusted-proxies: 'proxy.example' is not an IP address or CIDR range");
    }

    @Test
    void theTrustedProxiesAreTheConfiguredOnes() throws Exception {
        CollectorConfig config = parse("--trusted-proxies", "10.0.0.5, 192.168.10.0/24", "--data-dir", dir.toString());
        assertTrue(config.trustedProxies().isTrusted("192.168.10.7"));
        assertFalse(config.trustedProxies().isTrusted("10.0.0.6"));
    }

    @Test
    void anEmptyKeystoreSettingMeansPlainHttp() throws Exception {
        // what a settings file's "MAPI_COLLECTOR_TLS_KEYSTORE=" line gives
        assertFalse(parse("--tls-keystore", "", "--data-dir", dir.toString()).tls());
    }

    private static CollectorConfig parse(String... args) throws java.io.IOException {
        CommandLine cli = new CommandLine(new ServeCommand());
        cli.parseArgs(args);
        return ((ServeCommand) cli.getCommand()).config();
    }

    @Test
    void plainLdapWithoutStartTlsOrPermissionIsExit2() {
        assertOneLine(run("serve", "--data-dir", dir.toString(), "--ldap-url", "ldap://dc1.contoso.com",
                "--ldap-base-dn", "DC=contoso,DC=com", "--ldap-helpdesk-group", "CN=Helpdesk,DC=contoso,DC=com"), "clear text");
    }

    @Test
    void ldapWithoutAnyMappedGroupIsExit2() {
        assertOneLine(run("serve", "--data-dir", dir.toString(), "--ldap-url", "ldaps://dc1.contoso.com",
                "--ldap-base-dn", "DC=contoso,DC=com"), "without a group nobody gets in");
    }

    @Test
    void ldapServersMixingSchemesIsExit2() {
        assertOneLine(run("serve", "--data-dir", dir.toString(), "--ldap-url", "ldaps://dc1.contoso.com,ldap://dc2.contoso.com",
                "--ldap-start-tls", "--ldap-base-dn", "DC=contoso,DC=com", "--ldap-admin-group", "CN=A,DC=contoso,DC=com"), "same scheme");
    }

    @Test
    void anOpenIdIssuerOverPlainHttpIsExit2() {
        assertOneLine(run("serve", "--data-dir", dir.toString(), "--oidc-issuer", "http://login.contoso.com/",
                "--oidc-client-id", "c", "--oidc-redirect-uri", "https://collector.contoso.com/api/v1/login/oidc/callback",
                "--oidc-helpdesk", "Collector.Helpdesk"), "--oidc-issuer must be https://");
    }

    @Test
    void anOpenIdRedirectElsewhereThanTheCallbackIsExit2() {
        assertOneLine(run("serve", "--data-dir", dir.toString(), "--oidc-issuer", "https://login.contoso.com/",
                "--oidc-client-id", "c", "--oidc-redirect-uri", "https://collector.contoso.com/",
                "--oidc-helpdesk", "Collector.Helpdesk"), "--oidc-redirect-uri must be");
    }
}
