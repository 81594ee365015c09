package dev.mapiagent.agent.startup;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mapiagent.agent.host.AtomicFiles;
import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.protocol.ProtocolJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes the start-up archive again when its stamp no longer matches the running agent: a second JVM
 * with the same options runs a read-only diagnosis and lists the classes it loaded, a third dumps them. The dump
 * goes to a temporary file that replaces the archive only when complete, so the next start maps the
 * old archive or the new one, never half of one.
 */
public final class StartupArchiveKeeper {

    private static final ObjectMapper JSON = ProtocolJson.documents();

    /** What keeping the archive did, for the agent log. */
    public enum Outcome { CURRENT, DUMPED, FAILED, GAVE_UP }

    /**
     * A dump can fail for a passing reason (a PC busy at logon, a scanner holding the file), so it is
     * tried again at the next logons, but not forever: each try may cost up to the timeout.
     */
    static final int ATTEMPTS = 3;

    public record Result(Outcome outcome, String detail) {
    }

    private static final String OLD_SUFFIX = ".old";

    private final Duration timeout;

    public StartupArchiveKeeper(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Dumps a fresh archive unless the stamp beside it says it was made for {@code current}, or that
     * making it for {@code current} failed {@link #ATTEMPTS} times already.
     */
    public Result keep(StartupArchive archive, ArchiveStamp current, List<String> trainingArguments)
            throws InterruptedException {
        Path target = archive.archive();
        Optional<ArchiveStamp> previous = readStamp(stampOf(target));
        Optional<ArchiveStamp> recorded = previous.filter(current::sameInputs);
        if (recorded.isPresent() && recorded.get().failedAttempts() >= ATTEMPTS) {
            return new Result(Outcome.GAVE_UP, "failed " + ATTEMPTS + " times; not tried again until Java, its options "
                    + "or the agent change");
        }
        if (recorded.isPresent() && recorded.get().failedAttempts() == 0 && Files.isRegularFile(target)) {
            return new Result(Outcome.CURRENT, target.toString());
        }
        Path temp = target.resolveSibling("." + target.getFileName() + ".dumping");
        Path classList = target.resolveSibling("." + target.getFileName() + ".classlist");
        long started = System.nanoTime();
        deleteOldArchives(target);
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.deleteIfExists(temp);
            Files.deleteIfExists(classList);
            Optional<String> failure = run(archive.trainingCommand(classList, trainingArguments), classList, "class list");
            if (failure.isEmpty()) {
                failure = run(archive.dumpCommand(temp, classList), temp, "archive");
            }
            if (failure.isPresent()) {
                writeStamp(target, current.failedAgainAfter(previous));
                return new Result(Outcome.FAILED, failure.get());
            }
            replace(temp, target);
            writeStamp(target, current);
        } catch (IOException | UncheckedIOException | HostException | BadSnapshotException e) {
            recordFailure(target, current.failedAgainAfter(previous));
            return new Result(Outcome.FAILED, "cannot write " + target + ": " + e.getMessage());
        } finally {
            deleteQuietly(temp);
            deleteQuietly(classList);
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        return new Result(Outcome.DUMPED, target + " in " + millis + " ms");
    }

    /** Runs one step of the dump; the failure to log, or empty when the step wrote its file. */
    private Optional<String> run(List<String> command, Path output, String what) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return Optional.of("the JVM making the " + what + " did not finish within " + timeout.toSeconds() + " s");
        }
        if (!Files.isRegularFile(output) || Files.size(output) == 0) {
            return Optional.of("the JVM making the " + what + " wrote none (exit code " + process.exitValue() + ")");
        }
        return Optional.empty();
    }

    static Path stampOf(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".stamp.json");
    }

    /** A stamp that cannot be read counts as none: the archive is made again. */
    static Optional<ArchiveStamp> readStamp(Path stamp) {
        if (!Files.isRegularFile(stamp)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(stamp.toFile(), ArchiveStamp.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void writeStamp(Path archive, ArchiveStamp stamp) throws IOException {
        AtomicFiles.write(stampOf(archive), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(stamp));
    }

    /**
     * The JVM dumps archives read-only, and Windows will not replace a read-only file; nor one that another
     * JVM of the user maps right now (ERROR_USER_MAPPED_FILE). A mapped file may still be renamed, as a
     * running program's may: the old archive moves aside, the new one takes its place, and the old one is
     * deleted at a later keep, once no JVM maps it.
     */
    private static void replace(Path temp, Path target) throws IOException {
        if (Files.exists(target) && !target.toFile().setWritable(true)) {
            throw new IOException("cannot make the old archive writable");
        }
        try {
            AtomicFiles.replace(temp, target);
        } catch (IOException inUse) {
            Path aside = target.resolveSibling(oldPrefix(target) + System.nanoTime() + OLD_SUFFIX);
            try {
                Files.move(target, aside);
            } catch (IOException e) {
                inUse.addSuppressed(e);
                throw inUse;
            }
            AtomicFiles.replace(temp, target);
        }
    }

    /** Archives moved aside by {@link #replace}; one still mapped by a running JVM stays until the next time. */
    private static void deleteOldArchives(Path target) {
        Path folder = target.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return;
        }
        String prefix = oldPrefix(target);
        try (var files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(OLD_SUFFIX))
                    .forEach(StartupArchiveKeeper::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            // a folder that cannot be listed now is tidied another time
        }
    }

    private static String oldPrefix(Path archive) {
        return "." + archive.getFileName() + ".";
    }

    /** A write that failed counts as a failed attempt too, so a PC where it keeps failing stops trying. */
    private static void recordFailure(Path archive, ArchiveStamp failed) {
        try {
            writeStamp(archive, failed);
        } catch (IOException | UncheckedIOException | HostException | BadSnapshotException e) {
            // the folder refuses writes: the next logon tries once more, as it would have
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary file is replaced by the next dump
        }
    }
}
