package dev.mapiagent.outlook.status;

import java.util.ArrayList;
import java.util.List;

/** A run of non-blank characters in a line, with its position: column-aligned tables are read by position. */
record Word(int start, int end) {

    static List<Word> in(String line) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(new Word(start, i));
            }
        }
        return words;
    }

    String of(String line) {
        return line.substring(start, end);
    }

    /** True when {@code next} follows after exactly one space, as inside a cell like {@code SSL [No]}. */
    boolean joinedTo(Word next) {
        return next.start == end + 1;
    }
}
