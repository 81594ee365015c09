package dev.mapiagent.outlook.status;

/** The text is not a readable Connection Status table; the message is one line a helpdesk can act on (exit 2). */
public class StatusParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StatusParseException(String message) {
        super(message);
    }
}
