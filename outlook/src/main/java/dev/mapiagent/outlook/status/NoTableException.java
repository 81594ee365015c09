package dev.mapiagent.outlook.status;

/** The text holds no line that reads as a Connection Status header. */
public class NoTableException extends StatusParseException {

    private static final long serialVersionUID = 1L;

    public NoTableException(String message) {
        super(message);
    }
}
