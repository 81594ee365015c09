package dev.mapiagent.outlook.status;

import java.util.Map;

/** A row split into cells, before the table's dialect says what they mean. Empty cells are absent. */
record RawRow(SourceLine line, Map<Column, String> cells) {

    RawRow {
        cells = Map.copyOf(cells);
    }

    /** The cell's text, or null when the table has no such column or the cell is empty. */
    String cell(Column column) {
        return cells.get(column);
    }
}
