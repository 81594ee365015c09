package dev.mapiagent.collector.error;

/** The request clashes with the current state (a command in flight, a name taken, a finished command). */
public final class ConflictException extends CollectorException {

    public ConflictException(String error, String detail) {
        super(error, detail);
    }
}
