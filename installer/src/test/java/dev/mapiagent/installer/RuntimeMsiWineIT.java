package dev.mapiagent.installer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MSI with a runtime inside (build-msi.sh --runtime) installed on a PC without any Java. The linked
 * Linux image stands in for the Windows one's files, with java.exe and javaw.exe copied in where the
 * Windows image has its launchers.
 */
@TestMethodOrder(OrderAnnotation.class)
class RuntimeMsiWineIT {

    private static final String INSTALL_DIR = MsiLifecycleWineIT.INSTALL_DIR;
    private static final String RUNTIME_DIR = INSTALL_DIR + "\\runtime";

    @TempDir
    static Path work;
    private static Wine wine;
    private static Path runtime;
    private static Path msi;

    @BeforeAll
    static void machineAndPackage() throws Exception {
        BuiltMsi.plain();
        wine = Wine.newPrefix(work);
        runtime = work.resolve("runtime");
        Path image = LinkedRuntime.image();
        try (Stream<Path> files = Files.walk(image)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path copy = runtime.resolve(image.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        Files.copy(runtime.resolve("bin/java"), runtime.resolve("bin/java.exe"));
        Files.copy(runtime.resolve("bin/java"), runtime.resolve("bin/javaw.exe"));
        msi = BuiltMsi.build(BuiltMsi.version(), BuiltMsi.agentJar(), work.resolve("out"), runtime);
    }

    @AfterAll
    static void shutDown() throws IOException {
        if (wine != null) {
            wine.close();
        }
    }

    @Test
    @Order(1)
    void installsWithoutAnyJavaAndStartsTheAgentWithItsOwnRuntime() throws IOException {
        wine.run("msiexec", "/i", Wine.windowsPath(msi), "/qn", "/l*v", Wine.windowsPath(work.resolve("install.log")),
                "COLLECTOR_URL=" + MsiLifecycleWineIT.COLLECTOR_URL).expectSuccess("msiexec /i runtime MSI");

        RegQuery.Value run = RegQuery.value(wine, MsiLifecycleWineIT.RUN_KEY, "MapiAgent").orElseThrow();
        assertEquals("REG_EXPAND_SZ", run.type());
        assertEquals("\"" + RUNTIME_DIR + "\\bin\\javaw.exe\" @\"" + INSTALL_DIR + "\\jvm.args\""
                + " \"-XX:SharedArchiveFile=%LOCALAPPDATA%\\MapiAgent\\agent.jsa\" -jar \"" + INSTALL_DIR
                + "\\mapi-agent.jar\" run", run.data());
        assertTrue(run.data().length() < MsiLifecycleWineIT.RUN_VALUE_LIMIT, run.data().length() + " characters");
        assertEquals(Optional.empty(), RegQuery.value(wine, MsiLifecycleWineIT.SETTINGS_KEY + "\\Installer", "JavaHome"),
                "no Java of the PC recorded");
        assertArrayEquals(MsiLifecycleWineIT.jnaDispatchLibrary(BuiltMsi.agentJar()),
                Files.readAllBytes(wine.drive(INSTALL_DIR + "\\jnidispatch.dll")));
    }

    @Test
    @Order(2)
    void installsEveryFileOfTheRuntimeAndNothingElse() throws IOException {
        Path installed = wine.drive(RUNTIME_DIR);
        List<String> expected = relativeFiles(runtime);
        assertEquals(expected, relativeFiles(installed));
        for (String file : expected) {
            assertArrayEquals(Files.readAllBytes(runtime.resolve(file)), Files.readAllBytes(installed.resolve(file)), file);
        }
    }

    @Test
    @Order(3)
    void launcherRunsTheRuntimeBesideItAndSaysWhenThereIsNone() throws IOException {
        // Wine's whoami.exe stands in for the runtime's java.exe (the Linux image's launcher cannot run here).
        Path java = wine.drive(RUNTIME_DIR + "\\bin\\java.exe");
        Files.copy(wine.drive("C:\\windows\\system32\\whoami.exe"), java, StandardCopyOption.REPLACE_EXISTING);

        Wine.Result withRuntime = MsiLifecycleWineIT.launcher(wine, "diagnose");
        Files.delete(java);
        Wine.Result withoutJava = MsiLifecycleWineIT.launcher(wine, "diagnose");

        assertEquals(0, withRuntime.exitCode(), withRuntime.stdout() + withRuntime.stderr());
        assertTrue(withRuntime.stdout().strip().endsWith("\\" + System.getProperty("user.name")), withRuntime.stdout());
        assertEquals(3, withoutJava.exitCode());
        assertTrue(withoutJava.stderr().startsWith("mapi-agent: no Java runtime beside this file nor recorded in"),
                withoutJava.stderr());
    }

    @Test
    @Order(4)
    void uninstallRemovesTheRuntimeWithTheRest() throws IOException {
        wine.run("msiexec", "/x", Wine.windowsPath(msi), "/qn").expectSuccess("msiexec /x runtime MSI");

        assertFalse(Files.exists(wine.drive(INSTALL_DIR)));
        assertEquals(Optional.empty(), RegQuery.value(wine, MsiLifecycleWineIT.RUN_KEY, "MapiAgent"));
    }

    @Test
    @Order(5)
    void thePlainMsiReplacesTheRuntimeOneOnlyWithAJava() throws IOException {
        wine.run("msiexec", "/i", Wine.windowsPath(msi), "/qn").expectSuccess("msiexec /i runtime MSI");
        Path plain = BuiltMsi.plain();

        Wine.Result withoutJava = wine.run("msiexec", "/i", Wine.windowsPath(plain), "/qn");
        assertEquals(MsiLifecycleWineIT.ERROR_INSTALL_FAILURE_LOW_BYTE, withoutJava.exitCode(), "refused: exit code 1603");
        assertTrue(Files.isRegularFile(wine.drive(RUNTIME_DIR + "\\bin\\javaw.exe")), "the runtime install is untouched");

        wine.run("msiexec", "/i", Wine.windowsPath(plain), "/qn", "JAVA_HOME_DIR=" + MsiLifecycleWineIT.JAVA_HOME)
                .expectSuccess("msiexec /i plain MSI over the runtime one");
        assertFalse(Files.exists(wine.drive(RUNTIME_DIR)), "the runtime went with the product it came with");
        assertTrue(RegQuery.value(wine, MsiLifecycleWineIT.RUN_KEY, "MapiAgent").orElseThrow().data()
                .startsWith("\"" + MsiLifecycleWineIT.JAVA_HOME + "\\bin\\javaw.exe\""));
        assertEquals(List.of(BuiltMsi.version()), MsiLifecycleWineIT.registeredVersions(wine));
    }

    @Test
    @Order(6)
    void theRuntimeMsiReplacesThePlainOne() throws IOException {
        wine.run("msiexec", "/i", Wine.windowsPath(msi), "/qn").expectSuccess("msiexec /i runtime MSI over the plain one");

        assertTrue(RegQuery.value(wine, MsiLifecycleWineIT.RUN_KEY, "MapiAgent").orElseThrow().data()
                .startsWith("\"" + RUNTIME_DIR + "\\bin\\javaw.exe\""));
        assertEquals(Optional.empty(), RegQuery.value(wine, MsiLifecycleWineIT.SETTINGS_KEY + "\\Installer", "JavaHome"));
        assertEquals(List.of(BuiltMsi.version()), MsiLifecycleWineIT.registeredVersions(wine));
    }

    private static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(file -> root.relativize(file).toString()).sorted().toList();
        }
    }
}
