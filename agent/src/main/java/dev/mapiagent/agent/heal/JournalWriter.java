package dev.mapiagent.agent.heal;

import dev.mapiagent.protocol.HealAction;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Keeps the journal of one heal and saves it atomically at every change of state. */
final class JournalWriter {

    private final JournalStore store;
    private Journal journal;

    JournalWriter(JournalStore store, String journalId, Instant createdAt, String hostname) {
        this.store = store;
        this.journal = new Journal(journalId, createdAt, hostname, JournalState.IN_PROGRESS, List.of());
        store.save(journal);
    }

    void record(JournalStep step) {
        journal = journal.withStep(step);
        store.save(journal);
    }

    /** The step recorded for this action, if the remedy got as far as recording one. */
    Optional<JournalStep> lastOf(HealAction action) {
        return journal.steps().stream().filter(s -> s.action() == action).reduce((first, last) -> last);
    }

    void complete() {
        journal = journal.withState(JournalState.COMPLETED);
        store.save(journal);
    }
}
