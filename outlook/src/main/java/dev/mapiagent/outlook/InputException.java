package dev.mapiagent.outlook;

/**
 * Text handed to a parser cannot be read: its message is one line that says what is wrong and
 * where, fit to show a helpdesk (the CLI prints it and exits 2, the collector answers 400).
 */
public class InputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
