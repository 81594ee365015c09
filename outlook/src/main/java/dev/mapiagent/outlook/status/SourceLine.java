package dev.mapiagent.outlook.status;

import dev.mapiagent.protocol.UnreadableLine;
import java.util.ArrayList;
import java.util.List;

/** One line of the input with its 1-based number; CRLF, LF and CR all end a line. */
record SourceLine(int number, String text) {

    /** Unreadable lines are shown to people and sent in reports; a pasted megabyte on one line is not. */
    private static final int MAX_SHOWN = 200;

    static List<SourceLine> of(String text) {
        List<SourceLine> lines = new ArrayList<>();
        int start = 0;
        int number = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(new SourceLine(number++, text.substring(start, i)));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(new SourceLine(number, text.substring(start)));
        }
        return lines;
    }

    boolean isBlank() {
        return text.isBlank();
    }

    UnreadableLine unreadable(String reason) {
        String shown = text.strip();
        if (shown.length() > MAX_SHOWN) {
            shown = shown.substring(0, MAX_SHOWN) + "…";
        }
        return new UnreadableLine(number, shown, reason);
    }
}
