package dev.mapiagent.agent.export;

import dev.mapiagent.agent.host.Hive;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The registry keys a snapshot carries: what the diagnosis and the agent's configuration read,
 * and nothing else of the user's registry.
 */
final class SnapshotScope {

    /** A key to copy; {@code recursive} takes its subkeys too. */
    record KeyRule(Hive hive, String path, boolean recursive) {
    }

    /** The two views of HKLM\SOFTWARE the agent reads (64-bit, and 32-bit Office on 64-bit Windows). */
    static final List<String> VIEWS = List.of("SOFTWARE", "SOFTWARE\\Wow6432Node");

    /** Office major versions whose keys are copied: 2010, 2013, 2016 and later. */
    static final List<String> OFFICE_VERSIONS = List.of("14.0", "15.0", "16.0");

    static List<KeyRule> fixedKeys() {
        List<KeyRule> rules = new ArrayList<>(List.of(
                new KeyRule(Hive.HKEY_CURRENT_USER, "Software\\Microsoft\\Exchange", false),
                new KeyRule(Hive.HKEY_CURRENT_USER, "Software\\Policies\\Microsoft\\Exchange", false),
                new KeyRule(Hive.HKEY_CURRENT_USER, "Software\\Policies\\MapiAgent", false),
                new KeyRule(Hive.HKEY_CURRENT_USER, "Volatile Environment", false),
                new KeyRule(Hive.HKEY_LOCAL_MACHINE, "SOFTWARE\\Policies\\MapiAgent", false),
                new KeyRule(Hive.HKEY_LOCAL_MACHINE, "SOFTWARE\\MapiAgent", false),
                new KeyRule(Hive.HKEY_LOCAL_MACHINE, "SOFTWARE\\Policies\\Microsoft\\cloud\\office\\16.0\\Common\\officeupdate", false),
                new KeyRule(Hive.HKEY_LOCAL_MACHINE, "SOFTWARE\\Policies\\Microsoft\\office\\16.0\\Common\\officeupdate", false),
                new KeyRule(Hive.HKEY_LOCAL_MACHINE, "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\OUTLOOK.EXE", false),
                new KeyRule(Hive.HKEY_LOCAL_MACHINE, "SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ComputerName", false)));
        for (String version : OFFICE_VERSIONS) {
            rules.add(new KeyRule(Hive.HKEY_CURRENT_USER, "Software\\Microsoft\\Office\\" + version + "\\Outlook\\AutoDiscover", false));
            rules.add(new KeyRule(Hive.HKEY_CURRENT_USER, "Software\\Policies\\Microsoft\\Office\\" + version + "\\Outlook\\AutoDiscover", false));
        }
        for (String view : VIEWS) {
            rules.add(new KeyRule(Hive.HKEY_LOCAL_MACHINE, view + "\\Microsoft\\Office\\ClickToRun\\Configuration", false));
            rules.add(new KeyRule(Hive.HKEY_LOCAL_MACHINE, view + "\\Microsoft\\Office\\15.0\\ClickToRun\\Configuration", false));
            for (String version : OFFICE_VERSIONS) {
                rules.add(new KeyRule(Hive.HKEY_LOCAL_MACHINE, view + "\\Microsoft\\Office\\" + version + "\\Outlook", true));
                rules.add(new KeyRule(Hive.HKEY_LOCAL_MACHINE, view + "\\Microsoft\\Office\\" + version + "\\Common\\InstallRoot", false));
            }
        }
        return rules;
    }

    /** Office's own entries of the Uninstall key: product codes ending in 0000000FF1CE. */
    static boolean isOfficeProductCode(String subKey) {
        return subKey.toUpperCase(Locale.ROOT).endsWith("0000000FF1CE}");
    }

    /** The one value of HKLM\SOFTWARE\Microsoft\Cryptography a snapshot needs: the device id. */
    static final KeyRule MACHINE_GUID_KEY = new KeyRule(Hive.HKEY_LOCAL_MACHINE, "SOFTWARE\\Microsoft\\Cryptography", false);

    /** Only Office's cached logons leave the PC, as target names; never any other credential. */
    static final String CREDENTIAL_PREFIX = "MicrosoftOffice";

    private SnapshotScope() {
    }
}
