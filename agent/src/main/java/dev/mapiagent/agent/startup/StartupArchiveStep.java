package dev.mapiagent.agent.startup;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The logon mode's start-up archive step, after the report, so a slow dump never delays it; a minute is ample for a
 * diagnosis that takes about a second, and a JVM that hangs is stopped so it cannot hold the logon mode.
 */
public final class StartupArchiveStep {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** A line for the run log. */
    public record Outcome(boolean warning, String line) {
    }

    private StartupArchiveStep() {
    }

    /**
     * @param mainClass the agent's main class, whose JVM options name the archive
     * @param training  the agent command the archive is trained on
     * @return what to log; empty when there is nothing to say (no archive configured, or it is current)
     */
    public static Optional<Outcome> keep(String mainClass, List<String> training) throws InterruptedException {
        Optional<StartupArchive> archive;
        try {
            archive = StartupArchive.ofThisJvm(mainClass);
        } catch (UnreachableArchiveException e) {
            return Optional.of(new Outcome(true, e.getMessage()));
        }
        if (archive.isEmpty()) {
            return Optional.empty();
        }
        try {
            StartupArchiveKeeper.Result result = new StartupArchiveKeeper(TIMEOUT)
                    .keep(archive.get(), ArchiveStamp.ofThisJvm(archive.get()), training);
            return switch (result.outcome()) {
                case DUMPED -> Optional.of(new Outcome(false, "start-up archive made: " + result.detail()));
                case FAILED -> Optional.of(new Outcome(true, "start-up archive not made: " + result.detail()));
                case CURRENT, GAVE_UP -> Optional.empty();
            };
        } catch (IOException | InvalidPathException e) {
            return Optional.of(new Outcome(true, "start-up archive not made: cannot read the agent jar: " + e.getMessage()));
        }
    }
}
