package dev.mapiagent.agent.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.startup.StartupArchiveKeeper.Outcome;
import dev.mapiagent.agent.startup.StartupArchiveKeeper.Result;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Real JVMs dump real archives here: the archive format and its checks belong to the JDK, not to a fake. */
class StartupArchiveKeeperTest {

    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static final String VM_VERSION = System.getProperty("java.vm.version");
    private static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx32m");

    @TempDir
    Path temp;

    private Path jar;
    private Path archivePath;
    private final StartupArchiveKeeper keeper = new StartupArchiveKeeper(Duration.ofSeconds(60));

    @BeforeEach
    void trainingJar() throws IOException {
        jar = temp.resolve("training.jar");
        String name = TrainingMain.class.getName().replace('.', '/') + ".class";
        // a Main-Class, so that the check can start it with -jar as the Run key starts the agent
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, TrainingMain.class.getName());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
             var in = TrainingMain.class.getClassLoader().getResourceAsStream(name)) {
            jarOut.putNextEntry(new JarEntry(name));
            in.transferTo(jarOut);
            jarOut.putNextEntry(new JarEntry(OldClassFile.NAME + ".class"));
            jarOut.write(OldClassFile.bytes());
        }
        archivePath = temp.resolve("cds").resolve("mapi-agent.jsa");
    }

    private StartupArchive archive(String classPath) {
        return new StartupArchive(archivePath, JAVA_HOME.resolve("bin").resolve("java"), OPTIONS, classPath,
                TrainingMain.class.getName());
    }

    private Result keep(StartupArchive archive, String... training) throws Exception {
        return keeper.keep(archive, ArchiveStamp.of(archive, JAVA_HOME.toString(), VM_VERSION), List.of(training));
    }

    @Test
    void dumpsAnArchiveThatTheNextJvmMaps() throws Exception {
        Result result = keep(archive(jar.toString()));

        assertEquals(Outcome.DUMPED, result.outcome(), result.detail());
        assertEquals(0, startWithArchiveRequired());
    }

    @Test
    void aClassCompiledForJava5IsMappedFromTheArchiveToo() throws Exception {
        keep(archive(jar.toString()), "old");

        String loaded = startWithArchive("-Xlog:class+load=info", "old").output();

        assertTrue(loaded.contains(OldClassFile.NAME + " source: shared objects file"), loaded);
    }

    /** -Xshare:on makes a JVM that cannot map the archive refuse to start: 0 means it mapped it. */
    private int startWithArchiveRequired() throws Exception {
        return startWithArchive("-Xshare:on").exitCode();
    }

    private record Started(int exitCode, String output) {
    }

    private Started startWithArchive(String option, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA_HOME.resolve("bin").resolve("java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx32m", option, "-XX:SharedArchiveFile=" + archivePath,
                "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), output);
        return new Started(p.exitValue(), output);
    }

    /**
     * Windows will not replace an archive another JVM maps, but lets it be renamed; a target that cannot be
     * replaced (here a folder in its place) is moved aside the same way and the new archive is mapped next time.
     */
    @Test
    void anArchiveThatCannotBeReplacedIsMovedAsideForTheNewOne() throws Exception {
        Files.createDirectories(archivePath.resolve("in use"));

        Result result = keep(archive(jar.toString()));

        assertEquals(Outcome.DUMPED, result.outcome(), result.detail());
        assertTrue(Files.isRegularFile(archivePath));
        assertEquals(0, startWithArchiveRequired());
    }

    /** The real case: another JVM of the user maps the archive while the agent replaces it. */
    @Test
    @EnabledOnOs(OS.WINDOWS)
    void anArchiveMappedByAnotherJvmIsReplacedAtTheLogonItChanged() throws Exception {
        keep(archive(jar.toString()));
        MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(archivePath, StandardOpenOption.READ)) {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));

        Result result = keep(archive(jar.toString()));

        assertEquals(Outcome.DUMPED, result.outcome(), result.detail());
        assertTrue(mapped.capacity() > 0); // still mapped until here
        assertEquals(0, startWithArchiveRequired());
    }

    @Test
    void anArchiveMovedAsideIsDeletedAtTheNextKeep() throws Exception {
        Files.createDirectories(archivePath.getParent());
        Path old = archivePath.resolveSibling("." + archivePath.getFileName() + ".123.old");
        Files.write(old, new byte[] {1});

        keep(archive(jar.toString()));

        assertFalse(Files.exists(old));
    }

    @Test
    void leavesAnArchiveAloneWhileNothingChanged() throws Exception {
        keep(archive(jar.toString()));
        FileTime dumped = Files.getLastModifiedTime(archivePath);

        Result again = keep(archive(jar.toString()));

        assertEquals(Outcome.CURRENT, again.outcome());
        assertEquals(dumped, Files.getLastModifiedTime(archivePath));
    }

    @Test
    void dumpsAgainWhenTheAgentJarChanged() throws Exception {
        keep(archive(jar.toString()));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));

        assertEquals(Outcome.DUMPED, keep(archive(jar.toString())).outcome());
    }

    @Test
    void dumpsAgainWhenTheArchiveWasDeleted() throws Exception {
        keep(archive(jar.toString()));
        Files.delete(archivePath);

        assertEquals(Outcome.DUMPED, keep(archive(jar.toString())).outcome());
        assertTrue(Files.isRegularFile(archivePath));
    }

    @Test
    void dumpsAgainWhenTheStampIsUnreadable() throws Exception {
        keep(archive(jar.toString()));
        Files.writeString(StartupArchiveKeeper.stampOf(archivePath), "{not json");

        assertEquals(Outcome.DUMPED, keep(archive(jar.toString())).outcome());
    }

    @Test
    void aDumpThatKeepsFailingIsTriedAtThreeLogonsThenNotUntilSomethingChanges() throws Exception {
        // the JDK refuses to dump for a class path with a non-empty directory in it
        Path classes = Files.createDirectories(temp.resolve("classes"));
        Files.writeString(classes.resolve("x.txt"), "x");
        StartupArchive failing = archive(classes + File.pathSeparator + jar);

        List<Outcome> logons = List.of(keep(failing).outcome(), keep(failing).outcome(), keep(failing).outcome(),
                keep(failing).outcome());

        assertEquals(List.of(Outcome.FAILED, Outcome.FAILED, Outcome.FAILED, Outcome.GAVE_UP), logons);
        assertFalse(Files.exists(archivePath));
        assertEquals(List.of(archivePath.resolveSibling("mapi-agent.jsa.stamp.json")), listing());
    }

    @Test
    void aDumpThatHangsIsStoppedAtTheTimeoutAndLeavesNothingHalfWritten() throws Exception {
        Result result = new StartupArchiveKeeper(Duration.ofSeconds(3)).keep(archive(jar.toString()),
                ArchiveStamp.of(archive(jar.toString()), JAVA_HOME.toString(), VM_VERSION), List.of("hang"));

        assertEquals(Outcome.FAILED, result.outcome());
        assertTrue(result.detail().contains("did not finish within 3 s"), result.detail());
        assertEquals(List.of(archivePath.resolveSibling("mapi-agent.jsa.stamp.json")), listing());
    }

    private List<Path> listing() throws IOException {
        try (var files = Files.list(archivePath.getParent())) {
            return files.sorted().toList();
        }
    }
}
