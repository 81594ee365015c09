package dev.mapiagent.agent.diagnosis;

import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one line a diagnosis ends with. Intune Remediations keep the detection script's standard output,
 * at most 2,048 characters, and administrators read it in a column (docs/outlook-facts.md, "Intune"):
 * so the line stands on its own, carries verdict, protocol and finding codes, and fits the limit.
 * Example: {@code mapi-agent: DEGRADED protocol=RPC_HTTP findings=MAPIHTTP_DISABLED_REGISTRY,CONNECTION_FALLBACKx2}.
 */
public final class SummaryLine {

    /** Intune's limit for the detection output it keeps. */
    public static final int MAX_LENGTH = 2048;

    private SummaryLine() {
    }

    public static String of(Report report) {
        String head = "mapi-agent: " + report.verdict() + " protocol=" + report.protocol() + " findings=";
        List<String> codes = codes(report.findings());
        if (codes.isEmpty()) {
            return head + "none";
        }
        StringBuilder line = new StringBuilder(head);
        for (int i = 0; i < codes.size(); i++) {
            String next = (i == 0 ? "" : ",") + codes.get(i);
            String more = ",+" + (codes.size() - i) + " more";
            boolean last = i == codes.size() - 1;
            if (line.length() + next.length() + (last ? 0 : more.length()) > MAX_LENGTH) {
                return line.append(i == 0 ? more.substring(1) : more).toString();
            }
            line.append(next);
        }
        return line.toString();
    }

    /** Each code once, in report order, with its count when a code repeats (one per table row). */
    private static List<String> codes(List<Finding> findings) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        findings.forEach(f -> counts.merge(f.code(), 1, Integer::sum));
        List<String> codes = new ArrayList<>();
        counts.forEach((code, count) -> codes.add(count == 1 ? code : code + "x" + count));
        return codes;
    }
}
