package dev.mapiagent.agent.heal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.HealAction;
import dev.mapiagent.protocol.MapiProtocol;
import dev.mapiagent.protocol.OutlookSection;
import dev.mapiagent.protocol.Report;
import dev.mapiagent.protocol.Severity;
import dev.mapiagent.protocol.Verdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NextStepTest {

    private static final Finding FALLBACK = new Finding("CONNECTION_FALLBACK", Severity.WARNING, "m", null, null);
    private static final Finding POLICY = new Finding("MAPIHTTP_DISABLED_POLICY", Severity.ERROR, "m", null, null);

    private static Report report(Finding... findings) {
        return new Report(Report.SCHEMA_VERSION, "r", "d", "PC-1", "ann", Instant.EPOCH, "test", Verdict.DEGRADED,
                MapiProtocol.RPC_HTTP, List.of(findings), OutlookSection.notFound(), null, null, null, null);
    }

    private static JournalStep step(HealAction action, StepState state) {
        return new JournalStep(action, state, "m", null, List.of(), List.of());
    }

    @Test
    void withNothingToChangeAFallbackNeedsARestartThenANewProfile() {
        HealResult result = new HealResult(null, false, List.of(), List.of(), report(FALLBACK), report(FALLBACK));

        assertEquals("nothing on this PC needed changing: restart Outlook, then capture a new Connection Status; if it"
                + " still shows RPC/HTTP, re-create the Outlook profile", NextStep.after(result));
    }

    @Test
    void afterARestartOnlyTheCheckIsLeftAndWhatRemainsIsSaid() {
        HealResult result = new HealResult("j", false, List.of(), List.of(step(HealAction.ENABLE_MAPIHTTP, StepState.APPLIED),
                step(HealAction.RESTART_OUTLOOK, StepState.APPLIED)), report(FALLBACK), report(POLICY));

        assertEquals("capture a new Connection Status; if it still shows RPC/HTTP, re-create the Outlook profile;"
                + " the findings below remain", NextStep.after(result));
    }

    @Test
    void aFailedStepComesFirst() {
        HealResult result = new HealResult("j", false, List.of(), List.of(step(HealAction.ENABLE_MAPIHTTP, StepState.FAILED)),
                report(FALLBACK), report(FALLBACK));

        assertEquals("a remedy did not complete: fix what its line says and heal again, or undo with mapi-agent undo",
                NextStep.after(result));
    }

    @Test
    void nothingToFixSaysSo() {
        HealResult result = new HealResult(null, false, List.of(), List.of(), report(), report());

        assertEquals("none: nothing to fix", NextStep.after(result));
    }
}
