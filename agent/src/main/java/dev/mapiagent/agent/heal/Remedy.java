package dev.mapiagent.agent.heal;

import dev.mapiagent.protocol.HealAction;
import java.util.function.Consumer;

/** One self-heal action: plan it, apply it with a journal, undo it. */
interface Remedy {

    HealAction action();

    /** What the action would change now; no targets means nothing to do. */
    PlannedAction plan(HealContext context);

    /**
     * Records what is there through {@code journal} before changing anything, then changes it.
     *
     * @return the final step, APPLIED or FAILED
     */
    JournalStep apply(HealContext context, String journalId, Consumer<JournalStep> journal);

    /**
     * Refuses a step whose journal names anything this remedy does not own; undo checks every step before it changes
     * anything, because a journal is a file anyone with the user's rights can edit.
     *
     * @throws UnsafePathException when the step names something else
     */
    default void checkUndo(HealContext context, String journalId, JournalStep step) {
    }

    /** Puts back what the step changed, or says plainly why it cannot. */
    UndoOutcome undo(HealContext context, JournalStep step);
}
