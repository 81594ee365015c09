package dev.mapiagent.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.installer.MsiInfo.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MSI that the package phase built, read back with msiinfo. */
class MsiIT {

    private static final int HKLM = 2;
    private static final int COMPONENT_64BIT = 256;
    private static final int LOCATOR_RAW_64BIT = 2 | 16;
    private static final String UPGRADE_CODE = "{E66DCE0C-7224-40E7-B2F7-07F7FD7460B6}";
    private static final String RUN_KEY = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run";
    private static final String EVENT_SOURCE_KEY = "SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application\\MapiAgent";
    private static final String MACHINE_SETTINGS_KEY = "SOFTWARE\\MapiAgent";
    private static final int RUN_VALUE_LIMIT = 260;
    private static final int SET_PROPERTY = 51;
    private static final int UPGRADE_MIGRATE_FEATURES = 1;
    private static final int UPGRADE_ONLY_DETECT = 2;
    private static final int UPGRADE_INCLUDE_MAXIMUM = 512;
    private static final int CUSTOM_ACTION_SOURCE_MASK = 0x3F;

    private static MsiInfo msi;
    private static String msiVersion;

    @BeforeAll
    static void findMsi() {
        msiVersion = BuiltMsi.version();
        msi = new MsiInfo(BuiltMsi.plain());
    }

    @Test
    void summaryDeclaresAnX64Package() throws IOException {
        assertEquals("x64;1033", msi.summary().get("Template"));
    }

    @Test
    void installsPerMachine() throws IOException {
        assertEquals("1", property("ALLUSERS"));
    }

    @Test
    void productVersionIsTheProjectVersionWithoutQualifier() throws IOException {
        assertEquals(msiVersion, property("ProductVersion"));
        assertEquals("mapi-agent", property("Manufacturer"));
    }

    @Test
    void installsTheAgentJarAndTheLauncherIntoProgramFiles() throws IOException {
        Table files = msi.export("File");
        Map<String, String> jar = files.onlyRowWhere("FileName", "mapi-agent.jar");
        assertEquals(Long.toString(Files.size(Path.of(System.getProperty("msi.agentJar")))), jar.get("FileSize"));
        files.onlyRowWhere("FileName", "mapi-agent.cmd");
        files.onlyRowWhere("FileName", "jvm.args");
        Map<String, String> jna = files.onlyRowWhere("FileName", "jnidispatch.dll");
        assertEquals(Integer.toString(MsiLifecycleWineIT.jnaDispatchLibrary(Path.of(System.getProperty("msi.agentJar"))).length),
                jna.get("FileSize"), "JNA's own native part, installed so that it is never unpacked to %TEMP%");

        Table directories = msi.export("Directory");
        Map<String, String> installDir = directories.onlyRowWhere("Directory", "INSTALLDIR");
        assertEquals("ProgramFiles64Folder", installDir.get("Directory_Parent"));
        assertEquals("mapi-agent", installDir.get("DefaultDir"));
    }

    @Test
    void carriesNoRuntimeAndLooksForTheJavaOfThePc() throws IOException {
        assertTrue(msi.export("Directory").rowsWhere("Directory", "RUNTIMEDIR").isEmpty());
        assertEquals(Set.of("mapi-agent.jar", "mapi-agent.cmd", "jvm.args", "jnidispatch.dll"),
                Set.copyOf(msi.export("File").column("FileName")));
        assertTrue(msi.export("LaunchCondition").column("Condition").contains("Installed OR JAVA_HOME_DIR"));
    }

    @Test
    void everyComponentIs64Bit() throws IOException {
        for (Map<String, String> component : msi.export("Component").rows()) {
            int attributes = Integer.parseInt(component.get("Attributes"));
            assertEquals(COMPONENT_64BIT, attributes & COMPONENT_64BIT,
                    component.get("Component") + " would write to the 32-bit registry view / Program Files (x86)");
        }
    }

    @Test
    void runKeyStartsTheAgentWithJavawItsJvmOptionsAndTheUsersArchiveInLogonMode() throws IOException {
        Map<String, String> run = registry(RUN_KEY, "MapiAgent");
        assertEquals("#%\"[JAVA_HOME_DIR]\\bin\\javaw.exe\" @\"[#JvmArgs]\""
                + " \"-XX:SharedArchiveFile=%LOCALAPPDATA%\\MapiAgent\\agent.jsa\" -jar \"[#AgentJar]\" run",
                run.get("Value"), "REG_EXPAND_SZ (#%), so that each user's %LOCALAPPDATA% is expanded at logon");
    }

    @Test
    void runKeyCommandStaysWithin260CharactersForLongInstallAndProfilePaths() throws IOException {
        String command = format(registry(RUN_KEY, "MapiAgent").get("Value").substring(2), Map.of(
                "JAVA_HOME_DIR", "C:\\Program Files\\Eclipse Adoptium\\jdk-21.0.10.7-hotspot\\",
                "#JvmArgs", "C:\\Program Files\\mapi-agent\\jvm.args",
                "#AgentJar", "C:\\Program Files\\mapi-agent\\mapi-agent.jar"))
                .replace("%LOCALAPPDATA%", "C:\\Users\\firstname.lastname\\AppData\\Local");
        assertTrue(command.length() <= RUN_VALUE_LIMIT - 5,
                "leave room for longer folders; the command is " + command.length() + " characters: " + command);
    }

    @Test
    void registersTheEventLogSource() throws IOException {
        assertEquals("#%%SystemRoot%\\Microsoft.NET\\Framework64\\v4.0.30319\\EventLogMessages.dll",
                registry(EVENT_SOURCE_KEY, "EventMessageFile").get("Value"), "REG_EXPAND_SZ is written as #%");
        assertEquals("#7", registry(EVENT_SOURCE_KEY, "TypesSupported").get("Value"), "DWORD 7 is written as #7");
    }

    @Test
    void writesCollectorSettingsFromPublicPropertiesAsMachineSettings() throws IOException {
        assertEquals("[COLLECTOR_URL]", registry(MACHINE_SETTINGS_KEY, "CollectorUrl").get("Value"));
        assertEquals("[ENROLL_SECRET]", registry(MACHINE_SETTINGS_KEY, "EnrollSecret").get("Value"));
    }

    @Test
    void publicPropertiesReachTheElevatedInstall() throws IOException {
        Set<String> secure = Set.of(property("SecureCustomProperties").split(";"));
        assertTrue(secure.containsAll(Set.of("COLLECTOR_URL", "ENROLL_SECRET", "JAVA_HOME_DIR", "WIX_UPGRADE_DETECTED")),
                secure.toString());
    }

    @Test
    void enrollSecretIsKeptOutOfTheInstallLog() throws IOException {
        assertTrue(Arrays.asList(property("MsiHiddenProperties").split(";")).contains("ENROLL_SECRET"));
    }

    @Test
    void searchesTheRegistryForAJava17OrNewerRuntimeIn64BitView() throws IOException {
        Table appSearch = msi.export("AppSearch");
        Table locators = msi.export("RegLocator");
        Map<String, String> expected = Map.of(
                "SOFTWARE\\JavaSoft\\JDK\\17", "JavaHome",
                "SOFTWARE\\JavaSoft\\JDK\\21", "JavaHome",
                "SOFTWARE\\JavaSoft\\JDK\\25", "JavaHome",
                "SOFTWARE\\Azul Systems\\Zulu\\zulu-17", "InstallationPath",
                "SOFTWARE\\Azul Systems\\Zulu\\zulu-21", "InstallationPath",
                "SOFTWARE\\Azul Systems\\Zulu\\zulu-25", "InstallationPath",
                "SOFTWARE\\MapiAgent\\Installer", "JavaHome");
        expected.forEach((key, name) -> {
            Map<String, String> locator = locators.onlyRowWhere("Key", key);
            assertEquals(Integer.toString(HKLM), locator.get("Root"), key);
            assertEquals(name, locator.get("Name"), key);
            assertEquals(Integer.toString(LOCATOR_RAW_64BIT), locator.get("Type"), key + " must read the 64-bit view");
            appSearch.onlyRowWhere("Signature_", locator.get("Signature_"));
        });
    }

    @Test
    void everyRuntimeFoundCanBecomeJavaHomeDirBetweenAppSearchAndLaunchConditions() throws IOException {
        Table actions = msi.export("CustomAction");
        for (String property : msi.export("AppSearch").column("Property")) {
            if (property.startsWith("SAVED_") && !property.equals("SAVED_JAVA_HOME")) {
                continue;
            }
            Map<String, String> action = actions.onlyRowWhere("Target", "[" + property + "]");
            assertEquals("JAVA_HOME_DIR", action.get("Source"), property);
            for (String sequence : List.of("InstallExecuteSequence", "InstallUISequence")) {
                Table table = msi.export(sequence);
                Map<String, String> step = table.onlyRowWhere("Action", action.get("Action"));
                assertEquals("NOT JAVA_HOME_DIR AND " + property, step.get("Condition"), "the command line wins");
                int at = Integer.parseInt(step.get("Sequence"));
                assertTrue(at > sequenceOf(table, "AppSearch") && at < sequenceOf(table, "LaunchConditions"),
                        action.get("Action") + " runs at " + at + " in " + sequence);
            }
        }
    }

    @Test
    void refusesToInstallWithoutJavaWithAClearMessage() throws IOException {
        Map<String, String> condition = msi.export("LaunchCondition").onlyRowWhere("Condition", "Installed OR JAVA_HOME_DIR");
        String message = condition.get("Description");
        assertTrue(message.contains("Java 17 or newer") && message.contains("JAVA_HOME_DIR="), message);
    }

    @Test
    void majorUpgradeReplacesOlderVersionsAndRefusesDowngrades() throws IOException {
        Table upgrade = msi.export("Upgrade");
        assertEquals(Set.of(UPGRADE_CODE), Set.copyOf(upgrade.column("UpgradeCode")));
        Map<String, String> older = upgrade.onlyRowWhere("ActionProperty", "WIX_UPGRADE_DETECTED");
        assertEquals("", older.get("VersionMin"));
        assertEquals(msiVersion, older.get("VersionMax"));
        assertEquals(UPGRADE_MIGRATE_FEATURES | UPGRADE_INCLUDE_MAXIMUM, Integer.parseInt(older.get("Attributes")),
                "a rebuild of the same version (new ProductCode) must replace the installed one, not sit beside it");
        Map<String, String> newer = upgrade.onlyRowWhere("ActionProperty", "WIX_DOWNGRADE_DETECTED");
        assertEquals(msiVersion, newer.get("VersionMin"));
        assertEquals(UPGRADE_ONLY_DETECT, Integer.parseInt(newer.get("Attributes")),
                "detects strictly newer versions only");
        assertEquals(UPGRADE_CODE, property("UpgradeCode"));

        Table execute = msi.export("InstallExecuteSequence");
        int removeOld = sequenceOf(execute, "RemoveExistingProducts");
        assertTrue(removeOld > sequenceOf(execute, "InstallValidate") && removeOld < sequenceOf(execute, "InstallFinalize"));
        assertTrue(msi.export("LaunchCondition").column("Condition").contains("NOT WIX_DOWNGRADE_DETECTED"));
    }

    @Test
    void uninstallRemovesEverythingBecauseEveryChangeIsTableDriven() throws IOException {
        Set<String> inFeature = Set.copyOf(msi.export("FeatureComponents").column("Component_"));
        assertEquals(Set.copyOf(msi.export("Component").column("Component")), inFeature,
                "components outside the feature would not be removed with it");
        for (Map<String, String> action : msi.export("CustomAction").rows()) {
            assertEquals(SET_PROPERTY, Integer.parseInt(action.get("Type")) & CUSTOM_ACTION_SOURCE_MASK,
                    action.get("Action") + " runs code whose changes uninstall would not undo");
        }
        assertTrue(msi.export("ServiceInstall").rows().isEmpty(), "the agent runs in user sessions, not as a service");
    }

    private static Map<String, String> registry(String key, String name) throws IOException {
        List<Map<String, String>> rows = msi.export("Registry").rowsWhere("Key", key).stream()
                .filter(row -> name.equals(row.get("Name"))).toList();
        assertEquals(1, rows.size(), "Registry rows for " + key + "\\" + name);
        assertEquals(Integer.toString(HKLM), rows.get(0).get("Root"), key + " is under HKLM");
        return rows.get(0);
    }

    private static String property(String name) throws IOException {
        return msi.export("Property").onlyRowWhere("Property", name).get("Value");
    }

    private static int sequenceOf(Table sequence, String action) {
        return Integer.parseInt(sequence.onlyRowWhere("Action", action).get("Sequence"));
    }

    /** Resolves [PROPERTY] and [#File] the way Windows Installer formats a Registry value. */
    private static String format(String value, Map<String, String> properties) {
        Matcher reference = Pattern.compile("\\[([^\\]]+)]").matcher(value);
        StringBuilder formatted = new StringBuilder();
        while (reference.find()) {
            String resolved = properties.get(reference.group(1));
            assertTrue(resolved != null, "no value given for " + reference.group());
            reference.appendReplacement(formatted, Matcher.quoteReplacement(resolved));
        }
        return reference.appendTail(formatted).toString();
    }
}
