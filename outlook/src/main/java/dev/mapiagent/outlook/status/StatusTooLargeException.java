package dev.mapiagent.outlook.status;

/** The text (or the file about to be read) is over {@link ConnectionStatusParser#MAX_INPUT}. */
public class StatusTooLargeException extends StatusParseException {

    private static final long serialVersionUID = 1L;

    public StatusTooLargeException(String message) {
        super(message);
    }
}
