package dev.mapiagent.installer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.config.PolicySetting;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain MSI (no runtime inside) through its life on Wine's Windows Installer engine, on one
 * machine: refused without Java, installed, repaired, upgraded, refused as a downgrade, uninstalled.
 * The steps build on each other as they do on a real PC, hence the order.
 */
@TestMethodOrder(OrderAnnotation.class)
class MsiLifecycleWineIT {

    static final String JAVA_HOME = "C:\\Program Files\\Eclipse Adoptium\\jdk-17.0.12.7-hotspot";
    static final String INSTALL_DIR = "C:\\Program Files\\mapi-agent";
    static final String RUN_KEY = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run";
    static final String EVENT_SOURCE_KEY = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application\\MapiAgent";
    static final String SETTINGS_KEY = "HKLM\\" + PolicySetting.MACHINE_SETTINGS_KEY;
    static final String UNINSTALL_KEY = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall";
    static final String COLLECTOR_URL = "https://mapi-collector.example.com:8443";
    static final String ENROLL_SECRET = "enrol-only-secret-42";
    static final int RUN_VALUE_LIMIT = 260;
    /** Windows Installer's ERROR_INSTALL_FAILURE; a Unix process exit code keeps its low 8 bits. */
    static final int ERROR_INSTALL_FAILURE_LOW_BYTE = 1603 & 0xFF;
    static final String USER_STATE = "C:\\users\\" + System.getProperty("user.name") + "\\AppData\\Local\\MapiAgent";

    @TempDir
    static Path work;
    private static Wine wine;
    private static Path msi;
    private static Path newerMsi;
    private static Path newerJar;

    @BeforeAll
    static void machine() throws IOException {
        msi = BuiltMsi.plain();
        wine = Wine.newPrefix(work);
        String[] v = BuiltMsi.version().split("\\.");
        String newer = v[0] + "." + (Integer.parseInt(v[1]) + 1) + ".0";
        newerJar = work.resolve("newer").resolve("mapi-agent.jar");
        Files.createDirectories(newerJar.getParent());
        Files.copy(BuiltMsi.agentJar(), newerJar);
        try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + newerJar.toUri()), Map.of())) {
            Files.writeString(jar.getPath("upgrade-marker.txt"), newer);
        }
        newerMsi = BuiltMsi.build(newer, newerJar, work.resolve("newer"), null);
    }

    @AfterAll
    static void shutDown() throws IOException {
        if (wine != null) {
            wine.close();
        }
    }

    @Test
    @Order(1)
    void refusesWithoutJavaAndLeavesNothingBehind() throws IOException {
        Path log = work.resolve("no-java.log");

        Wine.Result result = msiexec("/i", msi, log, "COLLECTOR_URL=" + COLLECTOR_URL);

        assertEquals(ERROR_INSTALL_FAILURE_LOW_BYTE, result.exitCode(), "exit code 1603");
        String text = Wine.readWindowsText(log);
        assertTrue(text.contains("LaunchConditions. Return value 0"), "Wine logs the failed launch condition as 0:\n" + text);
        assertFalse(Files.exists(wine.drive(INSTALL_DIR)), "no install folder");
        assertEquals(Optional.empty(), RegQuery.key(wine, SETTINGS_KEY));
        assertEquals(Optional.empty(), RegQuery.value(wine, RUN_KEY, "MapiAgent"));
        assertEquals(Optional.empty(), RegQuery.key(wine, EVENT_SOURCE_KEY));
        assertEquals(List.of(), registeredVersions());
    }

    @Test
    @Order(2)
    void installsTheFilesTheRunValueTheSettingsAndTheEventSource() throws IOException {
        msiexec("/i", msi, work.resolve("install.log"), "COLLECTOR_URL=" + COLLECTOR_URL, "ENROLL_SECRET=" + ENROLL_SECRET,
                "JAVA_HOME_DIR=" + JAVA_HOME).expectSuccess("msiexec /i");

        assertArrayEquals(Files.readAllBytes(BuiltMsi.agentJar()), installed("mapi-agent.jar"));
        assertEquals(Files.readString(Path.of("src/main/dist/jvm.args")), new String(installed("jvm.args")));
        assertTrue(new String(installed("jvm.args")).lines().anyMatch("-Djna.nounpack=true"::equals),
                "JNA must not unpack its DLL to %TEMP%");
        assertEquals(Files.readString(Path.of("src/main/dist/mapi-agent.cmd")).replace("\r\n", "\n").replace("\n", "\r\n"),
                new String(installed("mapi-agent.cmd")), "the launcher, with CRLF line ends");
        assertArrayEquals(jnaDispatchLibrary(BuiltMsi.agentJar()), installed("jnidispatch.dll"));

        RegQuery.Value run = RegQuery.value(wine, RUN_KEY, "MapiAgent").orElseThrow();
        assertEquals("REG_EXPAND_SZ", run.type());
        assertEquals("\"" + JAVA_HOME + "\\bin\\javaw.exe\" @\"" + INSTALL_DIR + "\\jvm.args\""
                + " \"-XX:SharedArchiveFile=%LOCALAPPDATA%\\MapiAgent\\agent.jsa\" -jar \"" + INSTALL_DIR
                + "\\mapi-agent.jar\" run", run.data());
        assertTrue(run.data().length() < RUN_VALUE_LIMIT, run.data().length() + " characters");

        Map<String, RegQuery.Value> settings = RegQuery.key(wine, SETTINGS_KEY).orElseThrow();
        assertEquals(new RegQuery.Value("REG_SZ", COLLECTOR_URL), setting(settings, PolicySetting.COLLECTOR_URL));
        assertEquals(new RegQuery.Value("REG_SZ", ENROLL_SECRET), setting(settings, PolicySetting.ENROLL_SECRET));
        assertEquals(Optional.of(new RegQuery.Value("REG_SZ", JAVA_HOME)),
                RegQuery.value(wine, SETTINGS_KEY + "\\Installer", "JavaHome"));

        Map<String, RegQuery.Value> source = RegQuery.key(wine, EVENT_SOURCE_KEY).orElseThrow();
        assertEquals(new RegQuery.Value("REG_EXPAND_SZ",
                "%SystemRoot%\\Microsoft.NET\\Framework64\\v4.0.30319\\EventLogMessages.dll"), source.get("eventmessagefile"));
        assertEquals(new RegQuery.Value("REG_DWORD", "0x7"), source.get("typessupported"));
        assertEquals(List.of(BuiltMsi.version()), registeredVersions());
    }

    @Test
    @Order(3)
    void launcherRunsTheRecordedJavaAndReturnsItsExitCode() throws IOException {
        // Wine's hostname.exe stands in for java.exe: given arguments, it prints its usage and exits 1.
        Path java = wine.drive(JAVA_HOME + "\\bin\\java.exe");
        Files.createDirectories(java.getParent());
        Files.copy(wine.drive("C:\\windows\\system32\\hostname.exe"), java);

        Wine.Result result = launcher(wine, "diagnose");

        assertEquals(1, result.exitCode(), result.stdout() + result.stderr());
        assertTrue((result.stdout() + result.stderr()).contains("Usage: hostname"), result.stdout() + result.stderr());
    }

    @Test
    @Order(4)
    void repairRestoresADeletedJar() throws IOException {
        Files.delete(wine.drive(INSTALL_DIR + "\\mapi-agent.jar"));

        // What msiexec /fa means (Wine's msiexec does not implement /f): reinstall every feature, every file.
        msiexec("/i", msi, work.resolve("repair.log"), "REINSTALL=ALL", "REINSTALLMODE=a").expectSuccess("repair");

        assertArrayEquals(Files.readAllBytes(BuiltMsi.agentJar()), installed("mapi-agent.jar"));
        assertEquals(Optional.of(new RegQuery.Value("REG_SZ", COLLECTOR_URL)),
                RegQuery.value(wine, SETTINGS_KEY, PolicySetting.COLLECTOR_URL.valueName()));
    }

    @Test
    @Order(5)
    void upgradeReplacesTheProductAndKeepsTheAdministratorsSettings() throws IOException {
        msiexec("/i", newerMsi, work.resolve("upgrade.log")).expectSuccess("msiexec /i newer");

        assertArrayEquals(Files.readAllBytes(newerJar), installed("mapi-agent.jar"), "the newer jar");
        assertEquals(1, registeredVersions().size(), "one product registered: " + registeredVersions());
        assertFalse(registeredVersions().contains(BuiltMsi.version()), "the older version is gone");
        Map<String, RegQuery.Value> settings = RegQuery.key(wine, SETTINGS_KEY).orElseThrow();
        assertEquals(COLLECTOR_URL, setting(settings, PolicySetting.COLLECTOR_URL).data());
        assertEquals(ENROLL_SECRET, setting(settings, PolicySetting.ENROLL_SECRET).data());
        assertTrue(RegQuery.value(wine, RUN_KEY, "MapiAgent").orElseThrow().data().startsWith("\"" + JAVA_HOME + "\\bin\\"),
                "the Java of the first install is kept");
    }

    @Test
    @Order(6)
    void refusesToInstallAnOlderVersionOverANewerOne() throws IOException {
        List<String> before = registeredVersions();

        Wine.Result result = msiexec("/i", msi, work.resolve("downgrade.log"), "JAVA_HOME_DIR=" + JAVA_HOME);

        assertEquals(ERROR_INSTALL_FAILURE_LOW_BYTE, result.exitCode(), "exit code 1603");
        assertEquals(before, registeredVersions());
        assertArrayEquals(Files.readAllBytes(newerJar), installed("mapi-agent.jar"));
    }

    @Test
    @Order(7)
    void uninstallRemovesWhatTheMsiWroteAndKeepsTheUsersOwnData() throws IOException {
        Path userState = wine.drive(USER_STATE);
        Files.createDirectories(userState);
        Files.writeString(userState.resolve("agent.jsa.stamp.json"), "{}");

        msiexec("/x", newerMsi, work.resolve("uninstall.log")).expectSuccess("msiexec /x");

        assertFalse(Files.exists(wine.drive(INSTALL_DIR)), "install folder removed");
        assertEquals(Optional.empty(), RegQuery.value(wine, RUN_KEY, "MapiAgent"));
        assertEquals(Optional.empty(), RegQuery.key(wine, EVENT_SOURCE_KEY));
        assertEquals(Optional.empty(), RegQuery.value(wine, SETTINGS_KEY, PolicySetting.COLLECTOR_URL.valueName()));
        assertEquals(Optional.empty(), RegQuery.value(wine, SETTINGS_KEY + "\\Installer", "JavaHome"));
        assertEquals(List.of(), registeredVersions());
        assertTrue(Files.exists(userState.resolve("agent.jsa.stamp.json")), "per-user state is the user's, not the MSI's");
    }

    private static Wine.Result msiexec(String action, Path package_, Path log, String... properties) throws IOException {
        List<String> command = new ArrayList<>(List.of("msiexec", action, Wine.windowsPath(package_), "/qn",
                "/l*v", Wine.windowsPath(log)));
        command.addAll(List.of(properties));
        return wine.run(command.toArray(String[]::new));
    }

    /** {@code mapi-agent.cmd ARGS} in the install folder, run by Wine's cmd.exe. */
    static Wine.Result launcher(Wine wine, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("cmd", "/c", INSTALL_DIR + "\\mapi-agent.cmd"));
        command.addAll(List.of(arguments));
        return wine.run(command.toArray(String[]::new));
    }

    private static byte[] installed(String file) throws IOException {
        return Files.readAllBytes(wine.drive(INSTALL_DIR + "\\" + file));
    }

    private static RegQuery.Value setting(Map<String, RegQuery.Value> settings, PolicySetting setting) {
        return settings.get(setting.valueName().toLowerCase(Locale.ROOT));
    }

    /** DisplayVersion of every product named mapi-agent in the Uninstall key (Programs and Features). */
    private static List<String> registeredVersions() throws IOException {
        return registeredVersions(wine);
    }

    static List<String> registeredVersions(Wine wine) throws IOException {
        return RegQuery.tree(wine, UNINSTALL_KEY).values().stream()
                .filter(values -> new RegQuery.Value("REG_SZ", "mapi-agent").equals(values.get("displayname")))
                .map(values -> values.get("displayversion").data())
                .toList();
    }

    static byte[] jnaDispatchLibrary(Path agentJar) throws IOException {
        try (ZipFile jar = new ZipFile(agentJar.toFile())) {
            return jar.getInputStream(jar.getEntry("com/sun/jna/win32-x86-64/jnidispatch.dll")).readAllBytes();
        }
    }
}
