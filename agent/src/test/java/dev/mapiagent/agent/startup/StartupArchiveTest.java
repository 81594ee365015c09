package dev.mapiagent.agent.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartupArchiveTest {

    private static final Path JAVA_HOME = Path.of("C:\\Program Files\\Java\\jdk-17");
    private static final String JAR = "C:\\Program Files\\MapiAgent\\mapi-agent.jar";
    private static final String MAIN = "dev.mapiagent.agent.cli.Main";

    private static Optional<StartupArchive> of(String... jvmArguments) {
        return StartupArchive.of(List.of(jvmArguments), JAVA_HOME, true, JAR, MAIN);
    }

    @Test
    void noArchiveWhenTheLauncherNamesNone() {
        assertTrue(of("-XX:+UseSerialGC", "-Xmx32m").isEmpty());
    }

    @Test
    void takesTheArchiveTheLauncherNames() {
        StartupArchive archive = of("-XX:+UseSerialGC", "-XX:SharedArchiveFile=C:\\Users\\ann\\AppData\\Local\\MapiAgent\\cds\\mapi-agent.jsa")
                .orElseThrow();

        assertEquals(Path.of("C:\\Users\\ann\\AppData\\Local\\MapiAgent\\cds\\mapi-agent.jsa"), archive.archive());
    }

    @Test
    void theLastArchiveOptionWinsAsInTheJvm() {
        assertEquals(Path.of("b.jsa"), of("-XX:SharedArchiveFile=a.jsa", "-XX:SharedArchiveFile=b.jsa").orElseThrow().archive());
    }

    @Test
    void leavesTheArchiveToAJvmThatKeepsItItself() {
        assertTrue(of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=a.jsa").isEmpty());
    }

    @Test
    void doesNothingInTheJvmThatIsDumpingOne() {
        assertTrue(of("-XX:SharedArchiveFile=a.jsa", "-XX:ArchiveClassesAtExit=b.jsa").isEmpty());
    }

    @Test
    void doesNothingWhenSharingIsOff() {
        assertTrue(of("-XX:SharedArchiveFile=a.jsa", "-Xshare:off").isEmpty());
    }

    @Test
    void dumpsWithTheSameOptionsButNoArchiveInUse() {
        StartupArchive archive = of("-XX:+UseSerialGC", "-Xshare:auto", "-XX:SharedArchiveFile=a.jsa", "-Xmx32m").orElseThrow();

        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx32m"), archive.jvmOptions());
    }

    @Test
    void loggingOptionsStayWithThisJvm() {
        StartupArchive archive = of("-Xlog:class+load:file=classes.log", "-XX:SharedArchiveFile=a.jsa", "-Xlog:gc",
                "-Xmx32m").orElseThrow();
        assertEquals(List.of("-Xmx32m"), archive.jvmOptions());
    }

    @Test
    void trainingCommandListsTheClassesOfTheTrainingOnTheSameClassPathWithJavawOnWindows() {
        StartupArchive archive = of("-XX:+UseSerialGC", "-XX:SharedArchiveFile=a.jsa").orElseThrow();

        assertEquals(List.of(JAVA_HOME.resolve("bin").resolve("javaw.exe").toString(), "-XX:+UseSerialGC",
                        "-XX:DumpLoadedClassList=.a.jsa.classlist", "-cp", JAR, MAIN, "diagnose", "--json"),
                archive.trainingCommand(Path.of(".a.jsa.classlist"), List.of("diagnose", "--json")));
    }

    @Test
    void dumpCommandMakesAStaticArchiveOfTheListedClassesWithTheSameOptionsAndClassPath() {
        StartupArchive archive = of("-XX:+UseSerialGC", "-XX:SharedArchiveFile=a.jsa").orElseThrow();

        assertEquals(List.of(JAVA_HOME.resolve("bin").resolve("javaw.exe").toString(), "-XX:+UseSerialGC",
                        "-Xshare:dump", "-cp", JAR, "-XX:SharedClassListFile=.a.jsa.classlist",
                        "-XX:SharedArchiveFile=.a.jsa.dumping"),
                archive.dumpCommand(Path.of(".a.jsa.dumping"), Path.of(".a.jsa.classlist")));
    }

    @Test
    void usesJavaElsewhere() {
        StartupArchive archive = StartupArchive.of(List.of("-XX:SharedArchiveFile=a.jsa"), Path.of("/usr/lib/jvm/17"),
                false, "mapi-agent.jar", MAIN).orElseThrow();

        assertEquals(Path.of("/usr/lib/jvm/17/bin/java"), archive.javaLauncher());
    }

    /** java.exe passes options in the ANSI code page: "Зоя" on a Western PC arrives as "???". */
    @Test
    void anArchivePathMangledByTheLauncherIsUnreachable() {
        UnreachableArchiveException e = assertThrows(UnreachableArchiveException.class,
                () -> of("-XX:SharedArchiveFile=C:\\Users\\???\\AppData\\Local\\MapiAgent\\agent.jsa"));

        assertTrue(e.getMessage().contains("C:\\Users\\???\\AppData"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    /** A character the code page holds ("Zoë" on windows-1252) arrives intact and is used. */
    @Test
    void aNonAsciiPathThatArrivedIntactIsUsed() {
        assertEquals(Path.of("C:\\Users\\Zoë\\AppData\\Local\\MapiAgent\\agent.jsa"),
                of("-XX:SharedArchiveFile=C:\\Users\\Zoë\\AppData\\Local\\MapiAgent\\agent.jsa").orElseThrow().archive());
    }
}
