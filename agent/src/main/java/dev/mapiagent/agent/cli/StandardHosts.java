package dev.mapiagent.agent.cli;

import dev.mapiagent.agent.host.BadInputException;
import dev.mapiagent.agent.host.Host;
import dev.mapiagent.agent.host.snapshot.SnapshotHost;
import dev.mapiagent.agent.host.windows.WindowsHost;
import java.nio.file.Path;

/** A snapshot directory when one is given, else this PC (Windows only). */
final class StandardHosts implements HostProvider {

    @Override
    public Host open(Path snapshotOrNull) {
        if (snapshotOrNull != null) {
            return SnapshotHost.open(snapshotOrNull);
        }
        if (!System.getProperty("os.name", "").startsWith("Windows")) {
            throw new BadInputException("live mode needs Windows; use --snapshot DIR");
        }
        return WindowsHost.create();
    }
}
