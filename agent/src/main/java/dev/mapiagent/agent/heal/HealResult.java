package dev.mapiagent.agent.heal;

import dev.mapiagent.protocol.Report;
import java.util.List;

/**
 * What a heal did.
 *
 * @param journalId null for a dry run or when there was nothing to do
 * @param plan      every action considered, with its targets
 * @param steps     the journal's steps (empty for a dry run)
 * @param before    the diagnosis before
 * @param after     the diagnosis after, null for a dry run
 */
public record HealResult(String journalId, boolean dryRun, List<PlannedAction> plan, List<JournalStep> steps,
        Report before, Report after) {

    public boolean anyFailed() {
        return steps.stream().anyMatch(s -> s.state() != StepState.APPLIED);
    }
}
