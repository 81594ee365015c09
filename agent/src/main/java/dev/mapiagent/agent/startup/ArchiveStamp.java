package dev.mapiagent.agent.startup;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What an archive was dumped for: if any of it differs from the running agent, the JVM would not map
 * the archive, so it is made again. Written beside the archive; also written after a failed attempt,
 * so that a PC where dumping keeps failing stops trying after a few logons, until something changes.
 *
 * @param javaHome      the JVM's installation folder
 * @param vmVersion     {@code java.vm.version}: an in-place Java update changes it
 * @param jvmOptions    the launcher's options, without the archive option
 * @param classPath     as given on the command line
 * @param jarSize       size of the agent jar in bytes
 * @param jarModified   its last-modified time in milliseconds (the JVM checks both)
 * @param failedAttempts how many dumps for these inputs failed; 0 once the archive was written
 */
public record ArchiveStamp(String javaHome, String vmVersion, List<String> jvmOptions, String classPath, long jarSize,
                           long jarModified, int failedAttempts) {

    public ArchiveStamp {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The stamp the running agent would give an archive dumped now: its JVM and the class path's files
     * (the agent is one jar; for a class path of several entries their sizes add up and the newest counts).
     */
    public static ArchiveStamp of(StartupArchive archive, String javaHome, String vmVersion) throws IOException {
        long size = 0;
        long modified = 0;
        for (String entry : archive.classPath().split(File.pathSeparator)) {
            Path file = Path.of(entry);
            if (Files.isRegularFile(file)) {
                size += Files.size(file);
                modified = Math.max(modified, Files.getLastModifiedTime(file).toMillis());
            }
        }
        return new ArchiveStamp(javaHome, vmVersion, archive.jvmOptions(), archive.classPath(), size, modified, 0);
    }

    /** {@link #of} for the running JVM. */
    public static ArchiveStamp ofThisJvm(StartupArchive archive) throws IOException {
        return of(archive, System.getProperty("java.home"), System.getProperty("java.vm.version"));
    }

    /** Same JVM, same options, same jar: how the attempts went does not matter here. */
    public boolean sameInputs(ArchiveStamp other) {
        return javaHome.equals(other.javaHome) && vmVersion.equals(other.vmVersion)
                && jvmOptions.equals(other.jvmOptions) && classPath.equals(other.classPath)
                && jarSize == other.jarSize && jarModified == other.jarModified;
    }

    /** This stamp after one more failed dump of the same inputs as {@code previous} (if it had them). */
    public ArchiveStamp failedAgainAfter(Optional<ArchiveStamp> previous) {
        int before = previous.filter(this::sameInputs).map(ArchiveStamp::failedAttempts).orElse(0);
        return new ArchiveStamp(javaHome, vmVersion, jvmOptions, classPath, jarSize, jarModified, before + 1);
    }
}
