package dev.mapiagent.agent.heal;

import dev.mapiagent.agent.diagnosis.Diagnoser;
import dev.mapiagent.agent.diagnosis.DiagnosisInput;
import dev.mapiagent.agent.diagnosis.PcState;
import dev.mapiagent.agent.host.DevUrandom;
import dev.mapiagent.agent.host.Host;
import dev.mapiagent.agent.host.RandomIds;
import java.time.Clock;
import java.util.Optional;

/** A host's state as the heal command sees it: default input, the host's own journals, no probe. */
final class TestPcState {

    private TestPcState() {
    }

    static PcState of(Host host) {
        return new PcState(new Diagnoser(host, Clock.systemUTC(), "test", new RandomIds(DevUrandom.SYSTEM)), DiagnosisInput.defaults(),
                new JournalStore(HealContext.stateFolderOf(host))::anyCompleted, Optional.empty());
    }
}
