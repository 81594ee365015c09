package dev.mapiagent.agent.cli;

import dev.mapiagent.agent.export.SnapshotExport;
import dev.mapiagent.outlook.status.ConnectionStatusParser;
import dev.mapiagent.protocol.ExitCode;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a host snapshot of this PC for offline analysis by the helpdesk. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Write a host snapshot of this PC (or of another snapshot) to a new folder.")
public class SnapshotCommand extends HostCommand {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to create (new or empty).")
    Path out;

    @Option(names = "--connection-status", paramLabel = "FILE",
            description = "Also keep this Connection Status table (copied from Outlook's dialog) in the snapshot.")
    String connectionStatus;

    private final InputStream in;

    SnapshotCommand(HostProvider hosts, InputStream in) {
        super(hosts);
        this.in = in;
    }

    @Override
    public Integer call() {
        Optional<String> status = Optional.ofNullable(connectionStatus)
                .map(f -> TextInput.read(f, in, ConnectionStatusParser.MAX_INPUT, "Connection Status table"));
        status.ifPresent(ConnectionStatusParser::parse);
        SnapshotExport.Summary summary = SnapshotExport.export(openHost(), out, status);
        Output output = output();
        if (common.json) {
            output.json(summary);
        } else {
            spec.commandLine().getOut().printf("Snapshot written to %s: %d registry keys, %d Office credential name(s), "
                    + "%d Autodiscover file(s)%s; no secret was read.%n", summary.folder(), summary.keys(),
                    summary.credentials(), summary.cacheFiles(), status.isPresent() ? ", the Connection Status table" : "");
        }
        return ExitCode.OK;
    }
}
