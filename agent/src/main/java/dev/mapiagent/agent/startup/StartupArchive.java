package dev.mapiagent.agent.startup;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The class-data sharing archive this JVM was told to start from ({@code -XX:SharedArchiveFile=}), and
 * what it takes to make it again. The archive records the exact JVM and class path it was dumped
 * with; JDK 17 skips a missing or mismatched one and starts slower, so the agent keeps it current
 * itself: per user, after the logon report, whenever the JVM, its options or the agent jar change.
 *
 * @param archive        where the launcher expects the archive
 * @param javaLauncher   the java executable of this JVM (javaw.exe on Windows, so no console appears)
 * @param jvmOptions     this JVM's options without the archive option: a dynamic archive cannot be
 *                       dumped while one is in use, and the other options decide whether it maps later
 * @param classPath      the class path exactly as given: the archive checks it entry by entry
 * @param mainClass      the agent's entry point
 */
public record StartupArchive(Path archive, Path javaLauncher, List<String> jvmOptions, String classPath,
                             String mainClass) {

    static final String ARCHIVE_OPTION = "-XX:SharedArchiveFile=";

    public StartupArchive {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The archive of a JVM started with {@code -XX:SharedArchiveFile=}; empty without one, and when the
     * JVM maintains it itself (JDK 19's {@code -XX:+AutoCreateSharedArchive}) or is dumping one now.
     *
     * @throws UnreachableArchiveException when the option reached the JVM mangled (non-ASCII profile path)
     */
    public static Optional<StartupArchive> of(List<String> jvmArguments, Path javaHome, boolean windows, String classPath,
                                              String mainClass) {
        Optional<String> archive = jvmArguments.stream().filter(a -> a.startsWith(ARCHIVE_OPTION))
                .map(a -> a.substring(ARCHIVE_OPTION.length())).reduce((first, last) -> last);
        boolean maintainedElsewhere = jvmArguments.stream().anyMatch(a -> a.equals("-XX:+AutoCreateSharedArchive")
                || a.startsWith("-XX:ArchiveClassesAtExit=") || a.startsWith("-Xshare:off"));
        if (archive.isEmpty() || archive.get().isBlank() || maintainedElsewhere) {
            return Optional.empty();
        }
        if (windows && (archive.get().indexOf('?') >= 0 || archive.get().indexOf('\uFFFD') >= 0)) {
            // '?' is never part of a Windows path: it is what the launcher put for a character it could not pass
            throw new UnreachableArchiveException("start-up archive off: its path reached the JVM as " + archive.get()
                    + " because java.exe passes options in the ANSI code page ("
                    + System.getProperty("sun.jnu.encoding", "unknown") + ") and the profile path has characters"
                    + " outside it; the agent starts without the archive");
        }
        List<String> options = new ArrayList<>(jvmArguments);
        // logging decides nothing about mapping the archive, and a training run logging to the same file as this
        // JVM would overwrite its log: -Xlog options neither go to the dump's JVMs nor make a new archive necessary
        options.removeIf(a -> a.startsWith(ARCHIVE_OPTION) || a.startsWith("-Xshare:") || a.startsWith("-Xlog"));
        Path bin = javaHome.resolve("bin");
        Path launcher = windows ? bin.resolve("javaw.exe") : bin.resolve("java");
        return Optional.of(new StartupArchive(Path.of(archive.get()), launcher, options, classPath, mainClass));
    }

    /** The archive of the running JVM, from its input arguments and system properties. */
    public static Optional<StartupArchive> ofThisJvm(String mainClass) {
        return of(ManagementFactory.getRuntimeMXBean().getInputArguments(), Path.of(System.getProperty("java.home")),
                System.getProperty("os.name", "").startsWith("Windows"), System.getProperty("java.class.path"), mainClass);
    }

    /**
     * The training run: the agent runs {@code trainingArguments} and lists every class it loaded (JDK and
     * agent classes alike, with the lambdas they spun) in {@code classList}.
     */
    public List<String> trainingCommand(Path classList, List<String> trainingArguments) {
        List<String> command = launch("-XX:DumpLoadedClassList=" + classList);
        command.add(mainClass);
        command.addAll(trainingArguments);
        return command;
    }

    /**
     * The dump: a static archive of the listed classes, in place of the JDK's own. A static archive rather than
     * the dynamic one JDK 17 makes at exit ({@code -XX:ArchiveClassesAtExit}) because JDK 17 stores classes
     * compiled for Java 5 (picocli's) in a static archive only: in a dynamic one they were loaded and verified
     * from the jar at every start.
     */
    public List<String> dumpCommand(Path target, Path classList) {
        List<String> command = launch("-Xshare:dump");
        command.add("-XX:SharedClassListFile=" + classList);
        command.add(ARCHIVE_OPTION + target);
        return command;
    }

    private List<String> launch(String cdsOption) {
        List<String> command = new ArrayList<>();
        command.add(javaLauncher.toString());
        command.addAll(jvmOptions);
        command.add(cdsOption);
        command.add("-cp");
        command.add(classPath);
        return command;
    }
}
