package dev.mapiagent.agent.diagnosis;

import dev.mapiagent.agent.diagnosis.probe.EndpointProber;
import dev.mapiagent.agent.diagnosis.probe.ProbeTargets;
import dev.mapiagent.agent.diagnosis.probe.ProbedReport;
import dev.mapiagent.protocol.Report;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What this PC looks like now: the diagnosis, the endpoint probe when one is configured, and the rule that a
 * Connection Status table captured before a completed heal (a snapshot's own) no longer describes Outlook.
 */
public final class PcState {

    private final Diagnoser diagnoser;
    private final DiagnosisInput input;
    private final BooleanSupplier aHealHasCompleted;
    private final Optional<EndpointProber> prober;

    /**
     * @param aHealHasCompleted whether the agent's state folder records a completed heal
     * @param prober            asks the Exchange endpoints of the Autodiscover cache; empty to stay off the network
     */
    public PcState(Diagnoser diagnoser, DiagnosisInput input, BooleanSupplier aHealHasCompleted,
                   Optional<EndpointProber> prober) {
        this.diagnoser = diagnoser;
        this.input = input;
        this.aHealHasCompleted = aHealHasCompleted;
        this.prober = prober;
    }

    /** The diagnosis with the probe's findings added. */
    public Report now() {
        Report report = local();
        if (prober.isEmpty()) {
            return report;
        }
        return ProbedReport.with(report, prober.get().probe(ProbeTargets.of(report.autodiscover())));
    }

    /** The diagnosis without the network: what a heal plans from. */
    public Report local() {
        return diagnoser.diagnose(aHealHasCompleted.getAsBoolean() ? input.withoutConnectionStatus() : input);
    }

    /** The diagnosis right after a heal completed, which the table was captured before. */
    public Report afterHeal() {
        return diagnoser.diagnose(input.withoutConnectionStatus());
    }
}
