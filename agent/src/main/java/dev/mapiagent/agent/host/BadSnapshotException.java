package dev.mapiagent.agent.host;

/** A snapshot directory or one of its files is malformed: bad input, exit code 2. */
public class BadSnapshotException extends BadInputException {

    private static final long serialVersionUID = 1L;

    public BadSnapshotException(String message) {
        super(message);
    }

    public BadSnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
