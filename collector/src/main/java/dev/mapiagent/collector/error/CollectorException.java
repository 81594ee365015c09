package dev.mapiagent.collector.error;

/**
 * A failure the caller caused or must know about, told as a one-line error and an optional detail. The web API
 * maps each kind to its HTTP status in one place. No stack trace is kept: these are expected outcomes, not bugs.
 */
public abstract sealed class CollectorException extends RuntimeException permits InvalidException,
        NotAuthenticatedException, RefusedException, NotFoundException, ConflictException, TooLargeException,
        UnsupportedContentException, BusyException, ShuttingDownException, UnavailableException {

    private final String detail;
    private final Integer retryAfterSeconds;

    protected CollectorException(String error, String detail) {
        this(error, detail, null);
    }

    protected CollectorException(String error, String detail, Integer retryAfterSeconds) {
        super(error, null, false, false);
        this.detail = detail;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String error() {
        return getMessage();
    }

    public String detail() {
        return detail;
    }

    /** When the caller may try again, in seconds; null when not said. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
