package dev.mapiagent.collector.service;

import java.util.Optional;

/**
 * The server-side causes of MAPI/HTTP failures, numbered as in the Exchange runbook ("Event ID 1053: MAPI over HTTP
 * Failed", causes 1-5), each with the Exchange Management Shell or IIS PowerShell an Exchange admin runs to confirm
 * it. The commands are the runbook's own diagnostic steps; {@code <endpoint>} stands for the MAPI endpoint host.
 *
 * @param number  the runbook's cause number
 * @param name    what is wrong, in a few words
 * @param confirm PowerShell that shows whether it is so
 */
public record RunbookCause(int number, String name, String confirm) {

    static final RunbookCause VIRTUAL_DIRECTORY = new RunbookCause(1, "MAPI virtual directory misconfigured",
            "Get-MapiVirtualDirectory | Format-List Server, InternalUrl, ExternalUrl, IISAuthenticationMethods");
    static final RunbookCause NOT_ENABLED = new RunbookCause(2, "MAPI/HTTP off for the organisation or these mailboxes",
            "Get-OrganizationConfig | Format-List MapiHttpEnabled; "
                    + "Get-CASMailbox -ResultSize Unlimited | Where-Object {$_.MapiHttpEnabled -eq $false}");
    static final RunbookCause AUTHENTICATION = new RunbookCause(3, "MAPI/HTTP authentication (Kerberos, NTLM, OAuth)",
            "Get-MapiVirtualDirectory | Format-List *Authentication*; Get-AuthConfig | Format-List CurrentCertificateThumbprint");
    static final RunbookCause APP_POOL = new RunbookCause(4, "MSExchangeMapi application pool stopped or crashing",
            "Get-WebAppPoolState -Name \"MSExchangeMapiMailboxAppPool\"; Get-WebAppPoolState -Name \"MSExchangeMapiFrontEndAppPool\"");
    static final RunbookCause LOAD_BALANCER = new RunbookCause(5, "load balancer, firewall or TLS inspection on /mapi/",
            "Invoke-WebRequest -Uri https://<endpoint>/mapi/healthcheck.htm -UseBasicParsing (through the load balancer, "
                    + "then against each server); Get-WebBinding -Name \"Default Web Site\" | Format-Table Protocol, bindingInformation");

    /** The cause a finding shared by many devices on one endpoint points to; empty for findings of the PC itself. */
    static Optional<RunbookCause> of(String findingCode, String endpoint) {
        RunbookCause cause = switch (findingCode) {
            case "MAPI_ENDPOINT_HTTP_404" -> VIRTUAL_DIRECTORY;
            case "AUTODISCOVER_NO_MAPIHTTP", "CONNECTION_FALLBACK" -> NOT_ENABLED;
            case "MAPI_ENDPOINT_AUTH_SCHEMES", "OFFICE_SSPI_CREDENTIALS" -> AUTHENTICATION;
            case "MAPI_ENDPOINT_HTTP_503", "CONNECTION_FAILURES" -> APP_POOL;
            case "MAPI_ENDPOINT_UNREACHABLE", "MAPI_ENDPOINT_TLS_ERROR", "CONNECTION_DISCONNECTED" -> LOAD_BALANCER;
            default -> null;
        };
        if (cause == null) {
            return Optional.empty();
        }
        return Optional.of(endpoint == null ? cause
                : new RunbookCause(cause.number, cause.name, cause.confirm.replace("<endpoint>", endpoint)));
    }
}
