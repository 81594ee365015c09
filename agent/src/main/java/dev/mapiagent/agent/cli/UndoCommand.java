package dev.mapiagent.agent.cli;

import dev.mapiagent.agent.heal.HealContext;
import dev.mapiagent.agent.heal.Undoer;
import dev.mapiagent.agent.host.Host;
import dev.mapiagent.agent.diagnosis.DiagnosisInput;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Reverts the last (or the named) heal from its journal. */
@Command(name = "undo", mixinStandardHelpOptions = true,
        description = "Revert the last heal (or the one named) from its journal.")
public class UndoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    SnapshotOption snapshotOption;

    @Option(names = "--journal", paramLabel = "ID", description = "The heal to revert (default: the last one not yet undone).")
    String journalId;

    private final HostProvider hosts;

    UndoCommand(HostProvider hosts) {
        this.hosts = hosts;
    }

    @Override
    public Integer call() {
        Host host = hosts.open(snapshotOption.snapshot);
        HealContext context = HealContext.of(host, DiagnosisInput.DEFAULT_CREDENTIAL_PREFIXES);
        Undoer.UndoResult result = new Undoer(context).undo(Optional.ofNullable(journalId));
        Output output = new Output(spec.commandLine().getOut());
        if (common.json) {
            output.json(result);
        } else {
            output.undo(result);
        }
        return result.complete() ? ExitCode.OK : ExitCode.PROBLEMS;
    }
}
