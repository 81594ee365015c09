package dev.mapiagent.agent.cli;

import dev.mapiagent.agent.host.Host;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that works on a host (this PC or --snapshot DIR) and prints for a person or as JSON. */
abstract class HostCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    SnapshotOption snapshotOption;

    private final HostProvider hosts;

    HostCommand(HostProvider hosts) {
        this.hosts = hosts;
    }

    Host openHost() {
        return hosts.open(snapshotOption.snapshot);
    }

    Output output() {
        return new Output(spec.commandLine().getOut());
    }
}
