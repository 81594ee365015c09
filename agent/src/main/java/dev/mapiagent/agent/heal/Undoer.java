package dev.mapiagent.agent.heal;

import dev.mapiagent.agent.host.EventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reverses a heal from its journal, newest step first. Works on an interrupted heal too: a step
 * journaled as "started" may or may not have changed something, and every undo is safe either way.
 */
public final class Undoer {

    private final HealContext context;

    public Undoer(HealContext context) {
        this.context = context;
    }

    /** What undo did; {@code journal} is empty when there was nothing to undo. */
    public record UndoResult(Optional<Journal> journal, List<UndoOutcome> outcomes) {
        /** False when something that could be put back was not. */
        public boolean complete() {
            return outcomes.stream().noneMatch(o -> o.status() == UndoOutcome.Status.PARTIAL);
        }
    }

    /**
     * @throws UnsafePathException before anything changes, when the agent's folder is a link or a step of the journal
     *                             names anything its remedy does not own
     */
    public UndoResult undo(Optional<String> journalId) {
        OwnedFolders.requireNoLink(context.host().localAppData(), context.stateFolder());
        JournalStore store = new JournalStore(context.stateFolder());
        Optional<Journal> found = journalId.map(store::load).or(store::latestUndoable);
        if (found.isEmpty()) {
            return new UndoResult(Optional.empty(), List.of());
        }
        Journal journal = found.get();
        if (journal.state() == JournalState.UNDONE) {
            throw new UnknownJournalException("heal " + journal.journalId() + " was already undone");
        }
        for (JournalStep step : journal.steps()) {
            if (step.state() != StepState.UNDONE) {
                Remedies.of(step.action()).checkUndo(context, journal.journalId(), step);
            }
        }
        List<UndoOutcome> outcomes = new ArrayList<>();
        List<JournalStep> steps = new ArrayList<>(journal.steps());
        for (int i = steps.size() - 1; i >= 0; i--) {
            JournalStep step = steps.get(i);
            if (step.state() == StepState.UNDONE) {
                continue;
            }
            UndoOutcome outcome = Remedies.of(step.action()).undo(context, step);
            outcomes.add(outcome);
            steps.set(i, step.withState(StepState.UNDONE, outcome.message()));
        }
        store.save(journal.withSteps(steps).withState(JournalState.UNDONE));
        context.host().eventLog().write(EventLog.Level.INFORMATION, HealEvents.UNDO, "undo of heal " + journal.journalId()
                + ": " + String.join("; ", outcomes.stream().map(o -> o.action().id() + ": " + o.message()).toList()));
        return new UndoResult(Optional.of(journal), outcomes);
    }
}
