package dev.mapiagent.agent.heal;

import dev.mapiagent.protocol.HealAction;
import java.util.List;

/**
 * What one action found and changed: enough to put it back (registry, files) or to say what was
 * lost (credentials: target names only, never secrets).
 */
public record JournalStep(
        HealAction action,
        StepState state,
        String message,
        RegistryChange registry,
        List<CredentialRecord> credentials,
        List<FileMove> files) {

    /** A registry value before the change; {@code before} null means it was absent. */
    public record RegistryChange(String hive, String key, String value, Long before, long after) {
    }

    public record CredentialRecord(String target, String type, String user, String persist) {
    }

    /** Paths relative to LocalAppData, so a journal stays valid if the profile moves. */
    public record FileMove(String original, String quarantined) {
    }

    public JournalStep withState(StepState newState, String newMessage) {
        return new JournalStep(action, newState, newMessage, registry, credentials, files);
    }
}
