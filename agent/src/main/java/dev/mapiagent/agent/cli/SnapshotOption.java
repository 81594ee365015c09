package dev.mapiagent.agent.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Run against a host snapshot directory instead of this PC (DESIGN.md §3). */
public class SnapshotOption {

    @Option(names = "--snapshot", paramLabel = "DIR",
            description = "Read (and for heal, change) this snapshot directory instead of this PC.")
    Path snapshot;
}
