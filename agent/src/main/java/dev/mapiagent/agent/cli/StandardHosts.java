package dev.mapiagent.agent.cli;

import dev.mapiagent.agent.host.Host;
import dev.mapiagent.agent.host.snapshot.SnapshotHost;
import dev.mapiagent.agent.host.windows.WindowsHost;
import java.nio.file.Path;

/** A snapshot directory when one is given, else this PC (Windows only). */
final class StandardHosts implements HostProvider {

    @Override
    public Host open(Path snapshotOrNull) {
        return snapshotOrNull != null ? SnapshotHost.open(snapshotOrNull) : WindowsHost.create();
    }
}
