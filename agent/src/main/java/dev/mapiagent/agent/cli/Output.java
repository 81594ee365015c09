package dev.mapiagent.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mapiagent.agent.diagnosis.SummaryLine;
import dev.mapiagent.agent.heal.HealResult;
import dev.mapiagent.agent.heal.JournalStep;
import dev.mapiagent.agent.heal.NextStep;
import dev.mapiagent.agent.heal.PlannedAction;
import dev.mapiagent.agent.heal.UndoOutcome;
import dev.mapiagent.agent.heal.Undoer;
import dev.mapiagent.outlook.status.ConnectionStatusAssessment;
import dev.mapiagent.outlook.status.ParsedStatusTable;
import dev.mapiagent.protocol.ConnectionRow;
import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.FindingCode;
import dev.mapiagent.protocol.OutlookSection;
import dev.mapiagent.protocol.ProtocolJson;
import dev.mapiagent.protocol.Report;
import dev.mapiagent.protocol.ReportJson;
import dev.mapiagent.protocol.UnreadableLine;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Prints through a command's writer: one JSON document, or short tables for a person. */
final class Output {

    private final PrintWriter out;

    Output(PrintWriter out) {
        this.out = out;
    }

    void json(Object document) {
        try {
            out.println(ProtocolJson.documents().writerWithDefaultPrettyPrinter().writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    /** The report as {@link #json} prints it, streamed by {@link ReportJson}: diagnose must not build a mapper. */
    void reportJson(Report report) {
        out.println(ReportJson.pretty(report));
        out.flush();
    }

    void report(Report report, String where) {
        out.printf("%s (%s) - %s%n", report.hostname(), report.user(), where);
        out.printf("  Outlook   %s%n", describe(report.outlook()));
        out.printf("  Protocol  %s%n", report.protocol());
        out.printf("  Verdict   %s%n", report.verdict());
        out.println();
        findings(report.findings());
        out.println();
        out.println(SummaryLine.of(report));
        out.flush();
    }

    void heal(HealResult result, String where) {
        out.printf("%s on %s%n%n", result.dryRun() ? "Heal plan (dry run, nothing changed)" : "Heal", where);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ACTION", "TARGET", "NOTE"});
        for (PlannedAction planned : result.plan()) {
            if (planned.targets().isEmpty()) {
                rows.add(new String[] {planned.action().id(), "-", planned.note()});
            }
            for (int i = 0; i < planned.targets().size(); i++) {
                rows.add(new String[] {i == 0 ? planned.action().id() : "", planned.targets().get(i), i == 0 ? planned.note() : ""});
            }
        }
        if (result.plan().isEmpty()) {
            out.println("Nothing to heal.");
        } else {
            columns(rows);
        }
        if (!result.dryRun()) {
            out.println();
            for (JournalStep step : result.steps()) {
                out.printf("%-26s %-8s %s%n", step.action().id(), step.state().name().toLowerCase(Locale.ROOT), step.message());
            }
            if (result.journalId() != null) {
                out.printf("%nJournal %s (undo: mapi-agent undo --journal %s)%n", result.journalId(), result.journalId());
            }
            out.printf("Verdict before %s, after %s%n", result.before().verdict(), result.after().verdict());
            out.printf("Next step: %s%n%n", NextStep.after(result));
            findings(result.after().findings());
        }
        out.flush();
    }

    void undo(Undoer.UndoResult result) {
        if (result.journal().isEmpty()) {
            out.println("Nothing to undo: no heal journal found.");
        } else {
            out.printf("Undo of heal %s%n", result.journal().get().journalId());
            for (UndoOutcome outcome : result.outcomes()) {
                out.printf("  %-26s %-12s %s%n", outcome.action().id(), outcome.status().name().toLowerCase(Locale.ROOT),
                        outcome.message());
            }
        }
        out.flush();
    }

    void statusTable(ParsedStatusTable table, ConnectionStatusAssessment assessment) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"LINE", "SERVER", "TYPE", "PROTOCOL", "STATUS", "REQ/FAIL", "AUTHN"});
        for (ConnectionRow r : table.rows()) {
            rows.add(new String[] {String.valueOf(r.line()), text(r.server()), text(r.type()),
                text(r.protocolText()) + " = " + r.protocol(), text(r.status()), reqFail(r), text(r.authn())});
        }
        out.printf("%s table, %d rows: protocol %s, verdict %s%n%n", table.dialect(), table.rows().size(),
                assessment.protocol(), assessment.verdict());
        columns(rows);
        for (UnreadableLine u : table.unreadable()) {
            out.printf("line %d not read: %s%n", u.line(), u.reason());
        }
        out.println();
        findings(assessment.findings());
        out.flush();
    }

    private void findings(List<Finding> findings) {
        if (findings.isEmpty()) {
            out.println("No problem found.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SEVERITY", "FINDING", "WHAT IT MEANS / WHAT TO DO"});
        for (Finding f : findings) {
            rows.add(new String[] {f.severity().name().toLowerCase(Locale.ROOT), f.code(), f.message()});
            rows.add(new String[] {"", "", "do: " + whatToDo(f)});
            if (f.evidence() != null) {
                rows.add(new String[] {"", "", "seen: " + f.evidence()});
            }
        }
        columns(rows);
    }

    private static String whatToDo(Finding f) {
        String advice = Stream.of(FindingCode.values()).filter(c -> c.name().equals(f.code()))
                .map(FindingCode::advice).findFirst().orElse("see the documentation");
        return f.remedy() == null ? advice : advice + " Run: mapi-agent heal --only " + f.remedy();
    }

    private void columns(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i < row.length - 1 ? String.format("%-" + (widths[i] + 2) + "s", row[i]) : row[i]);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String describe(OutlookSection outlook) {
        if (outlook == null || !outlook.installed()) {
            return "not found";
        }
        return Stream.of(outlook.productName(), outlook.version(), outlook.installType(), outlook.bitness(), outlook.channel())
                .filter(Objects::nonNull).collect(Collectors.joining(", "));
    }

    private static String reqFail(ConnectionRow r) {
        return r.requests() == null ? "" : r.requests() + "/" + (r.failures() == null ? "?" : r.failures());
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
