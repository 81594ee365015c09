package dev.mapiagent.outlook.status;

import dev.mapiagent.protocol.ConnectionRow;
import dev.mapiagent.protocol.UnreadableLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the text of Outlook Connection Status tables (DESIGN.md §4) in either dialect: Outlook's own
 * dialog or the runbook's {@code Server Name | Conn | Type | Protocol | Req/Fail}.
 *
 * <p>A table starts at a header line and is separated like it: pipes, tabs, or spaces aligning the
 * cells under the column names. Blank lines, {@code ===} titles, {@code ---|---} rulers, rows of
 * separators only and a BOM are skipped. A line not separated like the table (prose) is put aside; a
 * second one ends the table, a row after it shows it was a broken row, reported as unreadable. So a
 * trailing "Error: The connection to Microsoft Exchange is unavailable." is never a row. Every table in
 * the text is read; rows keep their line numbers.
 *
 * <p>Time is linear in the input, and the input is capped at {@link #MAX_INPUT}.
 */
public final class ConnectionStatusParser {

    /** The most characters {@link #parse} reads, and the most bytes a caller should read from a file. */
    public static final int MAX_INPUT = 1024 * 1024;

    private static final char BOM = '\uFEFF';

    private ConnectionStatusParser() {
    }

    /**
     * Fails fast on a file too big to be a Connection Status table; call it with the file size before reading.
     *
     * @throws StatusTooLargeException when {@code sizeInBytes} is over {@link #MAX_INPUT}
     */
    public static void checkSize(long sizeInBytes) {
        if (sizeInBytes > MAX_INPUT) {
            throw new StatusTooLargeException("the Connection Status text is " + sizeInBytes
                    + " bytes, more than the " + MAX_INPUT + " a Connection Status table can be");
        }
    }

    /**
     * @throws StatusTooLargeException when the text is over {@link #MAX_INPUT} characters
     * @throws NoTableException        when no line reads as a Connection Status header
     * @throws StatusParseException    when the text is binary
     */
    public static ParsedStatusTable parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_INPUT) {
            throw new StatusTooLargeException("the Connection Status text is " + text.length()
                    + " characters, more than the " + MAX_INPUT + " a Connection Status table can be");
        }
        if (text.indexOf('\0') >= 0) {
            throw new StatusParseException("the input is binary (it holds NUL characters), not a Connection Status"
                    + " table; UTF-16 text must be decoded as UTF-16");
        }
        List<StatusTable> tables = tablesIn(text.startsWith(String.valueOf(BOM)) ? text.substring(1) : text);
        if (tables.isEmpty()) {
            throw LocalizedHeader.find(text).<NoTableException>map(line -> new NoTableException("line " + line.number()
                            + " looks like a Connection Status header in another language (\"" + line.word()
                            + "\"); only Outlook's English column names are read, so this table is refused rather than"
                            + " guessed at"))
                    .orElseGet(() -> new NoTableException("no Connection Status table found"
                            + " (expected a header with Protocol and Server name or Proxy Server columns)"));
        }
        return merge(tables.stream().map(StatusTable::read).toList());
    }

    private static List<StatusTable> tablesIn(String text) {
        List<StatusTable> tables = new ArrayList<>();
        StatusTable open = null;
        SourceLine setAside = null;
        for (SourceLine line : SourceLine.of(text)) {
            if (line.isBlank() || isDecoration(line.text())) {
                continue;
            }
            var header = TableHeader.read(line.text());
            if (header.isPresent()) {
                open = new StatusTable(header.get());
                tables.add(open);
                setAside = null;
                continue;
            }
            if (open == null || open.separator().isEmptyRow(line.text())) {
                continue;
            }
            if (!open.separator().separatesCells(line.text())) {
                if (setAside == null) {
                    setAside = line;
                } else {
                    open = null;
                    setAside = null;
                }
                continue;
            }
            if (setAside != null) {
                open.addUnreadable(setAside, "not separated like the table's header");
                setAside = null;
            }
            open.addRow(line);
        }
        return tables;
    }

    /** {@code === When MAPI/HTTP is WORKING ===} titles and {@code ----|----} or {@code +----+} rulers. */
    private static boolean isDecoration(String line) {
        String text = line.strip();
        if (text.startsWith("===")) {
            return true;
        }
        return text.chars().anyMatch(c -> c == '-' || c == '=')
                && text.chars().allMatch(c -> "-=|+: \t".indexOf(c) >= 0);
    }

    private static ParsedStatusTable merge(List<ParsedStatusTable> tables) {
        List<ConnectionRow> rows = new ArrayList<>();
        List<UnreadableLine> unreadable = new ArrayList<>();
        for (ParsedStatusTable table : tables) {
            rows.addAll(table.rows());
            unreadable.addAll(table.unreadable());
        }
        return new ParsedStatusTable(tables.get(0).dialect(), rows, unreadable);
    }
}
