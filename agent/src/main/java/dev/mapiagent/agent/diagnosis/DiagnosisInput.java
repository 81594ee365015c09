package dev.mapiagent.agent.diagnosis;

import dev.mapiagent.outlook.status.FailureThreshold;
import java.util.List;
import java.util.Optional;

/**
 * What a diagnosis reads besides the host.
 *
 * @param status                   a Connection Status table given on the command line, if any
 * @param readHostStatus           whether to read the host's own table (a snapshot's connection-status.txt)
 * @param failureThreshold         when failed requests become a finding
 * @param officeCredentialPrefixes credential targets that count as Outlook's cached logons
 */
public record DiagnosisInput(
        Optional<StatusText> status,
        boolean readHostStatus,
        FailureThreshold failureThreshold,
        List<String> officeCredentialPrefixes) {

    /** The prefixes of KB4051374; more only when configured. */
    public static final List<String> DEFAULT_CREDENTIAL_PREFIXES =
            List.of("MicrosoftOffice15_Data:SSPI:", "MicrosoftOffice16_Data:SSPI:");

    /** A Connection Status table and where it came from (file name, "stdin", "snapshot"). */
    public record StatusText(String source, String text) {
    }

    public static DiagnosisInput defaults() {
        return new DiagnosisInput(Optional.empty(), true, FailureThreshold.DEFAULT, DEFAULT_CREDENTIAL_PREFIXES);
    }

    public DiagnosisInput withStatus(Optional<StatusText> newStatus) {
        return new DiagnosisInput(newStatus, readHostStatus, failureThreshold, officeCredentialPrefixes);
    }

    /**
     * After a heal, a Connection Status table shows Outlook as it was before the fix: it is no longer
     * evidence until Outlook has restarted and a new table is captured.
     */
    public DiagnosisInput withoutConnectionStatus() {
        return new DiagnosisInput(Optional.empty(), false, failureThreshold, officeCredentialPrefixes);
    }
}
