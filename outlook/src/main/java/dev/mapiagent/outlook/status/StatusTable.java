package dev.mapiagent.outlook.status;

import dev.mapiagent.protocol.ConnectionRow;
import dev.mapiagent.protocol.UnreadableLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** One table as it is collected: its header and the lines below it, read once the dialect is known. */
final class StatusTable {

    private static final Set<String> RUNBOOK_STATES = Set.of("ok", "disc");
    private static final int MAX_SHOWN = 40;
    private static final Set<String> TRANSPORTS = Set.of("http", "https", "tcp", "tcp/ip", "rpc");

    private final TableHeader header;
    private final List<RawRow> rows = new ArrayList<>();
    /** Lines whose cells did not split like the header's; read by content once the dialect is known. */
    private final List<Unsplit> unsplit = new ArrayList<>();

    private record Unsplit(SourceLine line, String reason) {
    }
    private final List<UnreadableLine> unreadable = new ArrayList<>();

    StatusTable(TableHeader header) {
        this.header = header;
    }

    Separator separator() {
        return header.separator();
    }

    void addRow(SourceLine line) {
        try {
            rows.add(header.row(line));
        } catch (UnreadableRow row) {
            unsplit.add(new Unsplit(line, row.reason()));
        }
    }

    void addUnreadable(SourceLine line, String reason) {
        unreadable.add(line.unreadable(reason));
    }

    /**
     * A header with a column only Outlook's dialog has (CID, Status, Authn, ...) is the dialog. A header
     * of runbook columns only is the runbook's table, unless its Conn cells name a transport (HTTPS, TCP)
     * as the dialog's do and none says OK/Disc or MAPI/HTTP as only the runbook does.
     */
    Dialect dialect() {
        if (header.hasOutlookOnlyColumn()) {
            return Dialect.OUTLOOK;
        }
        boolean runbookValues = anyRow(row -> isOneOf(row.cell(Column.CONN), RUNBOOK_STATES)
                || "MAPI/HTTP".equalsIgnoreCase(row.cell(Column.PROTOCOL)));
        if (runbookValues) {
            return Dialect.RUNBOOK;
        }
        return anyRow(row -> isOneOf(row.cell(Column.CONN), TRANSPORTS)) ? Dialect.OUTLOOK : Dialect.RUNBOOK;
    }

    ParsedStatusTable read() {
        Dialect dialect = dialect();
        List<ConnectionRow> read = new ArrayList<>();
        List<UnreadableLine> notRead = new ArrayList<>(unreadable);
        for (RawRow row : rows) {
            Optional<ConnectionRow> byContent = ContentRowReader.read(row.line(), dialect, header.has(Column.REQ_FAIL));
            try {
                ConnectionRow byPosition = RowReader.read(row, dialect);
                Optional<ConnectionRow> chosen = byContent.filter(content -> drifted(byPosition, content))
                        .or(() -> Optional.of(byPosition).filter(r -> ContentRowReader.serverLike(r.server())));
                chosen.ifPresentOrElse(read::add, () -> notRead.add(row.line().unreadable(
                        "\"" + shown(byPosition.server()) + "\" in the server column is not a server name")));
            } catch (UnreadableRow unreadableRow) {
                byContent.ifPresentOrElse(read::add,
                        () -> notRead.add(row.line().unreadable(unreadableRow.reason())));
            }
        }
        for (Unsplit line : unsplit) {
            ContentRowReader.read(line.line(), dialect, header.has(Column.REQ_FAIL)).ifPresentOrElse(read::add,
                    () -> notRead.add(line.line().unreadable(line.reason())));
        }
        read.sort(Comparator.comparingInt(ConnectionRow::line));
        notRead.sort(Comparator.comparingInt(UnreadableLine::line));
        return new ParsedStatusTable(dialect, read, notRead);
    }

    /**
     * A row read by position has cells that drifted from their columns when it does not read as a row, when
     * its Protocol cell is not the row's first protocol word, or when its State or Req/Fail cell is empty while
     * the row holds a lost-connection word or a counter: then its content says more than its positions. A filled
     * State cell wins, so a display name such as "Offline Archive" never overrides "Established".
     */
    private static boolean drifted(ConnectionRow byPosition, ConnectionRow byContent) {
        return !ContentRowReader.plausible(byPosition)
                || !byPosition.protocolText().equalsIgnoreCase(byContent.protocolText())
                || Boolean.FALSE.equals(byContent.connected()) && byPosition.status() == null
                || byPosition.requests() == null && byContent.requests() != null;
    }

    private static String shown(String cell) {
        return cell.length() > MAX_SHOWN ? cell.substring(0, MAX_SHOWN) + "…" : cell;
    }

    private boolean anyRow(Predicate<RawRow> test) {
        return rows.stream().anyMatch(test);
    }

    private static boolean isOneOf(String cell, Set<String> values) {
        return cell != null && values.contains(cell.toLowerCase(Locale.ROOT));
    }
}
