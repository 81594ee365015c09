package dev.mapiagent.agent.diagnosis.probe;

import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.Report;
import dev.mapiagent.protocol.Verdicts;
import java.util.ArrayList;
import java.util.List;

/** Adds probe findings to a diagnosis after the fact, so that the Diagnoser itself never touches the network. */
public final class ProbedReport {

    private ProbedReport() {
    }

    public static Report with(Report report, List<Finding> probeFindings) {
        if (probeFindings.isEmpty()) {
            return report;
        }
        List<Finding> all = new ArrayList<>(report.findings());
        all.addAll(probeFindings);
        return new Report(report.schemaVersion(), report.reportId(), report.deviceId(), report.hostname(), report.user(),
                report.createdAt(), report.agentVersion(), Verdicts.of(all, true), report.protocol(), List.copyOf(all),
                report.outlook(), report.mapiHttp(), report.autodiscover(), report.credentials(), report.connectionStatus());
    }
}
