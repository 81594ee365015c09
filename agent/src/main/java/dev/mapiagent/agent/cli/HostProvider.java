package dev.mapiagent.agent.cli;

import dev.mapiagent.agent.host.Host;
import java.nio.file.Path;

/** Opens the host a command works on: a snapshot directory when given, else this PC. */
@FunctionalInterface
public interface HostProvider {

    Host open(Path snapshotOrNull);
}
