package dev.mapiagent.outlook.status;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The header line of a table: its separator and its columns in order. For aligned tables each column
 * also has the position where its name starts, which is where its cells start in the rows below.
 */
record TableHeader(Separator separator, List<HeaderCell> cells) {

    /** One header cell; {@code column} is null for a header this parser does not know. */
    record HeaderCell(Column column, int start) {
    }

    TableHeader {
        cells = List.copyOf(cells);
    }

    /**
     * The header a line holds, if it is one: it names a Protocol column and a Server name or Proxy Server
     * column, and more of its cells are known column names than not (so prose mentioning "protocol" is no header).
     */
    static Optional<TableHeader> read(String line) {
        if (!line.toLowerCase(Locale.ROOT).contains("protocol")) {
            return Optional.empty();
        }
        Separator separator = Separator.of(line);
        List<HeaderCell> cells = separator == Separator.ALIGNED ? alignedCells(line) : separatedCells(line, separator);
        long known = cells.stream().filter(cell -> cell.column() != null).count();
        boolean hasServer = has(cells, Column.SERVER_NAME) || has(cells, Column.PROXY_SERVER);
        if (has(cells, Column.PROTOCOL) && hasServer && known > cells.size() - known) {
            return Optional.of(new TableHeader(separator, cells));
        }
        return Optional.empty();
    }

    boolean has(Column column) {
        return has(cells, column);
    }

    boolean hasOutlookOnlyColumn() {
        return cells.stream().anyMatch(cell -> cell.column() != null && cell.column().outlookOnly());
    }

    /** Splits a row of this table into its known columns' cells. */
    RawRow row(SourceLine line) throws UnreadableRow {
        List<String> texts = separator == Separator.ALIGNED ? alignedTexts(line.text()) : separatedTexts(line.text());
        if (texts.size() != cells.size()) {
            throw new UnreadableRow("has " + texts.size() + " cells where the header has " + cells.size());
        }
        Map<Column, String> byColumn = new EnumMap<>(Column.class);
        for (int i = 0; i < cells.size(); i++) {
            Column column = cells.get(i).column();
            if (column != null && !texts.get(i).isEmpty()) {
                byColumn.putIfAbsent(column, texts.get(i));
            }
        }
        return new RawRow(line, byColumn);
    }

    private static boolean has(List<HeaderCell> cells, Column column) {
        return cells.stream().anyMatch(cell -> cell.column() == column);
    }

    private static List<HeaderCell> separatedCells(String line, Separator separator) {
        List<String> texts = separator.split(line);
        dropEmptyEdges(texts, 0);
        return texts.stream().map(text -> new HeaderCell(Column.named(text), 0)).toList();
    }

    /** Column names like "Proxy Server" hold one space, so two words joined by one space are tried as a name first. */
    private static List<HeaderCell> alignedCells(String line) {
        List<Word> words = Word.in(line);
        List<HeaderCell> cells = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            Word word = words.get(i);
            if (i + 1 < words.size() && word.joinedTo(words.get(i + 1))) {
                Column pair = Column.named(line.substring(word.start(), words.get(i + 1).end()));
                if (pair != null) {
                    cells.add(new HeaderCell(pair, word.start()));
                    i += 2;
                    continue;
                }
            }
            cells.add(new HeaderCell(Column.named(word.of(line)), word.start()));
            i++;
        }
        return cells;
    }

    /**
     * Outer pipes ({@code | a | b |}) are optional on either side, so empty edge cells go only while there
     * are more cells than columns. Editors strip trailing tabs, so a tab row may end early: its last cells are empty.
     */
    private List<String> separatedTexts(String line) {
        List<String> texts = separator.split(line);
        dropEmptyEdges(texts, cells.size());
        while (separator == Separator.TAB && texts.size() < cells.size()) {
            texts.add("");
        }
        return texts;
    }

    private static void dropEmptyEdges(List<String> texts, int wanted) {
        if (texts.size() > wanted && texts.get(0).isEmpty()) {
            texts.remove(0);
        }
        if (texts.size() > wanted && !texts.isEmpty() && texts.get(texts.size() - 1).isEmpty()) {
            texts.remove(texts.size() - 1);
        }
    }

    /** Each word belongs to the last column starting at or before it, so a long value may overrun its column. */
    private List<String> alignedTexts(String line) {
        List<StringBuilder> texts = new ArrayList<>();
        cells.forEach(cell -> texts.add(new StringBuilder()));
        int column = 0;
        int previousEnd = -1;
        for (Word word : Word.in(line)) {
            while (column + 1 < cells.size() && cells.get(column + 1).start() <= word.start()) {
                column++;
            }
            StringBuilder text = texts.get(column);
            if (!text.isEmpty()) {
                text.append(line, previousEnd, word.start());
            }
            text.append(word.of(line));
            previousEnd = word.end();
        }
        return texts.stream().map(StringBuilder::toString).toList();
    }
}
