package dev.mapiagent.outlook.autodiscover;

import dev.mapiagent.outlook.InputException;

/**
 * An Autodiscover cache file that cannot be read as a response. The message is always one line,
 * so the CLI and reports can show it as is.
 */
public class AutodiscoverParseException extends InputException {

    private static final long serialVersionUID = 1L;

    public AutodiscoverParseException(String message) {
        super(oneLine(message));
    }

    public AutodiscoverParseException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        return message == null ? "unreadable Autodiscover response" : message.replaceAll("\\s+", " ").strip();
    }
}
