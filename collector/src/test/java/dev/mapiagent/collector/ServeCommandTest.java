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
    void aWeakAdminPasswordIsExit2() {
        assertOneLine(run("serve", "--admin-password", "short", "--data-dir", dir.toString()), "--admin-password refused");
    }

    @Test
    void aRedeliveryLeaseUnderAMinuteIsExit2() {
        assertOneLine(run("serve", "--redeliver-after-seconds", "30", "--data-dir", dir.toString()),
                "--redeliver-after-seconds must be 60-86400");
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
}
