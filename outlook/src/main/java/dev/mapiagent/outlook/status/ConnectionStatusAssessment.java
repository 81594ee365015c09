package dev.mapiagent.outlook.status;

import dev.mapiagent.protocol.ConnectionRow;
import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.FindingCode;
import dev.mapiagent.protocol.MapiProtocol;
import dev.mapiagent.protocol.Severity;
import dev.mapiagent.protocol.Verdict;
import dev.mapiagent.protocol.Verdicts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * What a Connection Status table says about Outlook: the protocol it uses, the verdict, and one finding
 * per row that shows a problem (its evidence names the row by line number).
 *
 * @param protocol RPC_HTTP when any row fell back to RPC over HTTP; MAPI_HTTP when every Mail and
 *                 Directory row (or row without a type) uses MAPI over HTTP; UNKNOWN otherwise
 * @param verdict  by {@link Verdicts#of}: FAILING with a disconnected row, DEGRADED with any other
 *                 finding, HEALTHY without findings, UNKNOWN when the table has no readable row
 * @param findings CONNECTION_FALLBACK, CONNECTION_DISCONNECTED and CONNECTION_FAILURES, in row order, then
 *                 CONNECTION_STATUS_UNREADABLE when a line of the table (or every line) could not be read
 */
public record ConnectionStatusAssessment(MapiProtocol protocol, Verdict verdict, List<Finding> findings) {

    /** Evidence stays one readable line however many lines were not read. */
    private static final int MAX_LINES_SHOWN = 5;

    public ConnectionStatusAssessment {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(verdict, "verdict");
        findings = List.copyOf(findings);
    }

    public static ConnectionStatusAssessment assess(ParsedStatusTable table, FailureThreshold threshold) {
        Objects.requireNonNull(threshold, "threshold");
        List<Finding> findings = new ArrayList<>();
        for (ConnectionRow row : table.rows()) {
            findingsFor(row, threshold, findings);
        }
        unreadable(table).ifPresent(findings::add);
        return new ConnectionStatusAssessment(protocolOf(table.rows()), Verdicts.of(findings, !table.rows().isEmpty()),
                findings);
    }

    private static void findingsFor(ConnectionRow row, FailureThreshold threshold, List<Finding> findings) {
        String evidence = evidence(row);
        if (row.protocol() == MapiProtocol.RPC_HTTP) {
            findings.add(Finding.of(FindingCode.CONNECTION_FALLBACK, Severity.WARNING,
                    "Outlook uses RPC over HTTP (Outlook Anywhere) instead of MAPI over HTTP for " + target(row),
                    evidence));
        }
        if (Boolean.FALSE.equals(row.connected())) {
            findings.add(Finding.of(FindingCode.CONNECTION_DISCONNECTED, Severity.ERROR,
                    "Outlook is not connected to " + target(row) + ": the status is " + row.status(), evidence));
        } else if (onlyFailed(row)) {
            findings.add(Finding.of(FindingCode.CONNECTION_DISCONNECTED, Severity.ERROR,
                    "Every request from Outlook to " + target(row) + " failed (Req/Fail " + reqFail(row) + ")",
                    evidence));
        } else if (row.requests() != null && threshold.isExceededBy(row.requests(), row.failures())) {
            findings.add(Finding.of(FindingCode.CONNECTION_FAILURES, Severity.WARNING,
                    row.failures() + " of " + row.requests() + " requests from Outlook to " + target(row) + " failed ("
                            + percent((double) row.failures() / row.requests()) + ", more than the "
                            + percent(threshold.ratio()) + " allowed)",
                    evidence));
        }
    }

    /**
     * Unread lines may be the very rows that show RPC/HTTP or a lost connection, so they are a warning:
     * the table cannot show that Outlook is fine (docs/outlook-facts.md, "Connection Status table").
     */
    private static Optional<Finding> unreadable(ParsedStatusTable table) {
        if (table.rows().isEmpty() && table.unreadable().isEmpty()) {
            return Optional.of(Finding.of(FindingCode.CONNECTION_STATUS_UNREADABLE, Severity.WARNING,
                    "The Connection Status table has a header but no rows, so it shows nothing about Outlook's connections",
                    null));
        }
        if (table.unreadable().isEmpty()) {
            return Optional.empty();
        }
        String message = table.rows().isEmpty()
                ? "No row of the Connection Status table could be read (" + table.unreadable().size()
                        + " line(s)), so it shows nothing about Outlook's connections"
                : table.unreadable().size() + " line(s) of the Connection Status table could not be read; they may be"
                        + " the rows that show a problem";
        StringJoiner evidence = new StringJoiner("; ");
        table.unreadable().stream().limit(MAX_LINES_SHOWN)
                .forEach(u -> evidence.add("line " + u.line() + ": " + u.reason()));
        if (table.unreadable().size() > MAX_LINES_SHOWN) {
            evidence.add("and " + (table.unreadable().size() - MAX_LINES_SHOWN) + " more");
        }
        return Optional.of(Finding.of(FindingCode.CONNECTION_STATUS_UNREADABLE, Severity.WARNING, message,
                evidence.toString()));
    }

    /** "Only failed requests": some failed and none succeeded, as in the runbook's {@code 0/15}. */
    private static boolean onlyFailed(ConnectionRow row) {
        return row.failures() != null && row.failures() > 0 && row.failures() >= row.requests();
    }

    private static MapiProtocol protocolOf(List<ConnectionRow> rows) {
        if (rows.stream().anyMatch(row -> row.protocol() == MapiProtocol.RPC_HTTP)) {
            return MapiProtocol.RPC_HTTP;
        }
        List<ConnectionRow> mailAndDirectory = rows.stream().filter(ConnectionStatusAssessment::isMailOrDirectory)
                .toList();
        boolean allMapiHttp = !mailAndDirectory.isEmpty()
                && mailAndDirectory.stream().allMatch(row -> row.protocol() == MapiProtocol.MAPI_HTTP);
        return allMapiHttp ? MapiProtocol.MAPI_HTTP : MapiProtocol.UNKNOWN;
    }

    /** Public folder and legacy GC rows do not decide the protocol; a row without a type might be mail. */
    private static boolean isMailOrDirectory(ConnectionRow row) {
        return row.type() == null || row.type().equalsIgnoreCase("Mail") || row.type().equalsIgnoreCase("Directory");
    }

    private static String target(ConnectionRow row) {
        return row.type() == null ? row.server() : row.server() + " (" + row.type() + ")";
    }

    /** Like {@code line 9: mail.domain.com Mail HTTP 45/3}. */
    private static String evidence(ConnectionRow row) {
        StringJoiner text = new StringJoiner(" ", "line " + row.line() + ": ", "");
        text.add(row.server());
        if (row.type() != null) {
            text.add(row.type());
        }
        text.add(row.protocolText());
        if (row.requests() != null) {
            text.add(reqFail(row));
        }
        return text.toString();
    }

    private static String reqFail(ConnectionRow row) {
        return row.requests() + "/" + row.failures();
    }

    private static String percent(double ratio) {
        String tenths = String.format(Locale.ROOT, "%.1f", ratio * 100);
        return (tenths.endsWith(".0") ? tenths.substring(0, tenths.length() - 2) : tenths) + "%";
    }
}
