package dev.mapiagent.agent.heal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.cli.SnapshotCopy;
import dev.mapiagent.agent.diagnosis.DiagnosisInput;
import dev.mapiagent.agent.host.CredentialType;
import dev.mapiagent.agent.host.CredentialVault;
import dev.mapiagent.agent.host.EventLog;
import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.Host;
import dev.mapiagent.agent.host.Processes;
import dev.mapiagent.agent.host.Registry;
import dev.mapiagent.agent.host.StoredCredential;
import dev.mapiagent.agent.host.snapshot.SnapshotHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A heal killed between two steps: the first change is made and journaled, the second step is
 * journaled as started and then the process dies. Undo must still put the first change back.
 */
class InterruptedHealTest {

    @TempDir
    Path temp;

    /** Stands for the process being killed: an Error no remedy catches. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    /** The snapshot, except that deleting a credential kills the process. */
    record KilledOnCredentialDelete(SnapshotHost snapshot) implements Host {
        @Override public Registry registry() { return snapshot.registry(); }
        @Override public Processes processes() { return snapshot.processes(); }
        @Override public EventLog eventLog() { return snapshot.eventLog(); }
        @Override public Path localAppData() { return snapshot.localAppData(); }
        @Override public Optional<String> connectionStatusText() { return snapshot.connectionStatusText(); }
        @Override public String deviceId() { return snapshot.deviceId(); }
        @Override public String hostname() { return snapshot.hostname(); }
        @Override public String userName() { return snapshot.userName(); }
        @Override public String describe() { return snapshot.describe(); }

        @Override
        public CredentialVault credentials() {
            CredentialVault real = snapshot.credentials();
            return new CredentialVault() {
                @Override public List<StoredCredential> list() { return real.list(); }
                @Override public boolean delete(String target, CredentialType type) { throw new Killed(); }
            };
        }
    }

    private static HealContext context(Host host) {
        return new HealContext(host, HealContext.stateFolderOf(host), DiagnosisInput.DEFAULT_CREDENTIAL_PREFIXES,
                Duration.ofSeconds(1));
    }

    @Test
    void aHealKilledBetweenStepsLeavesAJournalThatUndoUses() throws IOException {
        Path pc = SnapshotCopy.of("fallback-stale-sspi", temp);
        SnapshotHost snapshot = SnapshotHost.open(pc);
        snapshot.registry().setDword(Hive.HKEY_CURRENT_USER, "Software\\Microsoft\\Exchange", "MapiHttpDisabled", 1);
        Host dying = new KilledOnCredentialDelete(SnapshotHost.open(pc));
        Healer healer = new Healer(context(dying), TestPcState.of(dying), Clock.systemUTC());

        assertThrows(Killed.class, () -> healer.heal(new HealRequest(Set.of(), false)));

        JournalStore store = new JournalStore(HealContext.stateFolderOf(dying));
        Journal journal = store.latestUndoable().orElseThrow();
        assertEquals(JournalState.IN_PROGRESS, journal.state());
        assertEquals(List.of(StepState.APPLIED, StepState.STARTED), journal.steps().stream().map(JournalStep::state).toList());
        assertEquals(Optional.of(0L), SnapshotHost.open(pc).registry()
                .number(Hive.HKEY_CURRENT_USER, "Software\\Microsoft\\Exchange", "MapiHttpDisabled"));

        Host restarted = SnapshotHost.open(pc);
        Undoer.UndoResult undo = new Undoer(context(restarted)).undo(Optional.empty());

        assertEquals(Optional.of(1L), SnapshotHost.open(pc).registry()
                .number(Hive.HKEY_CURRENT_USER, "Software\\Microsoft\\Exchange", "MapiHttpDisabled"));
        assertTrue(undo.outcomes().stream().anyMatch(o -> o.status() == UndoOutcome.Status.NOT_POSSIBLE
                && o.message().contains("MicrosoftOffice16_Data:SSPI:carol@contoso.com")));
        assertEquals(JournalState.UNDONE, store.load(journal.journalId()).state());
    }
}
