package dev.mapiagent.agent.heal;

import dev.mapiagent.agent.diagnosis.evidence.AutodiscoverCacheReader;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.StateFolder;
import dev.mapiagent.protocol.HealAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Moves the Autodiscover cache files into {@code MapiAgent/quarantine/<journal>/} so that Outlook
 * asks the server again. Only those files move: never a PST, OST or anything else.
 */
final class ResetAutodiscoverCache implements Remedy {

    @Override
    public HealAction action() {
        return HealAction.RESET_AUTODISCOVER_CACHE;
    }

    @Override
    public PlannedAction plan(HealContext context) {
        requireNoLinkedCacheFolder(context.host().localAppData());
        List<Path> files = AutodiscoverCacheReader.cacheFiles(context.host().localAppData());
        if (files.isEmpty()) {
            return new PlannedAction(action(), List.of(), "no Autodiscover cache files");
        }
        Path base = context.host().localAppData();
        return new PlannedAction(action(), files.stream().map(f -> "file " + relative(base, f)).toList(),
                "moved to the quarantine folder; undo moves them back");
    }

    @Override
    public JournalStep apply(HealContext context, String journalId, Consumer<JournalStep> journal) {
        Path base = context.host().localAppData();
        requireNoLinkedCacheFolder(base);
        Path quarantine = quarantine(context, journalId);
        OwnedFolders.requireNoLink(base, quarantine);
        List<JournalStep.FileMove> moves = new ArrayList<>();
        for (Path file : AutodiscoverCacheReader.cacheFiles(base)) {
            String original = relative(base, file);
            moves.add(new JournalStep.FileMove(original, relative(base, quarantine.resolve(original))));
        }
        JournalStep started = new JournalStep(action(), StepState.STARTED,
                "moving " + moves.size() + " file(s) to " + relative(base, quarantine), null, List.of(), moves);
        journal.accept(started);
        try {
            for (JournalStep.FileMove move : moves) {
                Path to = base.resolve(move.quarantined());
                Files.createDirectories(to.getParent());
                Files.move(base.resolve(move.original()), to);
            }
        } catch (IOException e) {
            return started.withState(StepState.FAILED, "could not move a cache file: " + e.getMessage());
        }
        return started.withState(StepState.APPLIED, "moved " + moves.size() + " file(s) to " + relative(base, quarantine));
    }

    /**
     * Each move must bring a file from this journal's quarantine folder back to the very cache file it came from, by
     * the same relative path: nothing else is moved, and nothing through a link.
     */
    @Override
    public void checkUndo(HealContext context, String journalId, JournalStep step) {
        Path base = context.host().localAppData();
        if (step.files() == null) {
            throw new UnsafePathException("journal " + journalId + " has no file list for " + action().id() + ": refused");
        }
        Path quarantine = quarantine(context, journalId);
        for (JournalStep.FileMove move : step.files()) {
            Path original = OwnedFolders.resolve(base, move == null ? null : move.original());
            Path quarantined = OwnedFolders.resolve(base, move.quarantined());
            if (!AutodiscoverCacheReader.isCacheFile(base, original)) {
                throw new UnsafePathException("journal " + journalId + " names " + move.original()
                        + ", which is not an Autodiscover cache file: refused");
            }
            if (!quarantined.equals(OwnedFolders.resolve(quarantine, move.original()))) {
                throw new UnsafePathException("journal " + journalId + " would move " + move.quarantined()
                        + ", which is not the quarantined copy of " + move.original() + ": refused");
            }
            OwnedFolders.requireNoLink(base, original);
            OwnedFolders.requireNoLink(base, quarantined);
        }
    }

    @Override
    public UndoOutcome undo(HealContext context, JournalStep step) {
        Path base = context.host().localAppData();
        int restored = 0;
        List<String> kept = new ArrayList<>();
        try {
            for (JournalStep.FileMove move : step.files()) {
                Path from = OwnedFolders.resolve(base, move.quarantined());
                Path to = OwnedFolders.resolve(base, move.original());
                if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                    kept.add(move.original());
                    continue;
                }
                Files.createDirectories(to.getParent());
                Files.move(from, to);
                restored++;
            }
        } catch (IOException e) {
            throw new HostException("cannot move a cache file back: " + e.getMessage(), e);
        }
        String message = "moved " + restored + " Autodiscover file(s) back";
        if (!kept.isEmpty()) {
            message += "; Outlook has written newer ones, kept those (" + String.join(", ", kept) + ")";
        }
        return new UndoOutcome(action(), kept.isEmpty() ? UndoOutcome.Status.RESTORED : UndoOutcome.Status.PARTIAL, message);
    }

    private static Path quarantine(HealContext context, String journalId) {
        return context.stateFolder().resolve(StateFolder.QUARANTINE).resolve(journalId);
    }

    /** Outlook's folders are the user's: a link there could point the move at any folder the agent can write. */
    private static void requireNoLinkedCacheFolder(Path localAppData) {
        AutodiscoverCacheReader.cacheFolders(localAppData).forEach(folder -> OwnedFolders.requireNoLink(localAppData, folder));
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file).toString().replace('\\', '/');
    }
}
