package dev.mapiagent.collector.error;

/** Too much at once (a full ingest queue, too many failed logins): the caller may try again later. */
public final class BusyException extends CollectorException {

    public BusyException(String error, String detail) {
        super(error, detail);
    }

    /** Busy for now; the caller may try again after the given seconds. */
    public static BusyException tryAgainIn(String error, int retryAfterSeconds) {
        return new BusyException(error, retryAfterSeconds);
    }

    private BusyException(String error, int retryAfterSeconds) {
        super(error, "try again in " + retryAfterSeconds + " s", retryAfterSeconds);
    }
}
