package dev.mapiagent.protocol;

/** The stable finding codes of DESIGN.md §4. Scripts and the collector match on these names. */
public enum FindingCode {
    MAPIHTTP_DISABLED_REGISTRY(HealAction.ENABLE_MAPIHTTP),
    MAPIHTTP_DISABLED_POLICY(null),
    OUTLOOK_NOT_FOUND(null),
    OUTLOOK_TOO_OLD(null),
    AUTODISCOVER_NO_MAPIHTTP(HealAction.RESET_AUTODISCOVER_CACHE),
    /** Informational: Outlook has not cached an Autodiscover response yet. */
    AUTODISCOVER_NO_CACHE(null),
    OFFICE_SSPI_CREDENTIALS(HealAction.CLEAR_OFFICE_CREDENTIALS),
    CONNECTION_FALLBACK(null),
    CONNECTION_DISCONNECTED(null),
    CONNECTION_FAILURES(null),
    MAPI_ENDPOINT_UNREACHABLE(null),
    MAPI_ENDPOINT_TLS_ERROR(null),
    MAPI_ENDPOINT_HTTP_503(null),
    MAPI_ENDPOINT_HTTP_404(null),
    MAPI_ENDPOINT_AUTH_SCHEMES(null);

    private final HealAction remedy;

    FindingCode(HealAction remedy) {
        this.remedy = remedy;
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
