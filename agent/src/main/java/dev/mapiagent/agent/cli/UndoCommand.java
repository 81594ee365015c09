package dev.mapiagent.agent.cli;

import dev.mapiagent.agent.diagnosis.DiagnosisInput;
import dev.mapiagent.agent.heal.HealContext;
import dev.mapiagent.agent.heal.Undoer;
import dev.mapiagent.agent.host.Host;
import dev.mapiagent.protocol.ExitCode;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Reverts the last (or the named) heal from its journal. */
@Command(name = "undo", mixinStandardHelpOptions = true,
        description = "Revert the last heal (or the one named) from its journal.")
public class UndoCommand extends HostCommand {

    @Option(names = "--journal", paramLabel = "ID", description = "The heal to revert (default: the last one not yet undone).")
    String journalId;


    UndoCommand(HostProvider hosts) {
        super(hosts);
    }

    @Override
    public Integer call() {
        Host host = openHost();
        HealContext context = HealContext.of(host, DiagnosisInput.DEFAULT_CREDENTIAL_PREFIXES);
        Undoer.UndoResult result = new Undoer(context).undo(Optional.ofNullable(journalId));
        Output output = output();
        if (common.json) {
            output.json(UndoJsonResult.of(result));
        } else {
            output.undo(result);
        }
        return result.complete() ? ExitCode.OK : ExitCode.PROBLEMS;
    }
}
