package dev.mapiagent.agent.heal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The record of one heal, written before each change and after it. */
public record Journal(String journalId, Instant createdAt, String hostname, JournalState state, List<JournalStep> steps) {

    public Journal {
        steps = List.copyOf(steps);
    }

    /** The journal with this step appended, or replacing the step of the same action. */
    public Journal withStep(JournalStep step) {
        // one step per action: restart-outlook's is kept open while the other actions run
        List<JournalStep> next = new ArrayList<>(steps);
        int same = next.stream().map(JournalStep::action).toList().lastIndexOf(step.action());
        if (same >= 0) {
            next.set(same, step);
        } else {
            next.add(step);
        }
        return new Journal(journalId, createdAt, hostname, state, next);
    }

    public Journal withState(JournalState newState) {
        return new Journal(journalId, createdAt, hostname, newState, steps);
    }

    public Journal withSteps(List<JournalStep> newSteps) {
        return new Journal(journalId, createdAt, hostname, state, newSteps);
    }
}
