package dev.mapiagent.outlook.status;

import java.util.ArrayList;
import java.util.List;

/** How the cells of a table are separated, decided by its header line. */
enum Separator {
    PIPE('|'),
    TAB('\t'),
    /** Columns aligned with spaces under the header's column names; a cell may hold single spaces. */
    ALIGNED(' ');

    private final char mark;

    Separator(char mark) {
        this.mark = mark;
    }

    static Separator of(String line) {
        if (line.indexOf('|') >= 0) {
            return PIPE;
        }
        return line.indexOf('\t') >= 0 ? TAB : ALIGNED;
    }

    /**
     * Whether a line is written like a row of a table with this separator. An aligned row needs a gap of
     * two spaces somewhere, which keeps prose such as Outlook's "Error: The connection ..." out of the table.
     */
    boolean separatesCells(String line) {
        return this == ALIGNED ? line.strip().contains("  ") : line.indexOf(mark) >= 0;
    }

    /** A row of separators only, such as the runbook's {@code | | | |}. */
    boolean isEmptyRow(String line) {
        return this != ALIGNED && line.chars().allMatch(c -> c == mark || Character.isWhitespace(c));
    }

    /** The trimmed cells between separators; never used for {@link #ALIGNED}. */
    List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == mark) {
                cells.add(line.substring(start, i).strip());
                start = i + 1;
            }
        }
        return cells;
    }
}
