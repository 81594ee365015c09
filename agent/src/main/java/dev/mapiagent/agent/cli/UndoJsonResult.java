package dev.mapiagent.agent.cli;

import dev.mapiagent.agent.heal.Journal;
import dev.mapiagent.agent.heal.UndoOutcome;
import dev.mapiagent.agent.heal.Undoer;
import java.util.List;

/**
 * What {@code undo --json} prints: plain values only, so that writing it cannot fail after the undo was carried out.
 *
 * @param journalId the heal that was undone, null when there was nothing to undo
 * @param complete  false when something that could be put back was not (exit 1)
 */
record UndoJsonResult(String journalId, boolean complete, List<UndoOutcome> outcomes) {

    static UndoJsonResult of(Undoer.UndoResult result) {
        return new UndoJsonResult(result.journal().map(Journal::journalId).orElse(null), result.complete(),
                result.outcomes());
    }
}
