package dev.mapiagent.agent.diagnosis.evidence;

import static dev.mapiagent.agent.host.Hive.HKEY_LOCAL_MACHINE;

import dev.mapiagent.agent.host.FileVersions;
import dev.mapiagent.agent.host.Registry;
import dev.mapiagent.outlook.office.MapiHttpSupport;
import dev.mapiagent.outlook.office.OfficeProductNames;
import dev.mapiagent.outlook.office.OfficeVersion;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Outlook installed by Windows Installer (Office 2007-2016 MSI). HKLM is read in the 64-bit view, so
 * 32-bit Office on 64-bit Windows is found under the explicit {@code SOFTWARE\Wow6432Node} paths.
 */
final class MsiDetector {

    /** The 64-bit (or only) view first, then the 32-bit view of 64-bit Windows. */
    private static final List<String> VIEWS = List.of("SOFTWARE", "SOFTWARE\\Wow6432Node");

    private static final Pattern OFFICE_VERSION_KEY = Pattern.compile("(\\d{2})\\.0");

    /**
     * Office product codes {BRMMmmmm-PPPP-LLLL-p000-D000000FF1CE}: MM is the major version, p is 1
     * for 64-bit and 0 for 32-bit products.
     */
    private static final Pattern OFFICE_PRODUCT_CODE = Pattern.compile(
            "\\{9[0-9A-F](\\d{2})[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-([01])000-0000000FF1CE}", Pattern.CASE_INSENSITIVE);

    private MsiDetector() {
    }

    private record Candidate(String view, int major) {

        String officeKey() {
            return view + "\\Microsoft\\Office\\" + major + ".0";
        }

        String installRoot() {
            return officeKey() + "\\Outlook\\InstallRoot";
        }

        String uninstallKey() {
            return view + "\\Microsoft\\Windows\\CurrentVersion\\Uninstall";
        }

        boolean is32BitView() {
            return view.contains("Wow6432Node");
        }
    }

    /** One Office entry of the Uninstall key with a readable DisplayVersion. */
    private record UninstallEntry(String key, OfficeVersion version, boolean x64) {
    }

    static Optional<OutlookInstall> detect(Registry registry, FileVersions files) {
        return VIEWS.stream()
                .flatMap(view -> candidates(registry, view).stream())
                .filter(c -> installRoot(registry, c).isPresent())
                // the newest Outlook; at the same version the 64-bit view wins
                .max(Comparator.comparingInt(Candidate::major).thenComparing(c -> !c.is32BitView()))
                .map(c -> install(registry, files, c));
    }

    /** The OUTLOOK.EXE of every MSI Outlook registered, newest view first. */
    static List<String> executables(Registry registry) {
        return VIEWS.stream()
                .flatMap(view -> candidates(registry, view).stream())
                .map(c -> installRoot(registry, c))
                .flatMap(Optional::stream)
                .map(MsiDetector::outlookExe)
                .distinct()
                .toList();
    }

    private static Optional<String> installRoot(Registry registry, Candidate candidate) {
        return registry.string(HKEY_LOCAL_MACHINE, candidate.installRoot(), "Path").filter(p -> !p.isBlank());
    }

    private static List<Candidate> candidates(Registry registry, String view) {
        return registry.subKeys(HKEY_LOCAL_MACHINE, view + "\\Microsoft\\Office").stream()
                .map(OFFICE_VERSION_KEY::matcher)
                .filter(Matcher::matches)
                .map(m -> new Candidate(view, Integer.parseInt(m.group(1))))
                .toList();
    }

    /**
     * The build comes from OUTLOOK.EXE's file version when the host can read it: an MSI install's
     * DisplayVersion stays at the service-pack level (14.0.7015.1000 for Office 2010 SP2) whatever updates
     * are installed, while the file version moves with them (docs/outlook-facts.md, "Registry version
     * versus file version"). A file version of another major version (a stale InstallRoot) is not used.
     */
    private static OutlookInstall install(Registry registry, FileVersions files, Candidate candidate) {
        Optional<UninstallEntry> entry = uninstallEntry(registry, candidate);
        String exe = outlookExe(installRoot(registry, candidate).orElseThrow());
        Optional<OfficeVersion> fileVersion = files.fileVersion(exe).flatMap(OfficeVersion::tryParse)
                .filter(v -> v.major() == candidate.major());
        Optional<OfficeVersion> build = fileVersion.or(() -> entry.map(UninstallEntry::version));
        String version = build.map(OfficeVersion::toString).orElse(candidate.major() + ".0");
        MapiHttpSupport support = build.map(OfficeVersion::mapiHttpSupport)
                .orElseGet(() -> MapiHttpSupport.ofMajorOnly(candidate.major()));
        String source = HKEY_LOCAL_MACHINE.display(candidate.installRoot())
                + entry.map(e -> "; " + HKEY_LOCAL_MACHINE.display(e.key()) + " DisplayVersion " + e.version()).orElse("")
                + fileVersion.map(v -> "; " + exe + " file version " + v).orElse("");
        return new OutlookInstall(OfficeProductNames.msi(candidate.major()), version, OutlookInstall.MSI, null,
                bitness(registry, candidate, entry), support, source);
    }

    /** InstallRoot's Path is the folder, as "C:\\Program Files\\Microsoft Office\\Office14\\". */
    static String outlookExe(String installRoot) {
        String folder = installRoot.strip();
        return folder + (folder.endsWith("\\") ? "" : "\\") + "OUTLOOK.EXE";
    }

    /** The newest Office product of this major version registered for uninstall in the same view. */
    private static Optional<UninstallEntry> uninstallEntry(Registry registry, Candidate candidate) {
        String uninstall = candidate.uninstallKey();
        return registry.subKeys(HKEY_LOCAL_MACHINE, uninstall).stream()
                .map(name -> {
                    Matcher m = OFFICE_PRODUCT_CODE.matcher(name);
                    if (!m.matches() || Integer.parseInt(m.group(1)) != candidate.major()) {
                        return Optional.<UninstallEntry>empty();
                    }
                    String key = uninstall + "\\" + name;
                    return registry.string(HKEY_LOCAL_MACHINE, key, "DisplayVersion")
                            .flatMap(OfficeVersion::tryParse)
                            .filter(v -> v.major() == candidate.major())
                            .map(v -> new UninstallEntry(key, v, m.group(2).equals("1")));
                })
                .flatMap(Optional::stream)
                .max(Comparator.comparing(UninstallEntry::version));
    }

    /** Outlook's own Bitness value, else the product code's platform digit, else the view it was found in. */
    private static String bitness(Registry registry, Candidate candidate, Optional<UninstallEntry> entry) {
        return registry.string(HKEY_LOCAL_MACHINE, candidate.officeKey() + "\\Outlook", "Bitness")
                .map(String::strip)
                .filter(b -> b.equalsIgnoreCase("x86") || b.equalsIgnoreCase("x64"))
                .map(b -> b.toLowerCase(Locale.ROOT))
                .or(() -> entry.map(e -> e.x64() ? "x64" : "x86"))
                .orElse(candidate.is32BitView() ? "x86" : null);
    }
}
