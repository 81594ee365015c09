package dev.mapiagent.agent.heal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The record of one heal, written before each change and after it. */
public record Journal(String journalId, Instant createdAt, String hostname, JournalState state, List<JournalStep> steps) {

    public Journal {
        steps = List.copyOf(steps);
    }

    /** The journal with this step appended, or replacing the last step of the same action. */
    public Journal withStep(JournalStep step) {
        List<JournalStep> next = new ArrayList<>(steps);
        if (!next.isEmpty() && next.get(next.size() - 1).action() == step.action()) {
            next.set(next.size() - 1, step);
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
