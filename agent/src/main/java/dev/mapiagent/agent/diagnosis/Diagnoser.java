package dev.mapiagent.agent.diagnosis;

import dev.mapiagent.agent.diagnosis.evidence.AutodiscoverCacheReader;
import dev.mapiagent.agent.diagnosis.evidence.AutodiscoverCacheReader.AutodiscoverCache;
import dev.mapiagent.agent.diagnosis.evidence.AutodiscoverCacheReader.CachedError;
import dev.mapiagent.agent.diagnosis.evidence.OutlookDetector;
import dev.mapiagent.agent.diagnosis.evidence.OutlookInstall;
import dev.mapiagent.agent.host.Host;
import dev.mapiagent.agent.host.RandomIds;
import dev.mapiagent.agent.host.StoredCredential;
import dev.mapiagent.outlook.status.ConnectionStatusAssessment;
import dev.mapiagent.outlook.status.ConnectionStatusParser;
import dev.mapiagent.outlook.status.ParsedStatusTable;
import dev.mapiagent.protocol.AutodiscoverSection;
import dev.mapiagent.protocol.ConnectionRow;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs every check on one host and turns what it saw into a {@link Report}. */
public final class Diagnoser {

    /** Findings that mean Outlook is not on MAPI over HTTP, or its connections fail. */
    private static final Set<String> PROTOCOL_PROBLEMS = Set.of(
            FindingCode.MAPIHTTP_DISABLED_REGISTRY.name(), FindingCode.MAPIHTTP_DISABLED_POLICY.name(),
            FindingCode.AUTODISCOVER_NO_MAPIHTTP.name(), FindingCode.AUTODISCOVER_ERROR_CACHED.name(),
            FindingCode.CONNECTION_FALLBACK.name(), FindingCode.CONNECTION_DISCONNECTED.name(),
            FindingCode.CONNECTION_FAILURES.name());

    /** Connection findings that keep their own remedy (none): they are not caused by anything on this PC. */
    private static final Set<String> OWN_REMEDY = Set.of(
            FindingCode.CONNECTION_FAILURES.name(), FindingCode.CONNECTION_STATUS_UNREADABLE.name());

    private final Host host;
    private final Clock clock;
    private final String agentVersion;
    private final RandomIds reportIds;

    public Diagnoser(Host host, Clock clock, String agentVersion, RandomIds reportIds) {
        this.host = host;
        this.clock = clock;
        this.agentVersion = agentVersion;
        this.reportIds = reportIds;
    }

    /** What the Connection Status text (if any) showed. */
    private record StatusEvidence(ConnectionStatusSection section, List<Finding> findings, MapiProtocol protocol,
            List<ConnectionRow> rows, boolean unreadable) {

        static final StatusEvidence NONE = new StatusEvidence(null, List.of(), MapiProtocol.UNKNOWN, List.of(), false);
    }

    public Report diagnose(DiagnosisInput input) {
        List<Finding> findings = new ArrayList<>();

        Optional<OutlookInstall> install = OutlookDetector.detect(host.registry(), host.fileVersions());
        OutlookSection outlook = install.map(OutlookInstall::toSection).orElse(OutlookSection.notFound());

        MapiHttpSwitch.Result mapiHttp = MapiHttpSwitch.read(host.registry());
        AutodiscoverCache cache = AutodiscoverCacheReader.inspect(host.localAppData());
        AutodiscoverSection autodiscover = cache.section();
        StatusEvidence status = statusEvidence(input);

        findings.addAll(outlookFindings(install, status, autodiscover));
        findings.addAll(mapiHttp.findings());
        findings.addAll(autodiscoverFindings(cache));
        findings.addAll(AutodiscoverCacheReader.refusedFileFindings(autodiscover));

        List<StoredCredential> credentials = host.credentials().list();
        CredentialsSection credentialsSection = OfficeCredentials.section(credentials);
        List<StoredCredential> stale = OfficeCredentials.stale(credentials, input.officeCredentialPrefixes());

        List<Finding> causes = new ArrayList<>(findings);
        if (!stale.isEmpty()) {
            Finding sspi = sspiFinding(stale, Stream.concat(causes.stream(), status.findings().stream()).toList(),
                    status.rows());
            causes.add(sspi);
            findings.add(sspi);
        }
        HealAction connectionRemedy = remedyOfFirstCause(causes);
        status.findings().stream()
                .map(f -> OWN_REMEDY.contains(f.code()) ? f : f.withRemedy(connectionRemedy))
                .map(f -> isFallbackWithoutCause(f, causes) ? withNoCauseAdvice(f) : f)
                .forEach(findings::add);

        boolean anythingKnown = outlook.installed() || mapiHttp.section().userValue() != null
                || mapiHttp.section().policyValue() != null || !autodiscover.files().isEmpty() || status.section() != null;
        MapiProtocol protocol = status.protocol() != MapiProtocol.UNKNOWN || status.unreadable()
                ? status.protocol()
                : expectedProtocol(outlook, mapiHttp, autodiscover);

        Instant createdAt = clock.instant();
        return new Report(Report.SCHEMA_VERSION, reportIds.next(createdAt).toString(), host.deviceId(), host.hostname(),
                host.userName(), createdAt, agentVersion, Verdicts.of(findings, anythingKnown), protocol,
                List.copyOf(findings), outlook, mapiHttp.section(), autodiscover, credentialsSection, status.section());
    }

    private StatusEvidence statusEvidence(DiagnosisInput input) {
        Optional<DiagnosisInput.StatusText> statusText = input.status()
                .or(() -> input.readHostStatus()
                        ? host.connectionStatusText().map(t -> new DiagnosisInput.StatusText("snapshot", t))
                        : Optional.empty());
        if (statusText.isEmpty()) {
            return StatusEvidence.NONE;
        }
        ParsedStatusTable table = ConnectionStatusParser.parse(statusText.get().text());
        ConnectionStatusAssessment assessment = ConnectionStatusAssessment.assess(table, input.failureThreshold());
        ConnectionStatusSection section = new ConnectionStatusSection(statusText.get().source(), table.dialect().name(),
                assessment.protocol(), table.rows(), table.unreadable());
        boolean unreadable = assessment.findings().stream()
                .anyMatch(f -> f.code().equals(FindingCode.CONNECTION_STATUS_UNREADABLE.name()));
        return new StatusEvidence(section, assessment.findings(), assessment.protocol(), table.rows(), unreadable);
    }

    /**
     * OUTLOOK_TOO_OLD is an error only while nothing the agent saw contradicts it. Rows on MAPI/HTTP, or a
     * cached Autodiscover answer with a mapiHttp protocol (Exchange sends one only to a client that asked
     * with X-MapiHttpCapability, docs/outlook-facts.md "Autodiscover"), show this Outlook speaking it: then
     * the build read is stale (an MSI's service-pack level) and the finding is only information.
     */
    private static List<Finding> outlookFindings(Optional<OutlookInstall> install, StatusEvidence status,
            AutodiscoverSection autodiscover) {
        if (install.isEmpty()) {
            return List.of(Finding.of(FindingCode.OUTLOOK_NOT_FOUND, Severity.WARNING,
                    "No Outlook installation was found (neither Click-to-Run nor MSI).", null));
        }
        if (install.get().mapiHttp().capable()) {
            return List.of();
        }
        Optional<String> speaksMapiHttp = mapiHttpSeen(status, autodiscover);
        if (speaksMapiHttp.isPresent()) {
            return List.of(Finding.of(FindingCode.OUTLOOK_TOO_OLD, Severity.INFO,
                    install.get().mapiHttp().message() + "; but " + speaksMapiHttp.get()
                            + ", so the build read is older than the one running (check OUTLOOK.EXE's file version)",
                    install.get().source()));
        }
        return List.of(Finding.of(FindingCode.OUTLOOK_TOO_OLD, Severity.ERROR, install.get().mapiHttp().message(),
                install.get().source()));
    }

    private static Optional<String> mapiHttpSeen(StatusEvidence status, AutodiscoverSection autodiscover) {
        if (status.rows().stream().anyMatch(r -> r.protocol() == MapiProtocol.MAPI_HTTP)) {
            return Optional.of("the Connection Status shows it on MAPI over HTTP");
        }
        if (Boolean.TRUE.equals(autodiscover.mapiHttpOffered())) {
            return Optional.of("its cached Autodiscover answer carries MAPI over HTTP settings, which Exchange sends"
                    + " only to an Outlook that asks for them");
        }
        return Optional.empty();
    }

    private static List<Finding> autodiscoverFindings(AutodiscoverCache cache) {
        AutodiscoverSection autodiscover = cache.section();
        List<Finding> findings = new ArrayList<>();
        if (!cache.errors().isEmpty()) {
            findings.add(Finding.of(FindingCode.AUTODISCOVER_ERROR_CACHED, Severity.WARNING,
                    "Outlook cached an Autodiscover error answer ("
                            + cache.errors().stream().map(Diagnoser::describe).collect(Collectors.joining("; "))
                            + ") instead of its connection settings.",
                    cache.errors().stream().map(CachedError::path).collect(Collectors.joining(", "))));
        }
        if (autodiscover.mapiHttpOffered() == null && cache.errors().isEmpty()) {
            findings.add(Finding.of(FindingCode.AUTODISCOVER_NO_CACHE, Severity.INFO,
                    "Outlook has no cached Autodiscover answer yet.", "LocalAppData\\Microsoft\\Outlook"));
        }
        if (Boolean.FALSE.equals(autodiscover.mapiHttpOffered())) {
            String files = autodiscover.files().stream().map(AutodiscoverSection.AutodiscoverFile::path)
                    .collect(Collectors.joining(", "));
            findings.add(Finding.of(FindingCode.AUTODISCOVER_NO_MAPIHTTP, Severity.WARNING,
                    "The cached Autodiscover answer offers no MAPI over HTTP endpoint, so Outlook uses RPC over HTTP.",
                    files));
        }
        return findings;
    }

    /** "ErrorCode 600 Invalid Request". */
    private static String describe(CachedError error) {
        return Stream.of(error.code() == null ? null : "ErrorCode " + error.code(), error.message())
                .filter(Objects::nonNull).collect(Collectors.joining(" "));
    }

    /**
     * KB4051374: stale SSPI logons make Outlook prompt for a password again and again, on MAPI/HTTP too. A
     * warning next to a protocol problem or failing (or authentication-failing) connections, where they are
     * a likely cause; information otherwise, because they are harmless until Outlook prompts.
     */
    private static Finding sspiFinding(List<StoredCredential> stale, List<Finding> others, List<ConnectionRow> rows) {
        boolean problem = others.stream().anyMatch(f -> PROTOCOL_PROBLEMS.contains(f.code()))
                || rows.stream().anyMatch(Diagnoser::authenticationFails);
        String targets = stale.stream().map(StoredCredential::target).collect(Collectors.joining(", "));
        if (problem) {
            return Finding.of(FindingCode.OFFICE_SSPI_CREDENTIALS, Severity.WARNING,
                    stale.size() + " cached Office logon(s) from before the switch to MAPI over HTTP make Outlook keep"
                            + " failing or prompting for a password (KB4051374).",
                    targets);
        }
        return Finding.of(FindingCode.OFFICE_SSPI_CREDENTIALS, Severity.INFO,
                stale.size() + " cached Office logon(s) (MicrosoftOffice1x_Data:SSPI) are stored; if Outlook keeps"
                        + " prompting for a password, clearing them is the fix (KB4051374).",
                targets);
    }

    /** The dialog's Authn column shows ERROR for a connection whose authentication failed (KB2737188). */
    private static boolean authenticationFails(ConnectionRow row) {
        return row.authn() != null && row.authn().toUpperCase(Locale.ROOT).contains("ERROR");
    }

    /** Causes are what the agent found besides the table: the switch, the build, the cache, the logons. */
    private static boolean isFallbackWithoutCause(Finding finding, List<Finding> causes) {
        return finding.code().equals(FindingCode.CONNECTION_FALLBACK.name())
                && causes.stream().noneMatch(f -> f.severity().isProblem());
    }

    /**
     * Administrators' guides: with the switch on and the cache reset, a profile still on RPC/HTTP needs
     * Outlook restarted, and then the profile re-created (docs/outlook-facts.md, "Still on RPC/HTTP").
     */
    private static Finding withNoCauseAdvice(Finding fallback) {
        return new Finding(fallback.code(), fallback.severity(), fallback.message()
                + "; no cause was found on this PC: restart Outlook, and if it still shows RPC/HTTP re-create the"
                + " Outlook profile", fallback.evidence(), HealAction.RESTART_OUTLOOK.id());
    }

    /** A connection finding is fixed by fixing its cause: the first problem finding with a remedy. */
    private static HealAction remedyOfFirstCause(List<Finding> causes) {
        return causes.stream().filter(f -> f.severity().isProblem()).map(Finding::remedy).filter(Objects::nonNull)
                .findFirst().flatMap(HealAction::byId).orElse(null);
    }

    /** Without a Connection Status table the protocol is what the configuration forces, if anything. */
    private static MapiProtocol expectedProtocol(OutlookSection outlook, MapiHttpSwitch.Result mapiHttp,
            AutodiscoverSection autodiscover) {
        if (!outlook.installed()) {
            return MapiProtocol.UNKNOWN;
        }
        if (Boolean.TRUE.equals(autodiscover.mapiHttpOffered()) && !mapiHttp.disabled()) {
            return MapiProtocol.MAPI_HTTP;
        }
        if (mapiHttp.disabled() || !outlook.mapiHttpCapable() || Boolean.FALSE.equals(autodiscover.mapiHttpOffered())) {
            return MapiProtocol.RPC_HTTP;
        }
        return MapiProtocol.UNKNOWN;
    }
}
