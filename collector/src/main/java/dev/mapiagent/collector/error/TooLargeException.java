package dev.mapiagent.collector.error;

/** The request body or pasted text is over the size limit. */
public final class TooLargeException extends CollectorException {

    public TooLargeException(String error, String detail) {
        super(error, detail);
    }
}
