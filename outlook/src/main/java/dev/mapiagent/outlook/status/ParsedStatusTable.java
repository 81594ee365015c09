package dev.mapiagent.outlook.status;

import dev.mapiagent.protocol.ConnectionRow;
import dev.mapiagent.protocol.UnreadableLine;
import java.util.List;

/**
 * Every Connection Status table found in one text.
 *
 * @param dialect    the dialect of the first table (each table's rows were read in their own table's dialect)
 * @param rows       the rows read, in line order
 * @param unreadable lines inside a table that could not be read as rows, in line order
 */
public record ParsedStatusTable(Dialect dialect, List<ConnectionRow> rows, List<UnreadableLine> unreadable) {

    public ParsedStatusTable {
        rows = List.copyOf(rows);
        unreadable = List.copyOf(unreadable);
    }
}
