package dev.mapiagent.agent.heal;

import dev.mapiagent.agent.diagnosis.OfficeCredentials;
import dev.mapiagent.agent.host.CredentialVault;
import dev.mapiagent.agent.host.StoredCredential;
import dev.mapiagent.protocol.HealAction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Deletes the Generic credentials whose target starts with a configured prefix (KB4051374). Secrets
 * are never read, so this cannot be undone: the journal keeps the targets to say what was removed.
 */
final class ClearOfficeCredentials implements Remedy {

    @Override
    public HealAction action() {
        return HealAction.CLEAR_OFFICE_CREDENTIALS;
    }

    @Override
    public PlannedAction plan(HealContext context) {
        List<StoredCredential> stale = stale(context);
        if (stale.isEmpty()) {
            return new PlannedAction(action(), List.of(), "no cached Office SSPI credentials");
        }
        return new PlannedAction(action(), stale.stream().map(c -> "credential " + c.target()).toList(),
                "cannot be undone; Outlook asks for the password once");
    }

    @Override
    public JournalStep apply(HealContext context, String journalId, Consumer<JournalStep> journal) {
        List<StoredCredential> stale = stale(context);
        JournalStep started = new JournalStep(action(), StepState.STARTED, "deleting " + stale.size() + " credential(s)",
                null, stale.stream().map(ClearOfficeCredentials::record).toList(), List.of());
        journal.accept(started);
        CredentialVault vault = context.host().credentials();
        List<String> failed = new ArrayList<>();
        for (StoredCredential credential : stale) {
            try {
                vault.delete(credential.target(), credential.type());
            } catch (RuntimeException e) {
                failed.add(credential.target() + " (" + e.getMessage() + ")");
            }
        }
        if (!failed.isEmpty()) {
            return started.withState(StepState.FAILED, "could not delete: " + String.join(", ", failed));
        }
        return started.withState(StepState.APPLIED, "deleted " + stale.size() + " credential(s)");
    }

    @Override
    public UndoOutcome undo(HealContext context, JournalStep step) {
        List<String> targets = step.credentials().stream().map(JournalStep.CredentialRecord::target).toList();
        return new UndoOutcome(action(), UndoOutcome.Status.NOT_POSSIBLE, "cannot be undone: " + targets.size()
                + " deleted credential(s) held secrets that were never read (" + String.join(", ", targets)
                + "); Outlook asks for the password once");
    }

    private static List<StoredCredential> stale(HealContext context) {
        return OfficeCredentials.stale(context.host().credentials().list(), context.credentialPrefixes());
    }

    private static JournalStep.CredentialRecord record(StoredCredential c) {
        return new JournalStep.CredentialRecord(c.target(), c.type().jsonName(), c.user(),
                c.persist() == null ? null : c.persist().jsonName());
    }
}
