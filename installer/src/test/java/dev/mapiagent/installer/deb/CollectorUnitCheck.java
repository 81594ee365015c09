package dev.mapiagent.installer.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package's systemd unit: valid for systemd, hardened, and not starting before it is configured. */
class CollectorUnitCheck {

    private static final String INSTALLED_PREFIX = "/usr/lib/mapi-collector/";

    private static String unit;
    private static Map<String, List<String>> settings;

    @BeforeAll
    static void readUnit() {
        unit = DebPackage.read(DebPackage.extracted().resolve(DebPackage.UNIT));
        settings = new HashMap<>();
        for (String line : unit.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0 && !line.startsWith("#")) {
                settings.computeIfAbsent(line.substring(0, equals), k -> new ArrayList<>()).add(line.substring(equals + 1));
            }
        }
    }

    @Test
    void systemdAnalyzeVerifiesTheUnitWithoutAComplaint(@TempDir Path dir) throws IOException {
        DebPackage.requireTool("systemd-analyze", "systemd");
        Path copy = unitRunningTheExtractedLauncher(dir);
        DebPackage.Result result = DebPackage.run(List.of("systemd-analyze", "verify", copy.toString()), Map.of());
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("", result.output().strip(), "systemd-analyze verify warns (unknown keys are only warnings)");
    }

    @Test
    void systemdRatesTheUnitsExposureOk(@TempDir Path dir) throws IOException {
        DebPackage.requireTool("systemd-analyze", "systemd");
        Path copy = unitRunningTheExtractedLauncher(dir);
        // --threshold counts tenths: fails above 2.0, the top of what systemd calls "OK" being 4.9
        DebPackage.Result result = DebPackage.run(List.of("systemd-analyze", "security", "--offline=true",
                "--threshold=20", "--no-pager", copy.toString()), Map.of());
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void runsUnderItsOwnUserWithTheUsualHardening() {
        assertSetting("User", "mapi-collector");
        assertSetting("Group", "mapi-collector");
        assertSetting("NoNewPrivileges", "yes");
        assertSetting("ProtectSystem", "strict");
        assertSetting("ProtectHome", "yes");
        assertSetting("PrivateTmp", "yes");
        assertSetting("CapabilityBoundingSet", "");
    }

    @Test
    void keepsItsDatabaseInTheStateDirectory() {
        assertSetting("StateDirectory", "mapi-collector");
        assertSetting("Environment", "MAPI_COLLECTOR_DATA_DIR=/var/lib/mapi-collector");
        assertSetting("EnvironmentFile", "/etc/mapi-collector/collector.env");
    }

    @Test
    void restartsOnFailureButNotOnBadConfigurationAndStopsGracefullyWithinItsTimeout() {
        assertSetting("Restart", "on-failure");
        assertSetting("RestartPreventExitStatus", "2");
        assertSetting("KillSignal", "SIGTERM");
        assertSetting("TimeoutStopSec", "30");
        assertSetting("SuccessExitStatus", "143");
        assertSetting("StandardOutput", "journal");
    }

    @Test
    void theShippedSettingsDoNotPassTheStartCondition() {
        Map<String, String> shipped = EnvironmentFile.parse(DebPackage.read(DebPackage.extracted().resolve(DebPackage.ENV_FILE)));
        DebPackage.Result result = startCondition(shipped);
        assertEquals(1, result.exitCode(), "exit codes 1-254 skip the unit without marking it failed: " + result.output());
        assertTrue(result.output().contains("set MAPI_COLLECTOR_ENROLL_SECRET in /etc/mapi-collector/collector.env"),
                result.output());
    }

    @Test
    void settingsWithAnEnrollmentSecretPassTheStartCondition() {
        Map<String, String> configured = new HashMap<>(
                EnvironmentFile.parse(DebPackage.read(DebPackage.extracted().resolve(DebPackage.ENV_FILE))));
        configured.put("MAPI_COLLECTOR_ENROLL_SECRET", "a-long-enrollment-secret");
        DebPackage.Result result = startCondition(configured);
        assertEquals(0, result.exitCode(), result.output());
    }

    /** Runs the unit's ExecCondition= command in the environment systemd would give it. */
    private static DebPackage.Result startCondition(Map<String, String> environment) {
        String condition = settings.get("ExecCondition").get(0);
        String prefix = "/bin/sh -c '";
        assertTrue(condition.startsWith(prefix) && condition.endsWith("'"), condition);
        String script = condition.substring(prefix.length(), condition.length() - 1);
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("MAPI_COLLECTOR_ENROLL_SECRET", "");
        return DebPackage.run(List.of("/bin/sh", "-c", script), env);
    }

    /** The unit with its ExecStart= pointing into the unpacked package, as systemd-analyze checks that it exists. */
    private static Path unitRunningTheExtractedLauncher(Path dir) throws IOException {
        String launcherDir = DebPackage.extracted().toAbsolutePath().resolve("usr/lib/mapi-collector") + "/";
        Path copy = dir.resolve("mapi-collector.service");
        Files.writeString(copy, unit.replace(INSTALLED_PREFIX, launcherDir) + "\n");
        return copy;
    }

    private static void assertSetting(String key, String expected) {
        List<String> values = settings.getOrDefault(key, List.of());
        assertTrue(values.contains(expected), key + "=" + expected + " expected, unit has " + values);
    }
}
