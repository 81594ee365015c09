package dev.mapiagent.collector.error;

/** The request is malformed or breaks a rule (a bad field, parameter, name or report). */
public final class InvalidException extends CollectorException {

    public InvalidException(String error, String detail) {
        super(error, detail);
    }
}
