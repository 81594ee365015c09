package dev.mapiagent.agent.diagnosis.evidence;

import static dev.mapiagent.agent.host.Hive.HKEY_LOCAL_MACHINE;

import dev.mapiagent.agent.host.Registry;
import dev.mapiagent.outlook.office.ClickToRunChannel;
import dev.mapiagent.outlook.office.ClickToRunProduct;
import dev.mapiagent.outlook.office.OfficeProductNames;
import dev.mapiagent.outlook.office.OfficeVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Outlook installed by Click-to-Run, read from {@code ...\ClickToRun\Configuration}. */
final class ClickToRunDetector {

    /**
     * Where Click-to-Run keeps its configuration: 2016 and later, then Office 2013 Click-to-Run, each
     * in the 64-bit view and then the 32-bit one (the same keys Microsoft's Get-OfficeVersion.ps1
     * probes, newest generation first).
     */
    private static final List<String> CONFIGURATION_KEYS = List.of(
            "SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration",
            "SOFTWARE\\Wow6432Node\\Microsoft\\Office\\ClickToRun\\Configuration",
            "SOFTWARE\\Microsoft\\Office\\15.0\\ClickToRun\\Configuration",
            "SOFTWARE\\Wow6432Node\\Microsoft\\Office\\15.0\\ClickToRun\\Configuration");

    private static final String CLOUD_POLICY = "SOFTWARE\\Policies\\Microsoft\\cloud\\office\\16.0\\Common\\officeupdate";
    private static final String POLICY = "SOFTWARE\\Policies\\Microsoft\\office\\16.0\\Common\\officeupdate";

    private ClickToRunDetector() {
    }

    static Optional<OutlookInstall> detect(Registry registry) {
        for (String key : CONFIGURATION_KEYS) {
            Optional<OfficeVersion> version = string(registry, key, "VersionToReport")
                    .or(() -> string(registry, key, "ClientVersionToReport"))
                    .flatMap(OfficeVersion::tryParse);
            if (version.isEmpty()) {
                continue;
            }
            Optional<String> product = outlookProduct(registry, key, version.get());
            if (product.isPresent()) {
                return Optional.of(new OutlookInstall(product.get(), version.get().toString(), OutlookInstall.CLICK_TO_RUN,
                        channel(registry, key).map(ClickToRunChannel::displayName).orElse(null),
                        bitness(registry, key), version.get().mapiHttpSupport(), HKEY_LOCAL_MACHINE.display(key)));
            }
        }
        return Optional.empty();
    }

    /**
     * The name of the first installed product that contains Outlook and does not exclude it (ODT's
     * ExcludeApp leaves {@code <ReleaseId>.ExcludedApps}, e.g. "groove,outlook"), or empty when
     * Click-to-Run installed only Visio, Project or suites without Outlook. Without ProductReleaseIds
     * nothing says Outlook is missing, so it is taken as present.
     */
    private static Optional<String> outlookProduct(Registry registry, String key, OfficeVersion version) {
        Optional<String> releaseIds = string(registry, key, "ProductReleaseIds").filter(s -> !s.isBlank());
        if (releaseIds.isEmpty()) {
            return Optional.of(OfficeProductNames.outlookFamily(version.major()) + " (Click-to-Run)");
        }
        return ClickToRunProduct.parseList(releaseIds.get()).stream()
                .filter(ClickToRunProduct::includesOutlook)
                .filter(p -> !excludesOutlook(registry, key, p.releaseId()))
                .findFirst()
                // product names (365, 2019, LTSC 2021 ...) only exist for the 16.0 generation
                .map(p -> version.major() == 16 ? p.displayName()
                        : OfficeProductNames.outlookFamily(version.major()) + " (Click-to-Run, " + p.releaseId() + ")");
    }

    private static boolean excludesOutlook(Registry registry, String key, String releaseId) {
        return string(registry, key, releaseId + ".ExcludedApps")
                .map(apps -> Arrays.stream(apps.split(",")).map(String::strip).anyMatch("outlook"::equalsIgnoreCase))
                .orElse(false);
    }

    /**
     * The update channel, by Microsoft's priority ("Change the Microsoft 365 Apps update channel"):
     * cloud policy UpdatePath, UpdateBranch; Group Policy UpdatePath, UpdateBranch; ODT's UpdateUrl or
     * UpdatePath; UnmanagedUpdateURL; then the channel Click-to-Run itself recorded (UpdateChannel,
     * not in Microsoft's list, so ranked just above CDNBaseUrl, the channel the bits came from). A
     * source that names no known channel (an UpdatePath to a file share) is passed over.
     */
    private static Optional<ClickToRunChannel> channel(Registry registry, String key) {
        List<ValueRef> sources = List.of(
                new ValueRef(CLOUD_POLICY, "UpdatePath"),
                new ValueRef(CLOUD_POLICY, "UpdateBranch"),
                new ValueRef(POLICY, "UpdatePath"),
                new ValueRef(POLICY, "UpdateBranch"),
                new ValueRef(key, "UpdateUrl"),
                new ValueRef(key, "UpdatePath"),
                new ValueRef(key, "UnmanagedUpdateURL"),
                new ValueRef(key, "UpdateChannel"),
                new ValueRef(key, "CDNBaseUrl"));
        return sources.stream()
                .map(v -> string(registry, v.key(), v.name()).flatMap(ClickToRunChannel::fromUrlOrName))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** Platform is Office's bitness; a configuration under Wow6432Node can only be 32-bit Office. */
    private static String bitness(Registry registry, String key) {
        return string(registry, key, "Platform")
                .map(p -> p.strip().toLowerCase(Locale.ROOT))
                .filter(p -> p.equals("x86") || p.equals("x64"))
                .orElse(key.contains("Wow6432Node") ? "x86" : null);
    }

    private record ValueRef(String key, String name) {
    }

    private static Optional<String> string(Registry registry, String key, String name) {
        return registry.string(HKEY_LOCAL_MACHINE, key, name);
    }
}
