package dev.mapiagent.agent.cli;

import dev.mapiagent.agent.diagnosis.Diagnoser;
import dev.mapiagent.agent.diagnosis.DiagnosisInput;
import dev.mapiagent.agent.diagnosis.PcState;
import dev.mapiagent.agent.heal.HealContext;
import dev.mapiagent.agent.heal.HealRequest;
import dev.mapiagent.agent.heal.HealResult;
import dev.mapiagent.agent.heal.Healer;
import dev.mapiagent.agent.heal.JournalStore;
import dev.mapiagent.agent.host.Host;
import dev.mapiagent.protocol.ExitCode;
import dev.mapiagent.protocol.HealAction;
import dev.mapiagent.protocol.Verdicts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Fixes what diagnose found, with a journal; exit 0 when nothing a heal can fix is left (Intune remediation). */
@Command(name = "heal", mixinStandardHelpOptions = true,
        description = "Apply the remedies of the findings, journaled, then diagnose again.")
public class HealCommand extends HostCommand {

    @Option(names = "--dry-run", description = "Print the exact plan and change nothing.")
    boolean dryRun;

    @Option(names = "--only", paramLabel = "ACTION", converter = HealActionConverter.class,
            description = "Only this action (repeatable): ${COMPLETION-CANDIDATES}. restart-outlook runs only when named here.",
            completionCandidates = ActionIds.class)
    List<HealAction> only = new ArrayList<>();


    HealCommand(HostProvider hosts) {
        super(hosts);
    }

    @Override
    public Integer call() {
        Host host = openHost();
        DiagnosisInput input = DiagnosisInput.defaults();
        HealContext context = HealContext.of(host, input.officeCredentialPrefixes());
        Clock clock = Clock.systemUTC();
        PcState pc = new PcState(new Diagnoser(host, clock, AgentVersion.current(), OsRandomIds.create()), input,
                new JournalStore(context.stateFolder())::anyCompleted, Optional.empty());
        Healer healer = new Healer(context, pc, clock);
        HealResult result = healer.heal(new HealRequest(Set.copyOf(only), dryRun));
        Output output = output();
        if (common.json) {
            output.json(result);
        } else {
            output.heal(result, host.describe());
        }
        if (result.dryRun()) {
            return ExitCode.OK;
        }
        return result.anyFailed() || Verdicts.hasProblem(result.after().findings()) ? ExitCode.PROBLEMS : ExitCode.OK;
    }

    /** The action ids, for help text and shell completion. */
    static final class ActionIds extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        ActionIds() {
            for (HealAction a : HealAction.values()) {
                add(a.id());
            }
        }
    }
}
