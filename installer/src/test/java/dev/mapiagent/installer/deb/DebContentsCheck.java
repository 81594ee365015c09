package dev.mapiagent.installer.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What {@code dpkg-deb} shows of the collector's package: its files, their modes, its control fields. */
class DebContentsCheck {

    /** One line of {@code dpkg-deb --contents}: "-rw-r--r-- root/root 1234 2026-12-01 20:54 ./path". */
    private static final Pattern ENTRY = Pattern.compile("^(\\S{10}) (\\S+)\\s+\\d+ \\S+ \\S+ \\./(.*?)/?$");

    private static Path deb;
    private static Map<String, String[]> entries;

    @BeforeAll
    static void listPackage() {
        deb = DebPackage.file();
        DebPackage.Result contents = DebPackage.run(List.of("dpkg-deb", "--contents", deb.toString()), Map.of());
        assertEquals(0, contents.exitCode(), contents.output());
        entries = new LinkedHashMap<>();
        for (String line : contents.output().split("\n")) {
            Matcher m = ENTRY.matcher(line);
            if (m.matches()) {
                entries.put(m.group(3), new String[] {m.group(1), m.group(2)});
            }
        }
    }

    @Test
    void isNamedAfterTheDebianFormOfTheMavenVersion() {
        assertEquals("mapi-collector_" + DebPackage.debianVersion() + "_amd64.deb", deb.getFileName().toString());
        assertEquals("mapi-collector", field("Package"));
        assertEquals(DebPackage.debianVersion(), field("Version"));
        assertEquals("amd64", field("Architecture"));
    }

    @Test
    void aSnapshotSortsBeforeItsRelease() {
        String release = DebPackage.debianVersion().replaceFirst("~.*", "");
        assertEquals(0, DebPackage.run(List.of("dpkg", "--compare-versions", DebPackage.debianVersion(), "lt", release),
                Map.of()).exitCode(), DebPackage.debianVersion() + " must sort before " + release);
    }

    @Test
    void installsTheLauncherWithItsOwnRuntimeUnderUsrLib() {
        assertEntry(DebPackage.LAUNCHER, "-rwxr-xr-x", "root/root");
        assertEntry("usr/lib/mapi-collector/lib/app/mapi-collector.jar", "-rw-r--r--", "root/root");
        assertEntry("usr/lib/mapi-collector/lib/runtime/lib/server/libjvm.so", "-rw-r--r--", "root/root");
        assertTrue(entries.keySet().stream().noneMatch(path -> path.startsWith("opt")), "nothing under /opt");
    }

    @Test
    void theLauncherStartsTheJvmWithAShortPauseGoalAndStopsItOnOutOfMemory() {
        DebPackage.Result cfg = DebPackage.run(List.of("sh", "-c", "dpkg-deb --fsys-tarfile \"$0\" | tar -xO "
                + "./usr/lib/mapi-collector/lib/app/mapi-collector.cfg", deb.toString()), Map.of());
        assertEquals(0, cfg.exitCode(), cfg.output());
        List<String> options = Arrays.stream(cfg.output().split("\n"))
                .filter(line -> line.startsWith("java-options=")).map(line -> line.substring("java-options=".length()))
                .toList();
        assertTrue(options.containsAll(List.of("-XX:MaxGCPauseMillis=20", "-XX:+ExitOnOutOfMemoryError")),
                "java-options of the launcher: " + options);
    }

    @Test
    void installsTheSystemdUnit() {
        assertEntry(DebPackage.UNIT, "-rw-r--r--", "root/root");
    }

    @Test
    void shipsTheSettingsAsAConffileThatOnlyRootCanReadUntilPostinstGivesItToTheServiceGroup() {
        assertEntry(DebPackage.ENV_FILE, "-rw-r-----", "root/root");
        assertEquals("/" + DebPackage.ENV_FILE, controlFile("conffiles").strip());
        assertTrue(controlFile("postinst").contains("chown root:mapi-collector \"$env_file\""), "postinst sets the group");
    }

    @Test
    void createsItsSystemUserAndEnablesTheUnitInPostinst() {
        String postinst = controlFile("postinst");
        assertTrue(postinst.contains("adduser --system --group"), postinst);
        assertTrue(postinst.contains("deb-systemd-helper enable \"$unit\""), postinst);
        assertFalse(postinst.contains("deb-systemd-invoke start"), "a fresh install does not start the service");
        assertTrue(field("Depends").contains("adduser"), field("Depends"));
    }

    @Test
    void stopsTheServiceInPrermOnRemove() {
        assertTrue(controlFile("prerm").contains("deb-systemd-invoke stop mapi-collector.service"));
    }

    @Test
    void theMaintainerScriptsAreValidShell() {
        for (String script : List.of("postinst", "prerm", "postrm")) {
            DebPackage.Result result = DebPackage.run(List.of("sh", "-n", "-c", controlFile(script)), Map.of());
            assertEquals(0, result.exitCode(), script + ": " + result.output());
        }
    }

    @Test
    void theRuntimeHoldsOnlyTheModulesJdepsFoundPlusThoseReachedByName() {
        String release = DebPackage.read(DebPackage.extracted().resolve("usr/lib/mapi-collector/lib/runtime/release"));
        Matcher modules = Pattern.compile("MODULES=\"([^\"]*)\"").matcher(release);
        assertTrue(modules.find(), release);
        Set<String> included = Set.copyOf(Arrays.asList(modules.group(1).split(" ")));
        assertTrue(included.containsAll(Set.of("java.base", "java.sql", "jdk.crypto.ec", "jdk.zipfs")), included.toString());
        for (String unused : List.of("jdk.compiler", "jdk.jshell", "java.net.http", "jdk.httpserver", "jdk.jdwp.agent")) {
            assertFalse(included.contains(unused), unused + " is not needed by the collector: " + included);
        }
    }

    @Test
    void dependsOnThePackagesOfTheSystemLibrariesTheServerLoads() {
        DebPackage.requireTool("objdump", "binutils");
        Path app = DebPackage.extracted().resolve("usr/lib/mapi-collector");
        // the launcher and the runtime's libraries a headless server loads (AWT, sound and imaging ones it never does)
        List<String> loaded = List.of("bin/mapi-collector", "lib/libapplauncher.so", "lib/runtime/lib/libjli.so",
                "lib/runtime/lib/server/libjvm.so", "lib/runtime/lib/libjava.so", "lib/runtime/lib/libzip.so",
                "lib/runtime/lib/libnet.so", "lib/runtime/lib/libnio.so", "lib/runtime/lib/libjimage.so",
                "lib/runtime/lib/libverify.so", "lib/runtime/lib/libextnet.so", "lib/runtime/lib/libmanagement.so");
        Set<String> depends = Set.of(field("Depends").split(",\\s*"));
        for (String file : loaded) {
            DebPackage.Result dynamic = DebPackage.run(List.of("objdump", "-p", app.resolve(file).toString()), Map.of());
            assertEquals(0, dynamic.exitCode(), file + ": " + dynamic.output());
            Matcher needed = Pattern.compile("NEEDED\\s+(\\S+)").matcher(dynamic.output());
            while (needed.find()) {
                String library = needed.group(1);
                if (library.startsWith("libj") || List.of("libnet.so", "libnio.so", "libverify.so").contains(library)) {
                    continue; // the runtime's own
                }
                String owner = systemPackageOf(library);
                assertTrue(depends.contains(owner), file + " needs " + library + " of " + owner + ", not in Depends " + depends);
            }
        }
    }

    /** The Debian package holding a shared library of this (amd64) system, as {@code dpkg -S} tells. */
    private static String systemPackageOf(String library) {
        DebPackage.Result search = DebPackage.run(List.of("dpkg", "-S", "*/" + library), Map.of());
        return search.output().lines().filter(line -> line.contains("/x86_64-linux-gnu/") || line.contains("/lib64/"))
                .map(line -> line.substring(0, line.indexOf(':'))).findFirst()
                .orElseThrow(() -> new AssertionError("no package of this system holds " + library + ": " + search.output()));
    }

    private static void assertEntry(String path, String mode, String owner) {
        String[] entry = entries.get(path);
        assertTrue(entry != null, path + " is not in the package");
        assertEquals(mode, entry[0], path);
        assertEquals(owner, entry[1], path);
    }

    private static String field(String name) {
        DebPackage.Result result = DebPackage.run(List.of("dpkg-deb", "--field", deb.toString(), name), Map.of());
        assertEquals(0, result.exitCode(), result.output());
        return result.output().strip();
    }

    private static String controlFile(String name) {
        DebPackage.Result result = DebPackage.run(List.of("dpkg-deb", "--info", deb.toString(), name), Map.of());
        assertEquals(0, result.exitCode(), name + ": " + result.output());
        return result.output();
    }
}
