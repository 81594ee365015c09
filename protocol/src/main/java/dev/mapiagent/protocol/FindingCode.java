package dev.mapiagent.protocol;

/** The stable finding codes of DESIGN.md §4. Scripts and the collector match on these names. */
public enum FindingCode {
    MAPIHTTP_DISABLED_REGISTRY(HealAction.ENABLE_MAPIHTTP,
            "Set MapiHttpDisabled to 0 and restart Outlook (heal does it)."),
    MAPIHTTP_DISABLED_POLICY(null,
            "A Group Policy switches MAPI over HTTP off: ask the GPO owner to remove it; a local fix would be re-applied."),
    OUTLOOK_NOT_FOUND(null,
            "No Outlook installation found on this PC: nothing to fix here."),
    OUTLOOK_TOO_OLD(null,
            "Check OUTLOOK.EXE's file version and update Outlook if it is older than 2013 SP1 (15.0.4569.1506 MSI, .1507 Click-to-Run) or 2010 SP2 with KB2956191 and KB2965295: only those speak MAPI over HTTP."),
    AUTODISCOVER_NO_MAPIHTTP(HealAction.RESET_AUTODISCOVER_CACHE,
            "Move the cached Autodiscover files aside so Outlook asks the server again (heal does it); if it persists, check MAPI/HTTP on the server (Get-OrganizationConfig, Get-CASMailbox)."),
    AUTODISCOVER_ERROR_CACHED(HealAction.RESET_AUTODISCOVER_CACHE,
            "Outlook cached an Autodiscover error answer: move the cached files aside so Outlook asks again (heal does it); if the error comes back, check Autodiscover on the server for this address."),
    AUTODISCOVER_NO_CACHE(null,
            "Nothing to do: Outlook has not cached an Autodiscover answer yet."),
    AUTODISCOVER_FILE_REFUSED(HealAction.RESET_AUTODISCOVER_CACHE,
            "Find out who wrote the named file: Outlook never writes a DOCTYPE or entities. Moving the cache aside (heal does it) lets Outlook ask the server again."),
    OFFICE_SSPI_CREDENTIALS(HealAction.CLEAR_OFFICE_CREDENTIALS,
            "Delete the cached MicrosoftOffice1x_Data:SSPI credentials and restart Outlook (KB4051374; heal does it)."),
    CONNECTION_FALLBACK(null,
            "Outlook fell back to RPC over HTTP: fix the cause named by the other findings, then restart Outlook; if the switch is on, the cache reset and Outlook restarted and the profile still shows RPC/HTTP, re-create the Outlook profile."),
    CONNECTION_DISCONNECTED(null,
            "Outlook cannot reach Exchange: check whether other PCs fail on the same server (fleet incidents) before touching this PC."),
    CONNECTION_STATUS_UNREADABLE(null,
            "Rows of the Connection Status text could not be read: copy the table again from Outlook (Ctrl + right-click the Outlook icon, Connection Status) without editing it, and diagnose again."),
    CONNECTION_FAILURES(null,
            "Many requests fail: watch the server's MAPI logs and the network path; nothing to change on this PC."),
    MAPI_ENDPOINT_UNREACHABLE(null,
            "The MAPI endpoint does not answer: network, firewall or load balancer (runbook cause 5)."),
    MAPI_ENDPOINT_TLS_ERROR(null,
            "TLS to the MAPI endpoint fails: certificate or SSL inspection (runbook cause 5)."),
    MAPI_ENDPOINT_HTTP_503(null,
            "The MAPI endpoint answers 503: MSExchangeMapi application pool stopped (runbook cause 4)."),
    MAPI_ENDPOINT_HTTP_404(null,
            "The MAPI endpoint answers 404: virtual directory missing or load balancer path wrong (runbook causes 1 and 5)."),
    MAPI_ENDPOINT_AUTH_SCHEMES(null,
            "The MAPI endpoint offers no Negotiate, NTLM or Bearer: fix the MAPI virtual directory authentication (runbook cause 3).");

    private final HealAction remedy;
    private final String advice;

    FindingCode(HealAction remedy, String advice) {
        this.remedy = remedy;
        this.advice = advice;
    }

    /** What a helpdesk should do about it, in one plain sentence. */
    public String advice() {
        return advice;
    }

    /** The action that fixes this finding on the PC, or null when the fix is elsewhere. */
    public HealAction remedy() {
        return remedy;
    }

    /** Findings that mean Outlook cannot connect at all. */
    public boolean meansFailing() {
        return this == CONNECTION_DISCONNECTED || name().startsWith("MAPI_ENDPOINT_");
    }
}
