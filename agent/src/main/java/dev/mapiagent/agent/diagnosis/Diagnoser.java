package dev.mapiagent.agent.diagnosis;

import dev.mapiagent.agent.diagnosis.outlook.AutodiscoverCacheReader;
import dev.mapiagent.agent.diagnosis.outlook.OutlookDetector;
import dev.mapiagent.agent.diagnosis.outlook.OutlookInstall;
import dev.mapiagent.agent.host.Host;
import dev.mapiagent.agent.host.StoredCredential;
import dev.mapiagent.outlook.status.ConnectionStatusAssessment;
import dev.mapiagent.outlook.status.ConnectionStatusParser;
import dev.mapiagent.outlook.status.ParsedStatusTable;
import dev.mapiagent.protocol.AutodiscoverSection;
import dev.mapiagent.protocol.ConnectionStatusSection;
import dev.mapiagent.protocol.CredentialsSection;
import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.FindingCode;
import dev.mapiagent.protocol.HealAction;
import dev.mapiagent.protocol.MapiProtocol;
import dev.mapiagent.protocol.OutlookSection;
import dev.mapiagent.protocol.Report;
import dev.mapiagent.protocol.Severity;
import dev.mapiagent.protocol.Verdicts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs every check on one host and turns what it saw into a {@link Report}. */
public final class Diagnoser {

    /** Findings that mean Outlook is not on MAPI over HTTP: stale SSPI logons only matter next to one. */
    private static final Set<String> PROTOCOL_PROBLEMS = Set.of(
            FindingCode.MAPIHTTP_DISABLED_REGISTRY.name(), FindingCode.MAPIHTTP_DISABLED_POLICY.name(),
            FindingCode.AUTODISCOVER_NO_MAPIHTTP.name(), FindingCode.CONNECTION_FALLBACK.name(),
            FindingCode.CONNECTION_DISCONNECTED.name(), FindingCode.CONNECTION_FAILURES.name());

    private final Host host;
    private final Clock clock;
    private final String agentVersion;

    public Diagnoser(Host host, Clock clock, String agentVersion) {
        this.host = host;
        this.clock = clock;
        this.agentVersion = agentVersion;
    }

    public Report diagnose(DiagnosisInput input) {
        List<Finding> findings = new ArrayList<>();

        Optional<OutlookInstall> install = OutlookDetector.detect(host.registry());
        OutlookSection outlook = install.map(OutlookInstall::toSection).orElse(OutlookSection.notFound());
        findings.addAll(outlookFindings(install));

        MapiHttpSwitch.Result mapiHttp = MapiHttpSwitch.read(host.registry());
        findings.addAll(mapiHttp.findings());

        AutodiscoverSection autodiscover = AutodiscoverCacheReader.read(host.localAppData());
        findings.addAll(autodiscoverFindings(autodiscover));
        findings.addAll(AutodiscoverCacheReader.refusedFileFindings(autodiscover));

        Optional<DiagnosisInput.StatusText> statusText = input.status()
                .or(() -> input.readHostStatus()
                        ? host.connectionStatusText().map(t -> new DiagnosisInput.StatusText("snapshot", t))
                        : Optional.empty());
        ConnectionStatusSection connectionStatus = null;
        List<Finding> connectionFindings = List.of();
        MapiProtocol seenProtocol = MapiProtocol.UNKNOWN;
        if (statusText.isPresent()) {
            ParsedStatusTable table = ConnectionStatusParser.parse(statusText.get().text());
            ConnectionStatusAssessment assessment = ConnectionStatusAssessment.assess(table, input.failureThreshold());
            connectionStatus = new ConnectionStatusSection(statusText.get().source(), table.dialect().name(),
                    assessment.protocol(), table.rows(), table.unreadable());
            connectionFindings = assessment.findings();
            seenProtocol = assessment.protocol();
        }

        List<StoredCredential> credentials = host.credentials().list();
        CredentialsSection credentialsSection = OfficeCredentials.section(credentials);
        List<StoredCredential> stale = OfficeCredentials.stale(credentials, input.officeCredentialPrefixes());

        List<Finding> causes = new ArrayList<>(findings);
        boolean protocolProblem = Stream.concat(causes.stream(), connectionFindings.stream())
                .anyMatch(f -> PROTOCOL_PROBLEMS.contains(f.code()));
        if (!stale.isEmpty() && protocolProblem) {
            Finding sspi = Finding.of(FindingCode.OFFICE_SSPI_CREDENTIALS, Severity.WARNING,
                    stale.size() + " cached Office logon(s) from before the switch to MAPI over HTTP make Outlook keep failing.",
                    stale.stream().map(StoredCredential::target).collect(Collectors.joining(", ")));
            causes.add(sspi);
            findings.add(sspi);
        }
        HealAction connectionRemedy = remedyOfFirstCause(causes);
        connectionFindings.stream()
                .map(f -> FindingCode.CONNECTION_FAILURES.name().equals(f.code()) ? f : f.withRemedy(connectionRemedy))
                .forEach(findings::add);

        boolean anythingKnown = outlook.installed() || mapiHttp.section().userValue() != null
                || mapiHttp.section().policyValue() != null || !autodiscover.files().isEmpty() || connectionStatus != null;
        MapiProtocol protocol = seenProtocol != MapiProtocol.UNKNOWN
                ? seenProtocol
                : expectedProtocol(outlook, mapiHttp, autodiscover);

        return new Report(Report.SCHEMA_VERSION, UUID.randomUUID().toString(), host.deviceId(), host.hostname(),
                host.userName(), clock.instant(), agentVersion, Verdicts.of(findings, anythingKnown), protocol,
                List.copyOf(findings), outlook, mapiHttp.section(), autodiscover, credentialsSection, connectionStatus);
    }

    private static List<Finding> outlookFindings(Optional<OutlookInstall> install) {
        if (install.isEmpty()) {
            return List.of(Finding.of(FindingCode.OUTLOOK_NOT_FOUND, Severity.WARNING,
                    "No Outlook installation was found (neither Click-to-Run nor MSI).", null));
        }
        if (!install.get().mapiHttp().capable()) {
            return List.of(Finding.of(FindingCode.OUTLOOK_TOO_OLD, Severity.ERROR, install.get().mapiHttp().message(),
                    install.get().source()));
        }
        return List.of();
    }

    private static List<Finding> autodiscoverFindings(AutodiscoverSection autodiscover) {
        if (autodiscover.mapiHttpOffered() == null) {
            return List.of(Finding.of(FindingCode.AUTODISCOVER_NO_CACHE, Severity.INFO,
                    "Outlook has no cached Autodiscover answer yet.", "LocalAppData\\Microsoft\\Outlook"));
        }
        if (!autodiscover.mapiHttpOffered()) {
            String files = autodiscover.files().stream().map(AutodiscoverSection.AutodiscoverFile::path)
                    .collect(Collectors.joining(", "));
            return List.of(Finding.of(FindingCode.AUTODISCOVER_NO_MAPIHTTP, Severity.WARNING,
                    "The cached Autodiscover answer offers no MAPI over HTTP endpoint, so Outlook uses RPC over HTTP.",
                    files));
        }
        return List.of();
    }

    /** A connection finding is fixed by fixing its cause: the first finding with a remedy. */
    private static HealAction remedyOfFirstCause(List<Finding> causes) {
        return causes.stream().map(Finding::remedy).filter(r -> r != null)
                .findFirst().flatMap(HealAction::byId).orElse(null);
    }

    /** Without a Connection Status table the protocol is what the configuration forces, if anything. */
    private static MapiProtocol expectedProtocol(OutlookSection outlook, MapiHttpSwitch.Result mapiHttp,
            AutodiscoverSection autodiscover) {
        if (!outlook.installed()) {
            return MapiProtocol.UNKNOWN;
        }
        if (mapiHttp.disabled() || !outlook.mapiHttpCapable() || Boolean.FALSE.equals(autodiscover.mapiHttpOffered())) {
            return MapiProtocol.RPC_HTTP;
        }
        return Boolean.TRUE.equals(autodiscover.mapiHttpOffered()) ? MapiProtocol.MAPI_HTTP : MapiProtocol.UNKNOWN;
    }
}
