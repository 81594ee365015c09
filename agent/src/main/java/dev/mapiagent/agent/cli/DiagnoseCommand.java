package dev.mapiagent.agent.cli;

import dev.mapiagent.agent.collector.AgentHttp;
import dev.mapiagent.agent.collector.TrustAnchors;
import dev.mapiagent.agent.diagnosis.Diagnoser;
import dev.mapiagent.agent.diagnosis.DiagnosisInput;
import dev.mapiagent.agent.diagnosis.PcState;
import dev.mapiagent.agent.diagnosis.probe.EndpointProber;
import dev.mapiagent.agent.host.Host;
import dev.mapiagent.outlook.status.ConnectionStatusParser;
import dev.mapiagent.protocol.ExitCode;
import dev.mapiagent.protocol.Report;
import dev.mapiagent.protocol.Verdicts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs every check and prints the findings; exit 1 when something needs fixing (Intune detection). */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Find out why Outlook is not on MAPI over HTTP on this PC (or a snapshot).")
public class DiagnoseCommand extends HostCommand {

    @Option(names = "--connection-status", paramLabel = "FILE",
            description = "Outlook's Connection Status table saved as text (- for standard input).")
    String connectionStatus;

    @Option(names = "--probe", description = "Also ask the Exchange MAPI endpoints of the Autodiscover cache (healthcheck, authentication); no credentials are sent.")
    boolean probe;

    /** Probes must not hold up a logon: an Exchange server that needs longer counts as unreachable. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final InputStream in;

    DiagnoseCommand(HostProvider hosts, InputStream in) {
        super(hosts);
        this.in = in;
    }

    @Override
    public Integer call() {
        Optional<DiagnosisInput.StatusText> status = Optional.ofNullable(connectionStatus)
                .map(f -> new DiagnosisInput.StatusText("-".equals(f) ? "stdin" : f,
                        TextInput.read(f, in, ConnectionStatusParser.MAX_INPUT, "Connection Status table")));
        Host host = openHost();
        Report report = diagnose(host, DiagnosisInput.defaults().withStatus(status));
        Output output = output();
        if (common.json) {
            output.reportJson(report);
        } else {
            output.report(report, host.describe());
        }
        return Verdicts.hasProblem(report.findings()) ? ExitCode.PROBLEMS : ExitCode.OK;
    }

    /** The table diagnose is given, or the snapshot's own, is taken as current whatever the state folder holds. */
    private Report diagnose(Host host, DiagnosisInput input) {
        Diagnoser diagnoser = new Diagnoser(host, Clock.systemUTC(), AgentVersion.current(), OsRandomIds.create());
        if (!probe) {
            return new PcState(diagnoser, input, () -> false, Optional.empty()).now();
        }
        try (CloseableHttpClient http = AgentHttp.client(TrustAnchors.system(), PROBE_TIMEOUT, PROBE_TIMEOUT)) {
            return new PcState(diagnoser, input, () -> false, Optional.of(new EndpointProber(http))).now();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
