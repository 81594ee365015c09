package dev.mapiagent.agent.host;

/**
 * Input the user or the administrator gave cannot be used (an option, a setting, a snapshot, a journal id): printed
 * as one line, exit code 2. Every such failure of the agent is one of these; the outlook parsers' own is their
 * {@code InputException}.
 */
public class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
