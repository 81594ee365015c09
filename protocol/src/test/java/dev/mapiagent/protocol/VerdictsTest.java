package dev.mapiagent.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictsTest {

    private static Finding finding(FindingCode code, Severity severity) {
        return Finding.of(code, severity, "m", "e");
    }

    @Test
    void nothingKnownIsUnknown() {
        assertEquals(Verdict.UNKNOWN, Verdicts.of(List.of(), false));
    }

    @Test
    void noFindingsIsHealthy() {
        assertEquals(Verdict.HEALTHY, Verdicts.of(List.of(), true));
    }

    @Test
    void infoFindingsStayHealthy() {
        assertEquals(Verdict.HEALTHY, Verdicts.of(List.of(finding(FindingCode.AUTODISCOVER_NO_CACHE, Severity.INFO)), true));
    }

    @Test
    void aWarningIsDegraded() {
        assertEquals(Verdict.DEGRADED,
                Verdicts.of(List.of(finding(FindingCode.CONNECTION_FALLBACK, Severity.WARNING)), true));
    }

    @Test
    void aDisconnectedConnectionIsFailing() {
        assertEquals(Verdict.FAILING, Verdicts.of(List.of(
                finding(FindingCode.CONNECTION_FALLBACK, Severity.WARNING),
                finding(FindingCode.CONNECTION_DISCONNECTED, Severity.ERROR)), true));
    }

    @Test
    void aBrokenEndpointIsFailing() {
        assertEquals(Verdict.FAILING,
                Verdicts.of(List.of(finding(FindingCode.MAPI_ENDPOINT_HTTP_503, Severity.ERROR)), true));
    }
}
